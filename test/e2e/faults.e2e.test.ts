/**
 * The action node in a real n8n under load and faults: reads for many items overlap up to Yandex's 4 parallel
 * requests per cabinet (the sandbox counts the most it saw in flight), sends stay one at a time in input order, and
 * faults are met as Yandex's timeouts demand: a read that never gets an answer fails within about a minute saying
 * Yandex did not answer in time, a hung or dropped send is made exactly once, 5xx reads are retried and 420s
 * waited out. About 2 minutes, most of it the one-minute hung read.
 */
import { SANDBOX_SEED } from '../../sandbox';
import { actionNode, byId, chain, node, nodeOutput, useE2E } from '../../harness';
import type { RunResult } from '../../harness';

const e2e = useE2E('faults', {
	mode: 'regular',
	testTimeoutMs: 300_000,
	// 30 ms per answer: overlapping requests really overlap at the sandbox.
	sandbox: { latencyMs: 30 },
});

const BUSINESS = SANDBOX_SEED.businessId;

beforeEach(async () => {
	await e2e.control.reset();
});

/** Manual -> "Chats" (the first `count` chats) -> "Act" with `parameters` for each chat. */
async function forEachChat(
	count: number,
	parameters: Record<string, unknown>,
	timeoutMs?: number,
): Promise<RunResult> {
	const cred = e2e.credential;
	const workflow = chain(`e2e faults ${parameters.operation as string}`, [
		node('Start', 'n8n-nodes-base.manualTrigger'),
		actionNode(
			{
				resource: 'chat',
				operation: 'getAll',
				businessId: byId(BUSINESS),
				returnAll: false,
				limit: count,
			},
			cred,
			{ name: 'Chats' },
		),
		actionNode(
			{
				businessId: byId(BUSINESS),
				chatId: { __rl: true, mode: 'id', value: '={{ $json.chatId }}' },
				...parameters,
			},
			cred,
			{ name: 'Act' },
		),
	]);
	return await e2e.n8n.runWorkflow(workflow, timeoutMs);
}

async function maxInFlight(): Promise<number> {
	return (await e2e.control.currentLimits()).maxInFlight[BUSINESS] ?? 0;
}

describe('many items', () => {
	it('Get Chat for 12 items keeps 4 requests in flight and the output in input order with pairedItem', async () => {
		const result = await forEachChat(12, { resource: 'chat', operation: 'get' });
		expect(result.status).toBe('success');
		const chats = nodeOutput(result, 'Chats');
		const got = result.runData.Act[0].data?.main?.[0] ?? [];
		expect(got.map((i) => i.json.chatId)).toEqual(chats.map((c) => c.chatId));
		expect(got.map((i) => (i as { pairedItem?: unknown }).pairedItem)).toEqual(
			chats.map((_c, i) => ({ item: i })),
		);
		// "Chats" is one request; the 12 reads after it overlap 4 at a time.
		expect(await maxInFlight()).toBe(4);
	});

	it('Parallel Requests 2 keeps 2 in flight', async () => {
		const result = await forEachChat(8, {
			resource: 'chat',
			operation: 'get',
			options: { parallelRequests: 2 },
		});
		expect(result.status).toBe('success');
		expect(await maxInFlight()).toBe(2);
	});

	it('Send Message for 6 items sends one at a time, in input order', async () => {
		const result = await forEachChat(6, {
			resource: 'message',
			operation: 'send',
			text: '=Item {{ $itemIndex }}',
		});
		expect(result.status).toBe('success');
		expect(await maxInFlight()).toBe(1);
		const chats = nodeOutput(result, 'Chats');
		const sent = await e2e.control.requests({ operationId: 'sendMessageToChat' });
		expect(sent.map((r) => [r.query.chatId, (r.body as { message: string }).message])).toEqual(
			chats.map((c, i) => [c.chatId, `Item ${i}`]),
		);
	});
});

describe('faults', () => {
	it('a read that never gets an answer fails within about a minute: Yandex did not answer in time', async () => {
		const cred = e2e.credential;
		await e2e.control.faults({ operationId: 'getChat', kind: 'hang', times: 10 });
		const started = Date.now();
		const result = await e2e.n8n.runWorkflow(
			chain('e2e hung read', [
				node('Start', 'n8n-nodes-base.manualTrigger'),
				actionNode(
					{
						resource: 'chat',
						operation: 'get',
						businessId: byId(BUSINESS),
						chatId: byId(SANDBOX_SEED.orderChatId),
					},
					cred,
					{ name: 'Act' },
				),
			]),
			150_000,
		);
		const elapsedMs = Date.now() - started;
		expect(result.status).toBe('error');
		expect(result.error).toBe('Yandex Market did not answer in time when getting a chat');
		const attempts = await e2e.control.requests({ operationId: 'getChat' });
		expect(attempts.length).toBeGreaterThanOrEqual(3);
		expect(attempts.every((r) => r.status === null)).toBe(true);
		// 15 s per attempt within a 60 s budget (it took 124.6 s before); a little slack for n8n's own run.
		expect(elapsedMs).toBeGreaterThan(45_000);
		expect(elapsedMs).toBeLessThan(70_000);
	}, 180_000);

	it.each([
		['never answers', 'hang'],
		['drops the connection', 'reset'],
	])(
		'a send whose request %s is made exactly once',
		async (_name, kind) => {
			await e2e.control.faults({
				operationId: 'sendMessageToChat',
				kind: kind as 'hang' | 'reset',
				times: 5,
			});
			const failed = await forEachChat(
				1,
				{ resource: 'message', operation: 'send', text: 'only once' },
				60_000,
			);
			expect(failed.status).toBe('error');
			if (kind === 'hang')
				expect(failed.error).toBe('Yandex Market did not answer in time when sending a message');
			const sent = await e2e.control.requests({ operationId: 'sendMessageToChat' });
			expect(sent).toHaveLength(1);
			expect((sent[0].body as { message: string }).message).toBe('only once');
		},
		90_000,
	);

	it('5xx answers to reads are retried, 420s waited out, and every item arrives', async () => {
		await e2e.control.faults([
			{ operationId: 'getChat', kind: 'status', status: 500, times: 2 },
			{ operationId: 'getChat', kind: 'status', status: 503, times: 1 },
			{
				operationId: 'getChat',
				kind: 'status',
				status: 420,
				times: 2,
				body: {
					status: 'ERROR',
					errors: [
						{
							code: 'LIMIT_EXCEEDED',
							message: `Hit rate limit of 4 parallel requests for businessId ${BUSINESS}`,
						},
					],
				},
			},
		]);
		const result = await forEachChat(6, { resource: 'chat', operation: 'get' });
		expect(result.status).toBe('success');
		const chats = nodeOutput(result, 'Chats');
		expect(nodeOutput(result, 'Act').map((c) => c.chatId)).toEqual(chats.map((c) => c.chatId));
		const statuses = (await e2e.control.requests({ operationId: 'getChat' })).map((r) => r.status);
		expect(statuses.filter((s) => s === 200)).toHaveLength(6);
		expect(statuses.filter((s) => s !== 200).sort()).toEqual([420, 420, 500, 500, 503]);
	}, 60_000);
});
