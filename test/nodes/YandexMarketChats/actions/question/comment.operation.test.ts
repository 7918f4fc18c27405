import * as op from '../../../../../nodes/YandexMarketChats/actions/question/comment.operation';
import * as transport from '../../../../../nodes/YandexMarketChats/transport/api';
import { mockExecuteCtx, rl } from '../../../../helpers/executeContext';

jest.mock('../../../../../nodes/YandexMarketChats/transport/api');
const api = jest.mocked(transport);

describe('question: comment', () => {
	it('CREATEs under the answer and returns the new comment ID', async () => {
		api.callMethod.mockResolvedValue({ entity: { id: '84010', type: 'COMMENT' } });
		const ctx = mockExecuteCtx({ businessId: rl('10001'), answerId: '83002', text: 'Thanks!' });
		const out = await op.execute.call(ctx, 0);
		expect(api.callMethod.mock.calls[0][0].body).toEqual({
			operationType: 'CREATE',
			parentEntityId: { id: '83002', type: 'ANSWER' },
			text: 'Thanks!',
		});
		expect(out[0].json).toEqual({
			success: true,
			businessId: '10001',
			answerId: '83002',
			commentId: '84010',
			text: 'Thanks!',
		});
	});
});
