/**
 * The router (actions/router.ts) through the node's execute: dispatch, overlapping reads, writes in input order,
 * pairedItem, Continue On Fail and the item index on errors. The operations' calls are mocked at transport/api.ts.
 */
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { YandexMarketChats } from '../../../../nodes/YandexMarketChats/YandexMarketChats.node';
import * as transport from '../../../../nodes/YandexMarketChats/transport';
import * as methodCalls from '../../../../nodes/YandexMarketChats/transport/api';
import { mockExecuteCtx, NODE, rl } from '../../../helpers/executeContext';

jest.mock('../../../../nodes/YandexMarketChats/transport');
jest.mock('../../../../nodes/YandexMarketChats/transport/api');
const api = jest.mocked(transport);
/** What the operations call: the methods they declare, through transport/api.ts. */
const calls = jest.mocked(methodCalls);
const node = new YandexMarketChats();

describe('YandexMarketChats: execute', () => {
	/** getAll for businesses 2, 1, 3 …: item i answers after `delays[i]` ms with `businessId` chats. */
	function overlapProbe(delays: number[]) {
		const seen = { running: 0, maxRunning: 0, started: [] as string[] };
		calls.callMethodAllItems.mockImplementation(async (req) => {
			seen.started.push(req.businessId);
			seen.running++;
			seen.maxRunning = Math.max(seen.maxRunning, seen.running);
			await sleep(delays[seen.started.length - 1] ?? 1);
			seen.running--;
			const n = Number(req.businessId);
			return {
				items: Array.from({ length: n }, (_, k) => ({
					chatId: `${n}${k}`,
					context: { type: 'DIRECT' },
				})),
				result: {},
			};
		});
		return seen;
	}

	const pairs = (out: Array<{ json: { chatId?: unknown }; pairedItem?: unknown }>) =>
		out.map((o) => [o.json.chatId, o.pairedItem]);

	it('reads items concurrently and still outputs them in input order, paired with their input', async () => {
		// The first item answers last: the output must still start with it.
		const seen = overlapProbe([30, 10, 1]);
		const ctx = mockExecuteCtx(
			{ resource: 'chat', operation: 'getAll', returnAll: true },
			{
				items: [{ json: {} }, { json: {} }, { json: {} }],
				itemParams: {
					0: { businessId: rl('2') },
					1: { businessId: rl('1') },
					2: { businessId: rl('3') },
				},
			},
		);
		const [out] = await node.execute.call(ctx);
		expect(seen.maxRunning).toBe(3);
		expect(pairs(out)).toEqual([
			['20', { item: 0 }],
			['21', { item: 0 }],
			['10', { item: 1 }],
			['30', { item: 2 }],
			['31', { item: 2 }],
			['32', { item: 2 }],
		]);
		expect(api.openExecutionScope).toHaveBeenCalledWith(ctx, { parallelRequests: 4 });
	});

	it('keeps at most Parallel Requests items in flight, never more than 4, starting them in input order', async () => {
		const run = async (parallelRequests: number | undefined) => {
			const seen = overlapProbe(Array.from({ length: 12 }, (_, k) => 1 + (k % 3) * 3));
			const ctx = mockExecuteCtx(
				{
					resource: 'chat',
					operation: 'getAll',
					returnAll: true,
					options: parallelRequests === undefined ? {} : { parallelRequests },
				},
				{
					items: Array.from({ length: 12 }, () => ({ json: {} })),
					itemParams: Object.fromEntries(
						Array.from({ length: 12 }, (_, k) => [k, { businessId: rl(String(k + 1)) }]),
					),
				},
			);
			const [out] = await node.execute.call(ctx);
			expect(seen.started).toEqual(Array.from({ length: 12 }, (_, k) => String(k + 1)));
			expect(out.map((o) => (o.pairedItem as { item: number }).item)).toEqual(
				Array.from({ length: 12 }, (_, k) => Array<number>(k + 1).fill(k)).flat(),
			);
			return seen.maxRunning;
		};
		expect(await run(undefined)).toBe(4);
		expect(await run(2)).toBe(2);
		expect(await run(1)).toBe(1);
		expect(await run(9)).toBe(4);
	});

	it('refuses a Parallel Requests that is not a whole number of at least 1', async () => {
		overlapProbe([1, 1]);
		const ctx = mockExecuteCtx(
			{
				resource: 'chat',
				operation: 'getAll',
				returnAll: true,
				businessId: rl('1'),
				options: { parallelRequests: 0 },
			},
			{ items: [{ json: {} }, { json: {} }] },
		);
		await expect(node.execute.call(ctx)).rejects.toThrow(
			/Parallel Requests must be a whole number/,
		);
	});

	it('sends one item after another, in input order', async () => {
		const seen = { running: 0, maxRunning: 0, chats: [] as unknown[] };
		calls.callMethod.mockImplementation(async (req) => {
			seen.chats.push(req.qs?.chatId);
			seen.running++;
			seen.maxRunning = Math.max(seen.maxRunning, seen.running);
			await sleep(5 - seen.chats.length);
			seen.running--;
			return {};
		});
		const ctx = mockExecuteCtx(
			{ resource: 'message', operation: 'send', businessId: rl('10001'), text: 'hi' },
			{
				items: [{ json: {} }, { json: {} }, { json: {} }, { json: {} }],
				itemParams: {
					0: { chatId: rl('4') },
					1: { chatId: rl('3') },
					2: { chatId: rl('2') },
					3: { chatId: rl('1') },
				},
			},
		);
		const [out] = await node.execute.call(ctx);
		expect(seen.maxRunning).toBe(1);
		expect(seen.chats).toEqual(['4', '3', '2', '1']);
		expect(out.map((o) => [o.json.chatId, o.pairedItem])).toEqual([
			['4', { item: 0 }],
			['3', { item: 1 }],
			['2', { item: 2 }],
			['1', { item: 3 }],
		]);
		expect(api.openExecutionScope).toHaveBeenCalledWith(ctx, { parallelRequests: 1 });
	});

	it('concurrent reads without Continue On Fail throw the lowest failing item and start no later item', async () => {
		const started: string[] = [];
		calls.callMethod.mockImplementation(async (req) => {
			const chatId = String(req.qs?.chatId);
			started.push(chatId);
			// Item 2 fails first, item 1 a moment later: item 1's error is the one a one-by-one run would give.
			await sleep(chatId === '11' ? 15 : 1);
			if (chatId === '11' || chatId === '12')
				throw new NodeApiError(NODE, { message: `chat ${chatId}` }, { message: `chat ${chatId}` });
			return { chatId, context: { type: 'DIRECT' } };
		});
		const ctx = mockExecuteCtx(
			{ resource: 'chat', operation: 'get', businessId: rl('10001') },
			{
				items: Array.from({ length: 8 }, () => ({ json: {} })),
				itemParams: Object.fromEntries(
					Array.from({ length: 8 }, (_, k) => [k, { chatId: rl(String(10 + k)) }]),
				),
			},
		);
		const error = (await node.execute.call(ctx).catch((e: unknown) => e)) as NodeApiError;
		expect(error.message).toBe('chat 11');
		expect(error.context.itemIndex).toBe(1);
		// 0-3 start together; 2 fails after 1 ms, while 4 and 5 may have taken the free slots of 0 and 3.
		expect(started.length).toBeLessThan(8);
		expect(started.slice(0, 4)).toEqual(['10', '11', '12', '13']);
	});

	it('with Continue On Fail turns failed items into {error} items and runs the others', async () => {
		calls.callMethod
			.mockRejectedValueOnce(
				new NodeApiError(
					NODE,
					{ message: "Can't find chat by id: '404'" },
					{ message: "Can't find chat by id: '404'", httpCode: '404' },
				),
			)
			.mockResolvedValueOnce({});
		const ctx = mockExecuteCtx(
			{ resource: 'message', operation: 'send', businessId: rl('10001') },
			{
				continueOnFail: true,
				items: [{ json: {} }, { json: {} }, { json: {} }],
				itemParams: {
					0: { chatId: rl('404'), text: 'a' },
					1: { chatId: rl('1'), text: 'x'.repeat(5000) },
					2: { chatId: rl('2'), text: 'b' },
				},
			},
		);
		const [out] = await node.execute.call(ctx);
		expect(out).toEqual([
			{ json: { error: "Can't find chat by id: '404'" }, pairedItem: { item: 0 } },
			{
				json: { error: 'Text is too long: 5000 characters, Yandex Market accepts at most 4096' },
				pairedItem: { item: 1 },
			},
			{
				json: { success: true, businessId: '10001', chatId: '2', message: 'b' },
				pairedItem: { item: 2 },
			},
		]);
		expect(calls.callMethod).toHaveBeenCalledTimes(2);
	});

	it('without Continue On Fail stops at the first failure with the item index', async () => {
		calls.callMethod.mockResolvedValue({});
		const ctx = mockExecuteCtx(
			{ resource: 'message', operation: 'send', businessId: rl('10001'), chatId: rl('1') },
			{
				items: [{ json: {} }, { json: {} }, { json: {} }],
				itemParams: { 0: { text: 'ok' }, 1: { text: '' }, 2: { text: 'never' } },
			},
		);
		const error = await node.execute.call(ctx).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
		expect(calls.callMethod).toHaveBeenCalledTimes(1);
	});

	it('rethrows the transport NodeApiError unchanged (Yandex message kept) and stamps the item index', async () => {
		const apiError = new NodeApiError(
			NODE,
			{ message: 'x' },
			{
				message: 'Token does not have any of the scopes to access the API method',
				httpCode: '403',
			},
		);
		calls.callMethod.mockRejectedValue(apiError);
		const ctx = mockExecuteCtx(
			{ resource: 'chat', operation: 'get', businessId: rl('10001'), chatId: rl('1') },
			{ items: [{ json: {} }, { json: {} }] },
		);
		const error = await node.execute.call(ctx).catch((e: unknown) => e);
		expect(error).toBe(apiError);
		expect((error as NodeApiError).message).toBe(
			'Token does not have any of the scopes to access the API method',
		);
		expect((error as NodeApiError).context.itemIndex).toBe(0);
	});

	it('wraps unexpected errors in a NodeOperationError with the item index', async () => {
		calls.callMethod.mockRejectedValue(new TypeError('boom'));
		const ctx = mockExecuteCtx({
			resource: 'chat',
			operation: 'get',
			businessId: rl('10001'),
			chatId: rl('1'),
		});
		const error = await node.execute.call(ctx).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe('boom');
		expect((error as NodeOperationError).context.itemIndex).toBe(0);
	});

	it('rejects an unknown operation', async () => {
		const ctx = mockExecuteCtx({ resource: 'chat', operation: 'delete' });
		await expect(node.execute.call(ctx)).rejects.toThrow(
			'The operation "delete" is not supported for resource "chat"',
		);
	});
});
