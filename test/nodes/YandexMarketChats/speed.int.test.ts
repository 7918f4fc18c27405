/**
 * How the action node spreads its items over Yandex's 4 parallel requests per cabinet, and how it meets faults, over
 * real HTTP against the sandbox through n8n-core's real request helpers. The sandbox counts what it saw: the most
 * requests in flight at once (maxInFlight), every request, the order of sends.
 *
 * The timeout tests shrink TIMEOUT_POLICY so they take a second, not a minute: the budget logic and n8n-core's real
 * timeout are what they prove; the real figures (15 s per attempt, about 60 s per read) are proven in a real n8n by
 * test/e2e/faults.e2e.test.ts.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { startSandbox, SANDBOX_KEYS, SANDBOX_SEED } from '../../../sandbox';
import type { Sandbox } from '../../../sandbox';
import { YandexMarketChats } from '../../../nodes/YandexMarketChats/YandexMarketChats.node';
import { TIMEOUT_POLICY } from '../../../nodes/YandexMarketChats/transport';
import { LIMITS } from '../../../nodes/YandexMarketChats/shared/contract';
import { createN8nContext, sandboxCredentials } from '../../helpers/n8nContext';
import { failure } from '../../helpers/failure';

let sb: Sandbox;
const node = new YandexMarketChats();
const BUSINESS = SANDBOX_SEED.businessId;
const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });

beforeAll(async () => {
	// Every answer takes 40 ms while it holds its slot, so overlapping requests really overlap at the sandbox.
	sb = await startSandbox({ port: 0, latencyMs: 40 });
});
afterAll(async () => {
	await sb.close();
});
beforeEach(async () => {
	await sb.control.reset();
});

interface Run {
	out: INodeExecutionData[];
	credentialReads: number;
	authenticatedRequests: number;
}

async function run(
	parameters: IDataObject,
	itemParameters: Record<number, IDataObject>,
	opts: { continueOnFail?: boolean } = {},
): Promise<Run> {
	const count = Object.keys(itemParameters).length;
	const { ctx, calls } = createN8nContext({
		credentials: sandboxCredentials(sb.url, SANDBOX_KEYS.communication),
		parameters: { businessId: rl(BUSINESS), ...parameters },
		itemParameters,
		items: Array.from({ length: count }, (_, i) => ({ json: { i } })),
		continueOnFail: opts.continueOnFail,
	});
	let credentialReads = 0;
	const getCredentials = ctx.getCredentials.bind(ctx);
	ctx.getCredentials = (async (...args: Parameters<typeof getCredentials>) => {
		credentialReads++;
		return await getCredentials(...args);
	}) as typeof ctx.getCredentials;
	const [out] = await node.execute.call(ctx);
	return { out, credentialReads, authenticatedRequests: calls.length };
}

async function chatIds(n: number): Promise<string[]> {
	const listed = await run(
		{ resource: 'chat', operation: 'getAll', returnAll: false, limit: n },
		{ 0: {} },
	);
	await sb.control.reset();
	return listed.out.map((o) => String(o.json.chatId));
}

const byChat = (ids: string[]) =>
	Object.fromEntries(ids.map((chatId, i) => [i, { chatId: rl(chatId) }]));

async function maxInFlight(): Promise<number> {
	return (await sb.control.currentLimits()).maxInFlight[BUSINESS] ?? 0;
}

describe('reads for many items overlap within the limit', () => {
	it('Get Chat for 16 items keeps 4 in flight, output in input order with pairedItem', async () => {
		const ids = await chatIds(16);
		const { out, credentialReads, authenticatedRequests } = await run(
			{ resource: 'chat', operation: 'get' },
			byChat(ids),
		);
		expect(await maxInFlight()).toBe(LIMITS.parallelRequests);
		expect(out.map((o) => [o.json.chatId, o.pairedItem])).toEqual(
			ids.map((id, i) => [id, { item: i }]),
		);
		// n8n's httpRequestWithAuthentication reads the credential for each of the 16 requests itself (auth stays
		// n8n's); the node's own read, for the base URL, happens once (it used to be once per request, 32 in all).
		expect(authenticatedRequests).toBe(16);
		expect(credentialReads).toBe(16 + 1);
		const requests = await sb.control.requests({ operationId: 'getChat' });
		expect(requests).toHaveLength(16);
		expect(requests.every((r) => r.status === 200 && r.valid)).toBe(true);
	});

	it('Parallel Requests lowers the number in flight', async () => {
		const ids = await chatIds(8);
		await run(
			{ resource: 'chat', operation: 'get', options: { parallelRequests: 2 } },
			byChat(ids),
		);
		expect(await maxInFlight()).toBe(2);
		await sb.control.limits({});
		await run(
			{ resource: 'chat', operation: 'get', options: { parallelRequests: 1 } },
			byChat(ids),
		);
		expect(await maxInFlight()).toBe(1);
	});

	it('Get History and Get Message overlap too, each item still in its place', async () => {
		const ids = await chatIds(6);
		const history = await run(
			{ resource: 'chat', operation: 'getHistory', returnAll: false, limit: 1, output: 'chat' },
			byChat(ids),
		);
		expect(await maxInFlight()).toBe(4);
		expect(history.out.map((o) => [o.json.chatId, o.pairedItem])).toEqual(
			ids.map((id, i) => [id, { item: i }]),
		);
	});

	it('with Continue On Fail a failed read keeps its place among the overlapping ones', async () => {
		const ids = await chatIds(6);
		ids[2] = '999999';
		const { out } = await run({ resource: 'chat', operation: 'get' }, byChat(ids), {
			continueOnFail: true,
		});
		expect(out.map((o) => o.pairedItem)).toEqual(ids.map((_id, i) => ({ item: i })));
		expect(out[2].json.error).toMatch(/999999/);
		expect(out.filter((o) => o.json.error === undefined)).toHaveLength(5);
	});

	it('after a "parallel requests" 420 it keeps to fewer slots and every item still succeeds', async () => {
		const ids = await chatIds(16);
		// Another workflow holds 2 of the cabinet's 4 slots, and answers take 300 ms: the run lasts longer than the
		// 1-2 s a refused request waits, so without narrowing the refused ones would be refused again on waking.
		await sb.control.limits({ parallelLimit: 2, latencyMs: 300 });
		const { out } = await run({ resource: 'chat', operation: 'get' }, byChat(ids));
		expect(out.map((o) => o.json.chatId)).toEqual(ids);
		const refused = (await sb.control.requests({ operationId: 'getChat' })).filter(
			(r) => r.status === 420,
		);
		// The first wave of 4 meets two refusals; after them the gate holds the 2 slots it had in flight.
		expect(refused.length).toBeGreaterThan(0);
		expect(refused.length).toBeLessThanOrEqual(3);
	}, 30_000);
});

describe('sends stay one at a time, in input order', () => {
	it('Send Message for 6 items: never two in flight, sent in input order', async () => {
		const ids = await chatIds(6);
		const { out, credentialReads, authenticatedRequests } = await run(
			{ resource: 'message', operation: 'send' },
			Object.fromEntries(ids.map((chatId, i) => [i, { chatId: rl(chatId), text: `message ${i}` }])),
		);
		expect(await maxInFlight()).toBe(1);
		expect(credentialReads).toBe(authenticatedRequests + 1);
		const sent = await sb.control.requests({ operationId: 'sendMessageToChat' });
		expect(sent.map((r) => (r.body as IDataObject).message)).toEqual(
			ids.map((_id, i) => `message ${i}`),
		);
		expect(out.map((o) => o.pairedItem)).toEqual(ids.map((_id, i) => ({ item: i })));
	});

	it('Create Chat for several items runs one at a time', async () => {
		const orders = ['40001', '40002', '40003', '40004'];
		await run(
			{ resource: 'chat', operation: 'create', contextType: 'ORDER' },
			Object.fromEntries(orders.map((contextId, i) => [i, { contextId }])),
		);
		expect(await maxInFlight()).toBe(1);
		const created = await sb.control.requests({ operationId: 'createChat' });
		expect(created.map((r) => ((r.body as IDataObject).context as IDataObject).id)).toEqual(orders);
	});
});

describe('faults on reads and sends', () => {
	const saved = { ...TIMEOUT_POLICY };
	beforeEach(() => {
		// Scaled down 1:40 (15 s -> 375 ms, 60 s -> 1.5 s, 10 s -> 250 ms).
		Object.assign(TIMEOUT_POLICY, { attemptMs: 375, readBudgetMs: 1500, minAttemptMs: 250 });
	});
	afterEach(() => {
		Object.assign(TIMEOUT_POLICY, saved);
	});

	it('a read that never gets an answer fails within the read budget, saying Yandex did not answer in time', async () => {
		const [chatId] = await chatIds(1);
		await sb.control.faults({ operationId: 'getChat', kind: 'hang', times: 10 });
		const started = Date.now();
		const error = await failure(
			run({ resource: 'chat', operation: 'get' }, { 0: { chatId: rl(chatId) } }),
		);
		const elapsed = Date.now() - started;
		expect(error.message).toBe('Yandex Market did not answer in time when getting a chat');
		expect(error.message).not.toMatch(/ECONNABORTED/);
		expect(error.description).toMatch(
			/No answer to \d attempts in \d+ s .*gives up on a request after 10 s/,
		);
		const attempts = await sb.control.requests({ operationId: 'getChat' });
		expect(attempts.length).toBeGreaterThanOrEqual(2);
		expect(attempts.every((r) => r.status === null)).toBe(true);
		// Within the budget plus one backoff's jitter and scheduling slack.
		expect(elapsed).toBeLessThan(TIMEOUT_POLICY.readBudgetMs + 1000);
		expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_POLICY.attemptMs * 2);
	});

	it.each([
		['never answers', 'hang'],
		['drops the connection after the request arrived', 'reset'],
	])('a send whose request %s is made exactly once', async (_name, kind) => {
		const [chatId] = await chatIds(1);
		await sb.control.faults({ operationId: 'sendMessageToChat', kind: kind as 'hang', times: 5 });
		const error = await failure(
			run({ resource: 'message', operation: 'send' }, { 0: { chatId: rl(chatId), text: 'once' } }),
		);
		expect(error.description).toMatch(
			/may or may not have been delivered, so it was not sent again/,
		);
		if (kind === 'hang')
			expect(error.message).toBe('Yandex Market did not answer in time when sending a message');
		expect(await sb.control.requests({ operationId: 'sendMessageToChat' })).toHaveLength(1);
	});

	it('a hung Send File is made exactly once', async () => {
		const [chatId] = await chatIds(1);
		await sb.control.faults({ operationId: 'sendFileToChat', kind: 'hang', times: 5 });
		const { ctx } = createN8nContext({
			credentials: sandboxCredentials(sb.url, SANDBOX_KEYS.communication),
			parameters: {
				resource: 'message',
				operation: 'sendFile',
				businessId: rl(BUSINESS),
				chatId: rl(chatId),
				binaryPropertyName: 'data',
			},
			items: [
				{
					json: {},
					binary: {
						data: {
							data: Buffer.from('hello').toString('base64'),
							mimeType: 'text/plain',
							fileName: 'a.txt',
						},
					},
				},
			],
		});
		const error = await failure(node.execute.call(ctx));
		expect(error.message).toBe('Yandex Market did not answer in time when sending a file');
		expect(await sb.control.requests({ operationId: 'sendFileToChat' })).toHaveLength(1);
	});

	it('reads are retried after 5xx answers and succeed', async () => {
		const ids = await chatIds(4);
		await sb.control.faults([
			{ operationId: 'getChat', kind: 'status', status: 500, times: 2 },
			{ operationId: 'getChat', kind: 'status', status: 503, times: 1 },
		]);
		const { out } = await run({ resource: 'chat', operation: 'get' }, byChat(ids));
		expect(out.map((o) => o.json.chatId)).toEqual(ids);
		const statuses = (await sb.control.requests({ operationId: 'getChat' })).map((r) => r.status);
		expect(statuses.filter((s) => s === 200)).toHaveLength(4);
		expect(statuses.filter((s) => s !== 200)).toHaveLength(3);
	}, 30_000);

	it('a slow read within the attempt timeout is not cut off', async () => {
		const [chatId] = await chatIds(1);
		await sb.control.faults({ operationId: 'getChat', kind: 'delay', delayMs: 200 });
		const { out } = await run(
			{ resource: 'chat', operation: 'get' },
			{ 0: { chatId: rl(chatId) } },
		);
		expect(out[0].json.chatId).toBe(chatId);
		expect(await sb.control.requests({ operationId: 'getChat' })).toHaveLength(1);
	});

	it('420s on concurrent reads and on a send are waited out', async () => {
		const ids = await chatIds(4);
		const body = {
			status: 'ERROR',
			errors: [
				{
					code: 'LIMIT_EXCEEDED',
					message: `Hit rate limit of 4 parallel requests for businessId ${BUSINESS}`,
				},
			],
		};
		await sb.control.faults([
			{ operationId: 'getChat', kind: 'status', status: 420, times: 2, body },
			{ operationId: 'sendMessageToChat', kind: 'status', status: 420, times: 1, body },
		]);
		const reads = await run(
			{ resource: 'chat', operation: 'get', options: { rateLimitWaitSeconds: 5 } },
			byChat(ids),
		);
		expect(reads.out.map((o) => o.json.chatId)).toEqual(ids);
		const sent = await run(
			{ resource: 'message', operation: 'send', options: { rateLimitWaitSeconds: 5 } },
			{ 0: { chatId: rl(ids[0]), text: 'after the wait' } },
		);
		expect(sent.out[0].json.success).toBe(true);
		const sends = await sb.control.requests({ operationId: 'sendMessageToChat' });
		expect(sends.map((r) => r.status)).toEqual([420, 200]);
	}, 30_000);
});
