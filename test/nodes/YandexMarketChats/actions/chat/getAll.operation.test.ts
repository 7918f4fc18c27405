import * as op from '../../../../../nodes/YandexMarketChats/actions/chat/getAll.operation';
import * as transport from '../../../../../nodes/YandexMarketChats/transport/api';
import { mockExecuteCtx, rl } from '../../../../helpers/executeContext';
import { CHAT, FLAT } from './fixtures';

jest.mock('../../../../../nodes/YandexMarketChats/transport/api');
const api = jest.mocked(transport);

describe('chat: getAll', () => {
	it('sends an empty filter body when no filters are set and passes the limit', async () => {
		api.callMethodAllItems.mockResolvedValue({ items: [CHAT, CHAT], result: {} });
		const ctx = mockExecuteCtx({ businessId: rl('10001'), returnAll: false, limit: 7 });
		const out = await op.execute.call(ctx, 0);
		expect(api.callMethodAllItems).toHaveBeenCalledWith({
			apiMethod: expect.objectContaining({ operationId: 'getChats' }),
			businessId: '10001',
			body: {},
			itemsKey: 'chats',
			limit: 7,
			itemIndex: 0,
			maxRateLimitWaitMs: 60_000,
		});
		expect(out).toEqual([{ json: FLAT }, { json: FLAT }]);
	});

	it('builds statuses, types, context types and contexts; never the deprecated orderIds', async () => {
		api.callMethodAllItems.mockResolvedValue({ items: [], result: {} });
		const ctx = mockExecuteCtx({
			businessId: rl('10001'),
			returnAll: true,
			filters: {
				statuses: ['WAITING_FOR_PARTNER', 'NEW', 'NEW'],
				types: ['CHAT'],
				contextTypes: [],
				contexts: {
					context: [
						{ type: 'ORDER', id: '40001' },
						{ type: 'RETURN', id: ' 50001 ' },
						{ type: 'ORDER', id: '40001' },
					],
				},
			},
		});
		expect(await op.execute.call(ctx, 0)).toEqual([]);
		const req = api.callMethodAllItems.mock.calls[0][0];
		expect(req.limit).toBeUndefined();
		expect(req.body).toEqual({
			statuses: ['WAITING_FOR_PARTNER', 'NEW'],
			types: ['CHAT'],
			contexts: [
				{ type: 'ORDER', id: '40001' },
				{ type: 'RETURN', id: '50001' },
			],
		});
	});

	it('names the bad field of a context filter', async () => {
		const ctx = mockExecuteCtx({
			businessId: rl('10001'),
			returnAll: true,
			filters: { contexts: { context: [{ type: 'RETURN', id: 'x1' }] } },
		});
		await expect(op.execute.call(ctx, 0)).rejects.toThrow(
			'Return ID must be a positive integer ID, got "x1"',
		);
		expect(api.callMethodAllItems).not.toHaveBeenCalled();
	});

	it('rejects a limit below 1', async () => {
		const ctx = mockExecuteCtx({ businessId: rl('10001'), returnAll: false, limit: 0 });
		await expect(op.execute.call(ctx, 0)).rejects.toThrow(
			'Limit must be a whole number of at least 1, got 0',
		);
	});
});
