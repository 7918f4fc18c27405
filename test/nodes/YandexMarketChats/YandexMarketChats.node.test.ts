import { NodeApiError, NodeOperationError, sleep, Workflow } from 'n8n-workflow';
import type { INode, INodeProperties, INodePropertyOptions, INodeTypes } from 'n8n-workflow';

import { YandexMarketChats } from '../../../nodes/YandexMarketChats/YandexMarketChats.node';
import * as transport from '../../../nodes/YandexMarketChats/transport';
import * as methodCalls from '../../../nodes/YandexMarketChats/transport/api';
import { LIMITS } from '../../../nodes/YandexMarketChats/shared/contract';
import codex from '../../../nodes/YandexMarketChats/YandexMarketChats.node.json';
import { mockExecuteCtx, NODE, rl } from '../../helpers/executeContext';

jest.mock('../../../nodes/YandexMarketChats/transport');
jest.mock('../../../nodes/YandexMarketChats/transport/api');
const api = jest.mocked(transport);
/** What the operations call: the methods they declare, through transport/api.ts. */
const calls = jest.mocked(methodCalls);
const node = new YandexMarketChats();

describe('YandexMarketChats: description', () => {
	const d = node.description;
	const props = d.properties;
	const byName = (name: string) => props.filter((p) => p.name === name);

	it('has the agreed identity, tool flag, subtitle, icons and credential', () => {
		expect(d).toMatchObject({
			displayName: 'Yandex Market Chats',
			name: 'yandexMarketChats',
			group: ['transform'],
			version: 1,
			usableAsTool: true,
			icon: { light: 'file:yandexMarket.svg', dark: 'file:yandexMarket.dark.svg' },
			credentials: [{ name: 'yandexMarketApi', required: true }],
			inputs: ['main'],
			outputs: ['main'],
		});
	});

	it("subtitle reads as words, evaluated by n8n's own expression engine as the canvas does", () => {
		const nodeTypes = {
			getByName: () => node,
			getByNameAndVersion: () => node,
			getKnownTypes: () => ({}),
		} as unknown as INodeTypes;
		const subtitle = (parameters: Record<string, string>) => {
			const n: INode = {
				id: '1',
				name: 'Yandex Market Chats',
				type: 'n8n-nodes-yandex-market.yandexMarketChats',
				typeVersion: 1,
				position: [0, 0],
				parameters,
			};
			const workflow = new Workflow({ nodes: [n], connections: {}, active: false, nodeTypes });
			return workflow.expression.getSimpleParameterValue(n, d.subtitle as string, 'internal', {});
		};
		expect(subtitle({ resource: 'chat', operation: 'getAll' })).toBe('Get Many: Chat');
		expect(subtitle({ resource: 'chat', operation: 'getHistory' })).toBe('Get History: Chat');
		expect(subtitle({ resource: 'message', operation: 'sendFile' })).toBe('Send File: Message');
		// Every operation has words; a pair the node does not know falls back to the raw values.
		for (const p of byName('operation')) {
			const r = (p.displayOptions?.show?.resource as string[])[0];
			for (const o of p.options as INodePropertyOptions[]) {
				expect(subtitle({ resource: r, operation: String(o.value) })).toBe(
					`${o.name}: ${r[0].toUpperCase()}${r.slice(1)}`,
				);
			}
		}
		expect(subtitle({ resource: 'chat', operation: '__CUSTOM_API_CALL__' })).toBe(
			'__CUSTOM_API_CALL__: chat',
		);
	});

	it('codex names the package node and the Communication and Sales categories', () => {
		expect(codex.node).toBe('n8n-nodes-yandex-market.yandexMarketChats');
		expect(codex.categories).toEqual(['Communication', 'Sales']);
	});

	it('offers the agreed operations per resource, each with an action', () => {
		const ops = byName('operation');
		const map = Object.fromEntries(
			ops.map((p) => [
				(p.displayOptions?.show?.resource as string[])[0],
				(p.options as INodePropertyOptions[]).map((o) => [o.value, o.action]),
			]),
		);
		expect(map).toEqual({
			chat: [
				['create', 'Create a chat'],
				['get', 'Get a chat'],
				['getHistory', 'Get the history of a chat'],
				['getAll', 'Get many chats'],
			],
			message: [
				['get', 'Get a message'],
				['send', 'Send a message'],
				['sendFile', 'Send a file'],
			],
		});
	});

	it('has businessId and chatId as resource locators with list and id modes', () => {
		const [business] = byName('businessId');
		expect(business.type).toBe('resourceLocator');
		expect(business.modes?.map((m) => m.name)).toEqual(['list', 'id']);
		expect(business.modes?.[0].typeOptions?.searchListMethod).toBe('searchBusinesses');
		for (const chat of byName('chatId')) {
			expect(chat.modes?.map((m) => m.name)).toEqual(['list', 'id']);
			expect(chat.modes?.[0].typeOptions?.searchListMethod).toBe('searchChats');
		}
		expect(Object.keys(node.methods.listSearch).sort()).toEqual([
			'searchBusinesses',
			'searchChats',
		]);
	});

	it('shows a chat locator for every operation that needs one, and only those', () => {
		const shown = byName('chatId').flatMap((p) =>
			(p.displayOptions?.show?.operation as string[]).map(
				(op) => `${p.displayOptions?.show?.resource}:${op}`,
			),
		);
		expect(shown.sort()).toEqual(
			['chat:get', 'chat:getHistory', 'message:get', 'message:send', 'message:sendFile'].sort(),
		);
	});

	it('sorts every options list alphabetically and starts boolean descriptions with "Whether"', () => {
		const walk = (list: INodeProperties[]): void => {
			for (const p of list) {
				if (p.type === 'options' || p.type === 'multiOptions') {
					const names = (p.options as INodePropertyOptions[]).map((o) => o.name);
					expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
				}
				if (p.type === 'boolean') expect(p.description).toMatch(/^Whether /);
				if (p.type === 'collection') walk(p.options as INodeProperties[]);
			}
		};
		walk(props);
	});

	it('offers rateLimitWaitSeconds (default 60) on every operation', () => {
		const options = byName('options');
		expect(options).toHaveLength(7);
		for (const o of options) {
			const wait = (o.options as INodeProperties[]).find((x) => x.name === 'rateLimitWaitSeconds');
			expect(wait?.default).toBe(60);
		}
	});

	it("offers Parallel Requests (default and maximum Yandex's per-cabinet limit) on the reads only", () => {
		const withOption = byName('options')
			.filter((o) => (o.options as INodeProperties[]).some((x) => x.name === 'parallelRequests'))
			.map((o) => `${o.displayOptions?.show?.resource}:${o.displayOptions?.show?.operation}`);
		expect(withOption.sort()).toEqual([
			'chat:get',
			'chat:getAll',
			'chat:getHistory',
			'message:get',
		]);
		const option = (byName('options')[0].options as INodeProperties[]).find(
			(x) => x.name === 'parallelRequests',
		);
		expect(option).toMatchObject({
			default: LIMITS.parallelRequests,
			typeOptions: { minValue: 1, maxValue: LIMITS.parallelRequests },
		});
	});
});

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
