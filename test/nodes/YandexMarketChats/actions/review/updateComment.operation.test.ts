import * as op from '../../../../../nodes/YandexMarketChats/actions/review/updateComment.operation';
import * as transport from '../../../../../nodes/YandexMarketChats/transport/api';
import { mockExecuteCtx, rl } from '../../../../helpers/executeContext';

jest.mock('../../../../../nodes/YandexMarketChats/transport/api');
const api = jest.mocked(transport);

describe('review: updateComment', () => {
	it('sends the edited comment as comment.id with the new text', async () => {
		api.callMethod.mockResolvedValue({ id: '81002', text: 'New text' });
		const ctx = mockExecuteCtx({
			businessId: rl('10001'),
			feedbackId: '80002',
			commentId: '81002',
			text: 'New text',
		});
		const out = await op.execute.call(ctx, 0);
		expect(api.callMethod.mock.calls[0][0]).toMatchObject({
			apiMethod: { operationId: 'updateGoodsFeedbackComment', doing: 'editing a review comment' },
			body: { feedbackId: '80002', comment: { id: '81002', text: 'New text' } },
		});
		expect(out[0].json).toMatchObject({ success: true, commentId: '81002', text: 'New text' });
	});
});
