/**
 * The trigger in a real n8n (the packed package installed as a community package), fed by the sandbox playing
 * Yandex's notification sender: every answer is judged the way Yandex judges it (`ok`, `problems`).
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { sleep } from 'n8n-workflow';
import { SANDBOX_SEED } from '../../sandbox';
import type { DeliveryRecord, Sandbox } from '../../sandbox';
import { triggerWorkflow, useE2E } from '../../harness';
import type { Execution } from '../../harness';
import schema from '../../spec/notifications-chat.derived.schema.json';

// Mode from YM_E2E_MODE: in queue mode the notifications reach the `n8n webhook` process (where the dedup memory
// and the details lookups live) and the executions run on the worker.
// N8N_PROXY_HOPS=1: n8n trusts one reverse proxy, so the address filter judges X-Forwarded-For when it is present
// (the sandbox sends none, so its own deliveries are still judged by the socket address, 127.0.0.1).
const e2e = useE2E('trigger', {
	sandbox: { autoNotify: false },
	testTimeoutMs: 180_000,
	env: { N8N_PROXY_HOPS: '1' },
});

const ajv = new Ajv2020({ strict: false });
addFormats(ajv);
ajv.addSchema(schema);
const validAnswer = ajv.getSchema(`${schema.$id}#/$defs/SuccessResponse`)!;

interface Deployed {
	id: string;
	url: string;
	notificationUrl: string;
}

async function deploy(
	parameters: Record<string, unknown>,
	withCredential = false,
): Promise<Deployed> {
	const credential = withCredential ? e2e.credential : undefined;
	const { workflow, webhookId } = triggerWorkflow(parameters, credential);
	const id = await e2e.n8n.createWorkflow(workflow);
	await e2e.n8n.activate(id);
	const url = e2e.n8n.webhookUrl(webhookId, 'webhook');
	return { id, url, notificationUrl: `${url}/notification` };
}

async function notify(url: string, request: Record<string, unknown>): Promise<DeliveryRecord> {
	const [delivery] = await e2e.control.notify({ ...request, url } as Parameters<
		Sandbox['control']['notify']
	>[0]);
	return delivery;
}

function expectAccepted(d: DeliveryRecord) {
	expect({ status: d.status, ok: d.ok, problems: d.problems }).toEqual({
		status: 200,
		ok: true,
		problems: [],
	});
	expect(validAnswer(JSON.parse(d.responseBody ?? ''))).toBe(true);
	expect(JSON.parse(d.responseBody ?? '')).toMatchObject({ name: 'n8n-nodes-yandex-market' });
}

function expectError(d: DeliveryRecord, status: number, type: string, message: RegExp) {
	expect(d.status).toBe(status);
	expect(d.contentType).toMatch(/^application\/json/);
	const body = JSON.parse(d.responseBody ?? '') as { error: { type: string; message: string } };
	expect(body.error.type).toBe(type);
	expect(body.error.message).toMatch(message);
}

/** IDs of every execution checked so far (to find them in the worker's log in queue mode). */
const started: string[] = [];

/** Trigger output of every execution, oldest first; waits for `n`, then checks that no more arrive. */
async function outputs(workflowId: string, n: number): Promise<Array<Record<string, unknown>>> {
	await e2e.n8n.waitForExecutions(workflowId, n, 60_000);
	await sleep(1500);
	const executions: Execution[] = await e2e.n8n.waitForExecutions(workflowId, n, 60_000);
	expect(executions).toHaveLength(n);
	started.push(...executions.map((e) => String(e.id)));
	return executions.map((e) => {
		expect(e.status).toBe('success');
		const runs = e.data?.resultData?.runData?.['Yandex Market Trigger'] ?? [];
		return runs[0]?.data?.main?.[0]?.[0]?.json ?? {};
	});
}

async function executionCount(workflowId: string): Promise<number> {
	return (await e2e.n8n.listExecutions(workflowId, false)).length;
}

describe('Yandex Market Chats Trigger in n8n', () => {
	it('answers PING without starting, starts every chat event on both paths, drops duplicates and other types', async () => {
		const wf = await deploy({});
		const ping = await notify(wf.url, { type: 'PING' });
		expectAccepted(ping);
		expect(ping.latencyMs).toBeLessThan(1000);
		expectAccepted(await notify(wf.notificationUrl, { type: 'PING' }));

		const chat = SANDBOX_SEED.orderChatId;
		const events: Array<[string, string, Record<string, unknown>]> = [
			['CHAT_CREATED', wf.url, { chatId: chat }],
			[
				'CHAT_MESSAGE_SENT',
				wf.notificationUrl,
				{ chatId: SANDBOX_SEED.bigChatId, messageId: SANDBOX_SEED.bigMessageId },
			],
			['CHAT_ARBITRAGE_STARTED', wf.notificationUrl, { chatId: chat }],
			['CHAT_ARBITRAGE_FINISHED', wf.url, { chatId: chat }],
		];
		for (const [type, url, fields] of events) {
			const [first, dup1, dup2] = await e2e.control.notify({ type, url, duplicates: 2, ...fields });
			for (const d of [first, dup1, dup2]) expectAccepted(d);
		}
		for (const type of ['ORDER_CREATED', 'GOODS_FEEDBACK_CREATED', 'QUESTION_CREATED']) {
			expectAccepted(await notify(wf.url, { type }));
		}
		expectAccepted(await notify(wf.url, { raw: '{"notificationType":"SOMETHING_NEW","x":1}' }));

		const items = await outputs(wf.id, 4);
		expect(items.map((i) => i.notificationType)).toEqual(events.map(([t]) => t));
		expect(items[1]).toMatchObject({
			businessId: SANDBOX_SEED.businessId,
			chatId: SANDBOX_SEED.bigChatId,
			messageId: SANDBOX_SEED.bigMessageId,
			notification: expect.objectContaining({ chatId: SANDBOX_SEED.bigChatId }),
		});
		for (const item of items) {
			expect(typeof item.eventTime).toBe('string');
			expect(typeof item.receivedAt).toBe('string');
			expect(item.chat).toBeUndefined();
		}
		expect(items[0].createdAt).toBe(items[0].eventTime);
		expect(items[1].sentAt).toBe(items[1].eventTime);
	});

	it('answers malformed notifications with 400 WRONG_EVENT_FORMAT and starts nothing', async () => {
		const wf = await deploy({});
		const cases: Array<[string, RegExp]> = [
			['{"notificationType":"CHAT_CREATED",', /not valid JSON/],
			['not json at all', /not valid JSON/],
			['{"businessId":10001,"chatId":1}', /"notificationType" is required/],
			[
				'{"notificationType":"CHAT_CREATED","businessId":10001,"createdAt":"2025-01-16T10:00:00Z"}',
				/"chatId" is required/,
			],
			[
				'{"notificationType":"CHAT_MESSAGE_SENT","businessId":10001,"chatId":30003,"messageId":true,"sentAt":"2025-01-16T10:00:00Z"}',
				/"messageId" must be/,
			],
			[
				'{"notificationType":"CHAT_ARBITRAGE_STARTED","businessId":"x","chatId":30003,"startedAt":"2025-01-16T10:00:00Z"}',
				/"businessId" must be/,
			],
		];
		for (const [raw, message] of cases) {
			expectError(await notify(wf.url, { raw }), 400, 'WRONG_EVENT_FORMAT', message);
		}
		expectError(await notify(wf.notificationUrl, { raw: '' }), 400, 'WRONG_EVENT_FORMAT', /empty/);
		expectError(
			await notify(wf.url, {
				raw: '{"notificationType":"CHAT_CREATED"}',
				contentType: 'text/plain',
			}),
			400,
			'WRONG_EVENT_FORMAT',
			/"businessId" is required/,
		);
		await sleep(1500);
		expect(await executionCount(wf.id)).toBe(0);
	});

	// Guards the hidden `options: { binaryData: true }` parameter (trigger/description.ts): without it n8n parses the
	// JSON itself and answers broken bodies with its own 422, which Yandex would retry for 14 days.
	it("broken JSON gets our 400, not n8n's 422 (the hidden raw-body switch)", async () => {
		const wf = await deploy({});
		const result = await notify(wf.url, {
			raw: '{"notificationType":"CHAT_CREATED","businessId":10001,',
			contentType: 'application/json',
		});
		expect(result.status).not.toBe(422);
		expectError(result, 400, 'WRONG_EVENT_FORMAT', /not valid JSON/);
	});

	it('starts only the selected events', async () => {
		const wf = await deploy({ events: ['CHAT_CREATED'] });
		expectAccepted(
			await notify(wf.url, { type: 'CHAT_MESSAGE_SENT', chatId: SANDBOX_SEED.orderChatId }),
		);
		expectAccepted(
			await notify(wf.url, { type: 'CHAT_ARBITRAGE_STARTED', chatId: SANDBOX_SEED.orderChatId }),
		);
		expectAccepted(
			await notify(wf.url, { type: 'CHAT_CREATED', chatId: SANDBOX_SEED.orderChatId }),
		);
		const items = await outputs(wf.id, 1);
		expect(items[0].notificationType).toBe('CHAT_CREATED');
	});

	it('refuses non-Yandex addresses with 403 unless the user allows them', async () => {
		const closed = await deploy({ triggerOptions: { onlyYandexAddresses: true } });
		const refused = await notify(closed.url, {
			type: 'CHAT_CREATED',
			chatId: SANDBOX_SEED.orderChatId,
		});
		expectError(refused, 403, 'UNKNOWN', /127\.0\.0\.1/);
		expect((await notify(closed.url, { type: 'PING' })).status).toBe(403);

		const open = await deploy({
			triggerOptions: { onlyYandexAddresses: true, extraAllowedAddresses: '127.0.0.1/32' },
		});
		expectAccepted(await notify(open.url, { type: 'PING' }));
		expectAccepted(
			await notify(open.url, { type: 'CHAT_CREATED', chatId: SANDBOX_SEED.orderChatId }),
		);
		expect(await outputs(open.id, 1)).toHaveLength(1);
		expect(await executionCount(closed.id)).toBe(0);
	});

	it('behind a reverse proxy, judges the client address n8n derives from X-Forwarded-For', async () => {
		const wf = await deploy({ triggerOptions: { onlyYandexAddresses: true } });
		// What a proxy in front of n8n forwards; the addresses only appear in a header, no traffic goes to them.
		const viaProxy = async (clientAddress: string) =>
			await fetch(wf.url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-forwarded-for': clientAddress },
				body: JSON.stringify({
					notificationType: 'CHAT_CREATED',
					businessId: Number(SANDBOX_SEED.businessId),
					chatId: Number(SANDBOX_SEED.orderChatId),
					createdAt: '2026-11-21T10:00:00Z',
				}),
			});
		const outsider = await viaProxy('203.0.113.7');
		expect(outsider.status).toBe(403);
		expect(await outsider.json()).toMatchObject({
			error: { type: 'UNKNOWN', message: expect.stringContaining('203.0.113.7') },
		});
		const yandex = await viaProxy('5.45.207.10');
		expect(yandex.status).toBe(200);
		expect(validAnswer(await yandex.json())).toBe(true);
		const items = await outputs(wf.id, 1);
		expect(items[0]).toMatchObject({
			notificationType: 'CHAT_CREATED',
			chatId: SANDBOX_SEED.orderChatId,
		});
	});

	it('starts only for the configured business and acknowledges the others', async () => {
		const wf = await deploy({ triggerOptions: { businessIds: SANDBOX_SEED.secondBusinessId } });
		expectAccepted(
			await notify(wf.url, { type: 'CHAT_CREATED', chatId: SANDBOX_SEED.orderChatId }),
		);
		expectAccepted(
			await notify(wf.url, { type: 'CHAT_CREATED', chatId: SANDBOX_SEED.secondBusinessChatId }),
		);
		const items = await outputs(wf.id, 1);
		expect(items[0]).toMatchObject({
			businessId: SANDBOX_SEED.secondBusinessId,
			chatId: SANDBOX_SEED.secondBusinessChatId,
		});
	});

	it('resolves details by default before n8n answers, filters senders and never starts a message whose sender is unknown', async () => {
		// Default settings (Resolve Details on, Senders without the seller), only the credential is set.
		const wf = await deploy({}, true);
		const messageSent = (chatId: string, messageId: string) =>
			notify(wf.url, { type: 'CHAT_MESSAGE_SENT', chatId, messageId });
		const view = await e2e.control.chat(SANDBOX_SEED.busyChatId);
		const partner = view.messages.find((m) => m.sender === 'PARTNER');
		const customer = view.messages.find((m) => m.sender === 'CUSTOMER');
		expect(partner && customer).toBeTruthy();

		// 1: chat created -> the chat
		expectAccepted(
			await notify(wf.url, { type: 'CHAT_CREATED', chatId: SANDBOX_SEED.orderChatId }),
		);
		await e2e.n8n.waitForExecutions(wf.id, 1, 60_000);
		// the seller's own message: answered, no execution
		expectAccepted(await messageSent(SANDBOX_SEED.busyChatId, partner!.messageId));
		// 2: a customer's message -> the message and its chat
		expectAccepted(await messageSent(SANDBOX_SEED.busyChatId, customer!.messageId));
		await e2e.n8n.waitForExecutions(wf.id, 2, 60_000);
		// 3: getChatMessage fails -> the sender comes from the chat history, the event starts complete
		await e2e.control.faults({
			operationId: 'getChatMessage',
			kind: 'status',
			status: 403,
			times: 1,
		});
		const written = await e2e.control.customerMessage(SANDBOX_SEED.orderChatId, {
			text: 'Where is my order?',
		});
		expectAccepted(await messageSent(SANDBOX_SEED.orderChatId, written.messageId));
		await e2e.n8n.waitForExecutions(wf.id, 3, 60_000);
		// 3b: both message lookups fail -> 503, no execution; Yandex's next delivery starts it
		// (4xx: the transport repeats neither, as it would a 5xx or a short 420)
		await e2e.control.faults([
			{ operationId: 'getChatMessage', kind: 'status', status: 403, times: 1 },
			{ operationId: 'getChatHistory', kind: 'status', status: 403, times: 1 },
		]);
		const unknown = await e2e.control.customerMessage(SANDBOX_SEED.orderChatId, {
			text: 'Is anyone there?',
		});
		const refused = await messageSent(SANDBOX_SEED.orderChatId, unknown.messageId);
		expectError(refused, 503, 'UNKNOWN', /sender of message \d+ in chat \d+ is unknown/);
		expect(await executionCount(wf.id)).toBe(3);
		await e2e.control.clearFaults();
		expectAccepted(await messageSent(SANDBOX_SEED.orderChatId, unknown.messageId));
		await e2e.n8n.waitForExecutions(wf.id, 4, 60_000);
		// A customer writes while the lookups in `operations` are held `delayMs`; returns the message and the delivery.
		const messageWithSlowLookups = async (delayMs: number, text: string, operations: string[]) => {
			await e2e.control.faults(
				operations.map((operationId) => ({ operationId, kind: 'delay', delayMs, times: 1 })),
			);
			const written = await e2e.control.customerMessage(SANDBOX_SEED.orderChatId, { text });
			const delivery = await messageSent(SANDBOX_SEED.orderChatId, written.messageId);
			return { message: written, delivery };
		};
		// 4: a slow API (lookups held 2 s): the answer waits for the details, well inside Yandex's 10 s, so a 200 still
		// means n8n has the event with its details
		const slow = await messageWithSlowLookups(2000, 'Hello?', ['getChat', 'getChatMessage']);
		const later = slow.message;
		expectAccepted(slow.delivery);
		expect(slow.delivery.latencyMs).toBeGreaterThanOrEqual(2000);
		await e2e.n8n.waitForExecutions(wf.id, 5, 60_000);
		// 5: getChat and getChatMessage slower than the budget: the history names the sender after 2.5 s, and the
		// event starts without the chat, answered before Yandex gives up
		const late = await messageWithSlowLookups(7000, 'Anyone?', ['getChat', 'getChatMessage']);
		const last = late.message;
		expectAccepted(late.delivery);
		expect(late.delivery.latencyMs).toBeGreaterThanOrEqual(4000);
		expect(late.delivery.latencyMs).toBeLessThan(7000);
		// 6: every lookup slower than the budget: 503 within the budget, nothing starts
		const hung = await messageWithSlowLookups(7000, 'Hello??', [
			'getChat',
			'getChatMessage',
			'getChatHistory',
		]);
		expectError(hung.delivery, 503, 'UNKNOWN', /No answer within/);
		expect(hung.delivery.latencyMs).toBeLessThan(7000);

		const items = await outputs(wf.id, 6);
		expect(items[0]).toMatchObject({
			notificationType: 'CHAT_CREATED',
			chat: expect.objectContaining({ chatId: SANDBOX_SEED.orderChatId }),
		});
		expect(items[1]).toMatchObject({
			notificationType: 'CHAT_MESSAGE_SENT',
			messageId: customer!.messageId,
			sender: 'CUSTOMER',
			message: expect.objectContaining({ messageId: customer!.messageId, sender: 'CUSTOMER' }),
			chat: expect.objectContaining({ chatId: SANDBOX_SEED.busyChatId }),
		});
		expect(items[2]).toMatchObject({
			messageId: written.messageId,
			sender: 'CUSTOMER',
			message: expect.objectContaining({ message: 'Where is my order?' }),
			chat: expect.objectContaining({ chatId: SANDBOX_SEED.orderChatId }),
		});
		expect(items[2].detailsError).toBeUndefined();
		expect(items[3]).toMatchObject({
			messageId: unknown.messageId,
			sender: 'CUSTOMER',
			message: expect.objectContaining({ message: 'Is anyone there?' }),
		});
		expect(items[4]).toMatchObject({
			messageId: later.messageId,
			message: expect.objectContaining({ message: 'Hello?' }),
		});
		expect(items[4].detailsError).toBeUndefined();
		expect(items[5]).toMatchObject({
			messageId: last.messageId,
			sender: 'CUSTOMER',
			message: expect.objectContaining({ message: 'Anyone?' }),
			detailsError: { lookup: 'getChat', message: 'No answer within 4 s' },
		});
		expect(items[5].chat).toBeUndefined();
		const history = await e2e.control.requests({ operationId: 'getChatHistory' });
		expect(history.length).toBeGreaterThanOrEqual(4);
	});

	it('lets the Senders list take in the seller and leave out customers', async () => {
		const wf = await deploy({ resolveDetails: true, senders: ['PARTNER'] }, true);
		const view = await e2e.control.chat(SANDBOX_SEED.busyChatId);
		const partner = view.messages.find((m) => m.sender === 'PARTNER')!;
		const customer = view.messages.find((m) => m.sender === 'CUSTOMER')!;
		expectAccepted(
			await notify(wf.url, {
				type: 'CHAT_MESSAGE_SENT',
				chatId: SANDBOX_SEED.busyChatId,
				messageId: customer.messageId,
			}),
		);
		expectAccepted(
			await notify(wf.url, {
				type: 'CHAT_MESSAGE_SENT',
				chatId: SANDBOX_SEED.busyChatId,
				messageId: partner.messageId,
			}),
		);
		const items = await outputs(wf.id, 1);
		expect(items[0]).toMatchObject({ sender: 'PARTNER', messageId: partner.messageId });
	});

	it("answers on the editor's Test URL while it listens for a test event, once", async () => {
		const { workflow, webhookId } = triggerWorkflow({}, undefined);
		const id = await e2e.n8n.createWorkflow(workflow);
		const stored = await e2e.n8n.getWorkflow(id);
		// What the editor's "Execute workflow" / "Listen for test event" button sends.
		const run = await e2e.n8n.request<{ data: { waitingForWebhook?: boolean } }>(
			'POST',
			`/rest/workflows/${id}/run`,
			{ workflowData: stored, triggerToStartFrom: { name: stored.nodes[0].name } },
			'cookie',
		);
		expect(run.data.waitingForWebhook).toBe(true);
		const testUrl = e2e.n8n.testWebhookUrl(webhookId, 'webhook');
		expectAccepted(
			await notify(testUrl, { type: 'CHAT_CREATED', chatId: SANDBOX_SEED.orderChatId }),
		);
		// Test executions run on main even in queue mode, so they are not added to `started`.
		const [execution] = await e2e.n8n.waitForExecutions(id, 1, 60_000);
		const done = await e2e.n8n.waitForExecution(String(execution.id));
		expect(done.status).toBe('success');
		const item =
			done.data?.resultData?.runData?.['Yandex Market Trigger']?.[0]?.data?.main?.[0]?.[0]?.json;
		expect(item).toMatchObject({
			notificationType: 'CHAT_CREATED',
			chatId: SANDBOX_SEED.orderChatId,
		});
		// A test URL serves one event; Yandex must be given the production URL.
		expect((await notify(testUrl, { type: 'PING' })).status).toBe(404);
	});

	it('ran the executions where the mode puts them (queue: on the worker, fed by the webhook process)', () => {
		expect(started.length).toBeGreaterThanOrEqual(10);
		if (e2e.mode !== 'queue') return;
		expect(e2e.n8n.connection.webhookBaseUrl).not.toBe(`${e2e.n8n.baseUrl}/`);
		const worker = e2e.readLog('worker');
		for (const id of started) expect(worker).toContain(`Worker finished execution ${id} `);
	});
});
