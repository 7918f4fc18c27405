import * as op from '../../../../../nodes/YandexMarketChats/actions/review/getComment.operation';
import * as transport from '../../../../../nodes/YandexMarketChats/transport/api';
import { mockExecuteCtx, rl } from '../../../../helpers/executeContext';

jest.mock('../../../../../nodes/YandexMarketChats/transport/api');
const api = jest.mocked(transport);

describe('review: getComment', () => {
	it('finds one comment by commentIds and returns its review ID', async () => {
		api.callMethod.mockResolvedValue({
			comments: [{ id: '81003', feedbackId: '80002', text: 'Thanks', status: 'PUBLISHED' }],
		});
		const ctx = mockExecuteCtx({ businessId: rl('10001'), commentId: '81003' });
		const out = await op.execute.call(ctx, 0);
		expect(api.callMethod.mock.calls[0][0]).toMatchObject({
			apiMethod: { operationId: 'getGoodsFeedbackComments' },
			body: { commentIds: ['81003'] },
		});
		expect(out[0].json).toMatchObject({ commentId: '81003', feedbackId: '80002' });
	});

	it('a comment Yandex does not return is an error naming it', async () => {
		api.callMethod.mockResolvedValue({ comments: [] });
		const ctx = mockExecuteCtx({ businessId: rl('10001'), commentId: '81999' });
		await expect(op.execute.call(ctx, 0)).rejects.toThrow(
			'Comment ID 81999 was not found in business 10001',
		);
	});
});
