import * as op from '../../../../../nodes/YandexMarketChats/actions/review/deleteComment.operation';
import * as transport from '../../../../../nodes/YandexMarketChats/transport/api';
import { mockExecuteCtx, rl } from '../../../../helpers/executeContext';

jest.mock('../../../../../nodes/YandexMarketChats/transport/api');
const api = jest.mocked(transport);

describe('review: deleteComment', () => {
	it('sends { id } and reports the deletion', async () => {
		api.callMethod.mockResolvedValue({});
		const ctx = mockExecuteCtx({ businessId: rl('10001'), commentId: '81002' });
		const out = await op.execute.call(ctx, 0);
		expect(api.callMethod.mock.calls[0][0]).toMatchObject({
			apiMethod: { operationId: 'deleteGoodsFeedbackComment', repeatable: false },
			body: { id: '81002' },
		});
		expect(out[0].json).toEqual({
			success: true,
			businessId: '10001',
			commentId: '81002',
			deleted: true,
		});
	});
});
