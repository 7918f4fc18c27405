import * as op from '../../../../../nodes/YandexMarketChats/actions/review/replyToComment.operation';
import * as transport from '../../../../../nodes/YandexMarketChats/transport/api';
import { mockExecuteCtx, rl } from '../../../../helpers/executeContext';

jest.mock('../../../../../nodes/YandexMarketChats/transport/api');
const api = jest.mocked(transport);

describe('review: replyToComment', () => {
	it('sends the comment as comment.parentId', async () => {
		api.callMethod.mockResolvedValue({ id: '81010', parentId: '81003', text: 'Glad to help' });
		const ctx = mockExecuteCtx({
			businessId: rl('10001'),
			feedbackId: '80002',
			commentId: '81003',
			text: 'Glad to help',
		});
		const out = await op.execute.call(ctx, 0);
		expect(api.callMethod.mock.calls[0][0].body).toEqual({
			feedbackId: '80002',
			comment: { parentId: '81003', text: 'Glad to help' },
		});
		expect(out[0].json).toMatchObject({ commentId: '81010', parentId: '81003' });
	});

	it('needs the comment it answers', async () => {
		const ctx = mockExecuteCtx({ businessId: rl('10001'), feedbackId: '80002', text: 'Hi' });
		await expect(op.execute.call(ctx, 0)).rejects.toThrow('Comment ID must be a positive integer');
		expect(api.callMethod).not.toHaveBeenCalled();
	});
});
