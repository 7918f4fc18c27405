import * as op from '../../../../../nodes/YandexMarketChats/actions/question/delete.operation';
import * as transport from '../../../../../nodes/YandexMarketChats/transport/api';
import { mockExecuteCtx, rl } from '../../../../helpers/executeContext';

jest.mock('../../../../../nodes/YandexMarketChats/transport/api');
const api = jest.mocked(transport);

describe('question: delete', () => {
	it('DELETEs with entityId only (no text)', async () => {
		api.callMethod.mockResolvedValue({});
		const ctx = mockExecuteCtx({
			businessId: rl('10001'),
			entityType: 'COMMENT',
			commentId: '84002',
		});
		const out = await op.execute.call(ctx, 0);
		expect(api.callMethod.mock.calls[0][0]).toMatchObject({
			apiMethod: { doing: 'deleting an answer or comment' },
			body: { operationType: 'DELETE', entityId: { id: '84002', type: 'COMMENT' } },
		});
		expect(api.callMethod.mock.calls[0][0].body).not.toHaveProperty('text');
		expect(out[0].json).toEqual({
			success: true,
			businessId: '10001',
			commentId: '84002',
			deleted: true,
		});
	});
});
