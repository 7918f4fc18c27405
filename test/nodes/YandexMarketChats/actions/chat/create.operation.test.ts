import * as op from '../../../../../nodes/YandexMarketChats/actions/chat/create.operation';
import * as transport from '../../../../../nodes/YandexMarketChats/transport/api';
import { mockExecuteCtx, rl } from '../../../../helpers/executeContext';

jest.mock('../../../../../nodes/YandexMarketChats/transport/api');
const api = jest.mocked(transport);

describe('chat: create', () => {
	it.each([
		['ORDER', { orderId: '40001' }],
		['RETURN', { returnId: '40001' }],
	])('sends context %s with its ID and reports the chat', async (contextType, idField) => {
		api.callMethod.mockResolvedValue({ chatId: '777' });
		const ctx = mockExecuteCtx({ businessId: rl('10001'), contextType, contextId: '40001' });
		const out = await op.execute.call(ctx, 0);
		expect(api.callMethod).toHaveBeenCalledWith({
			apiMethod: expect.objectContaining({ operationId: 'createChat' }),
			businessId: '10001',
			body: { context: { type: contextType, id: '40001' } },
			itemIndex: 0,
			maxRateLimitWaitMs: 60_000,
		});
		expect(out).toEqual([
			{ json: { businessId: '10001', chatId: '777', contextType, ...idField } },
		]);
	});

	it('names the order ID when it is invalid', async () => {
		const ctx = mockExecuteCtx({ businessId: rl('10001'), contextType: 'ORDER', contextId: '' });
		await expect(op.execute.call(ctx, 0)).rejects.toThrow(
			'Order ID must be a positive integer ID, got nothing',
		);
	});

	it('refuses DIRECT, which sellers cannot create', async () => {
		const ctx = mockExecuteCtx({ businessId: rl('10001'), contextType: 'DIRECT', contextId: '1' });
		await expect(op.execute.call(ctx, 0)).rejects.toThrow(
			'Context Type must be ORDER or RETURN, got "DIRECT"',
		);
	});
});
