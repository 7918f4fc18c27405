import { NodeOperationError } from 'n8n-workflow';

import * as op from '../../../../../nodes/YandexMarketChats/actions/chat/get.operation';
import * as transport from '../../../../../nodes/YandexMarketChats/transport/api';
import { mockExecuteCtx, rl } from '../../../../helpers/executeContext';
import { CHAT, FLAT } from './fixtures';

jest.mock('../../../../../nodes/YandexMarketChats/transport/api');
const api = jest.mocked(transport);

describe('chat: get', () => {
	it('calls getChat with chatId as a query parameter and flattens the context by default', async () => {
		api.callMethod.mockResolvedValue(CHAT);
		const ctx = mockExecuteCtx({
			businessId: rl('10001', 'list'),
			chatId: rl(' 9007199254740993 '),
		});
		const out = await op.execute.call(ctx, 0);
		expect(api.callMethod).toHaveBeenCalledWith({
			apiMethod: expect.objectContaining({ operationId: 'getChat' }),
			businessId: '10001',
			qs: { chatId: '9007199254740993' },
			itemIndex: 0,
			maxRateLimitWaitMs: 60_000,
		});
		expect(out).toEqual([{ json: FLAT }]);
	});

	it('returns the raw chat with Simplify off and passes the rate-limit budget', async () => {
		api.callMethod.mockResolvedValue(CHAT);
		const ctx = mockExecuteCtx({
			businessId: rl('10001'),
			chatId: rl('5'),
			options: { simplify: false, rateLimitWaitSeconds: 2.5 },
		});
		const out = await op.execute.call(ctx, 0);
		expect(out[0].json).toEqual({ businessId: '10001', ...CHAT });
		expect(api.callMethod.mock.calls[0][0].maxRateLimitWaitMs).toBe(2500);
	});

	it.each([
		[
			'businessId',
			{ businessId: rl('abc'), chatId: rl('1') },
			'Business ID must be a positive integer ID, got "abc"',
		],
		[
			'businessId empty',
			{ businessId: rl(''), chatId: rl('1') },
			'Business ID must be a positive integer ID, got nothing',
		],
		[
			'chatId zero',
			{ businessId: rl('1'), chatId: rl('0') },
			'Chat ID must be a positive integer ID, got "0"',
		],
		[
			'chatId negative',
			{ businessId: rl('1'), chatId: rl('-5') },
			'Chat ID must be a positive integer ID, got "-5"',
		],
		[
			'chatId fraction',
			{ businessId: rl('1'), chatId: rl('1.5') },
			'Chat ID must be a positive integer ID',
		],
	])('rejects an invalid %s before any request', async (_name, params, message) => {
		const ctx = mockExecuteCtx(params);
		const error = await op.execute.call(ctx, 3).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toContain(message);
		expect((error as NodeOperationError).context.itemIndex).toBe(3);
		expect(api.callMethod).not.toHaveBeenCalled();
	});
});
