/**
 * The action node in a real n8n (the packed package installed as a community package) against the sandbox: one
 * workflow per operation, a chained workflow that forwards an attachment (binary data through n8n's binary data
 * service), per-item expressions, and a failing workflow that must show Yandex's own error message.
 */
import { SANDBOX_KEYS, SANDBOX_SEED } from '../../sandbox';
import type { RequestRecord } from '../../sandbox';
import {
	actionNode,
	byId,
	chain,
	manualActionWorkflow,
	node,
	nodeOutput,
	useE2E,
} from '../../harness';
import type { RunResult } from '../../harness';

const e2e = useE2E('actions', { mode: 'regular', testTimeoutMs: 300_000 });

const BUSINESS = SANDBOX_SEED.businessId;

beforeEach(async () => {
	await e2e.control.reset();
});

async function runAction(parameters: Record<string, unknown>): Promise<RunResult> {
	return await e2e.n8n.runWorkflow(
		manualActionWorkflow({ businessId: byId(BUSINESS), ...parameters }, e2e.credential, {
			nodeName: 'Yandex Market',
		}),
	);
}

async function recorded(operationId: string): Promise<RequestRecord[]> {
	return (await e2e.control.requests()).filter((r) => r.operationId === operationId);
}

function expectValid(records: RequestRecord[], count: number) {
	expect(records.map((r) => [r.valid, r.status])).toEqual(
		Array.from({ length: count }, () => [true, 200]),
	);
}

function expectSuccess(result: RunResult) {
	expect({ status: result.status, error: result.error }).toEqual({
		status: 'success',
		error: undefined,
	});
}

describe('Yandex Market Chats action node in n8n', () => {
	it('Chat > Get returns the flattened chat with an ID above 2^53 intact', async () => {
		const result = await runAction({
			resource: 'chat',
			operation: 'get',
			chatId: byId(SANDBOX_SEED.bigChatId),
		});
		expectSuccess(result);
		const [chat] = nodeOutput(result, 'Yandex Market');
		expect(chat).toMatchObject({
			businessId: BUSINESS,
			chatId: SANDBOX_SEED.bigChatId,
			contextType: 'ORDER',
			orderId: '40001',
		});
		expectValid(await recorded('getChat'), 1);
	});

	it('Chat > Get Many with a limit of 25 reads two pages and stops', async () => {
		const result = await runAction({
			resource: 'chat',
			operation: 'getAll',
			returnAll: false,
			limit: 25,
		});
		expectSuccess(result);
		expect(nodeOutput(result, 'Yandex Market')).toHaveLength(25);
		expectValid(await recorded('getChats'), 2);
	});

	it('Chat > Get Many with Return All and a status filter', async () => {
		const result = await runAction({
			resource: 'chat',
			operation: 'getAll',
			returnAll: true,
			filters: { statuses: ['WAITING_FOR_PARTNER'] },
		});
		expectSuccess(result);
		const chats = nodeOutput(result, 'Yandex Market');
		expect(chats.length).toBeGreaterThan(0);
		expect(chats.every((c) => c.status === 'WAITING_FOR_PARTNER')).toBe(true);
		const [req] = await recorded('getChats');
		expect(req.body).toEqual({ statuses: ['WAITING_FOR_PARTNER'] });
	});

	it('Chat > Create opens a chat about an order', async () => {
		const result = await runAction({
			resource: 'chat',
			operation: 'create',
			contextType: 'ORDER',
			contextId: SANDBOX_SEED.orderWithoutChatId,
		});
		expectSuccess(result);
		const [out] = nodeOutput(result, 'Yandex Market');
		expect(out).toMatchObject({
			businessId: BUSINESS,
			contextType: 'ORDER',
			orderId: SANDBOX_SEED.orderWithoutChatId,
		});
		expect(out.chatId).toEqual(expect.stringMatching(/^\d+$/));
		const [req] = await recorded('createChat');
		expect(req.rawBody).toBe(
			`{"context":{"type":"ORDER","id":${SANDBOX_SEED.orderWithoutChatId}}}`,
		);
	});

	it('Chat > Get History with Return All reads all 230 messages', async () => {
		const result = await runAction({
			resource: 'chat',
			operation: 'getHistory',
			chatId: byId(SANDBOX_SEED.busyChatId),
			returnAll: true,
		});
		expectSuccess(result);
		const messages = nodeOutput(result, 'Yandex Market');
		expect(messages).toHaveLength(SANDBOX_SEED.busyChatMessageCount);
		expect(messages[0]).toMatchObject({ chatId: SANDBOX_SEED.busyChatId, contextType: 'ORDER' });
		expectValid(await recorded('getChatHistory'), 3);
	});

	it('Message > Get returns one message', async () => {
		const result = await runAction({
			resource: 'message',
			operation: 'get',
			chatId: byId(SANDBOX_SEED.bigChatId),
			messageId: SANDBOX_SEED.bigMessageId,
		});
		expectSuccess(result);
		expect(nodeOutput(result, 'Yandex Market')[0]).toMatchObject({
			messageId: SANDBOX_SEED.bigMessageId,
			sender: 'PARTNER',
		});
	});

	it('Message > Send posts the text to the chat', async () => {
		const result = await runAction({
			resource: 'message',
			operation: 'send',
			chatId: byId(SANDBOX_SEED.orderChatId),
			text: 'Hello from n8n!',
		});
		expectSuccess(result);
		expect(nodeOutput(result, 'Yandex Market')).toEqual([
			{
				success: true,
				businessId: BUSINESS,
				chatId: SANDBOX_SEED.orderChatId,
				message: 'Hello from n8n!',
			},
		]);
		const chat = await e2e.control.chat(SANDBOX_SEED.orderChatId);
		expect(chat.messages[chat.messages.length - 1]).toMatchObject({
			sender: 'PARTNER',
			message: 'Hello from n8n!',
		});
	});

	it('Message > Get with attachments, then Message > Send File forwards the downloaded file', async () => {
		const history = await runAction({
			resource: 'chat',
			operation: 'getHistory',
			chatId: byId(SANDBOX_SEED.attachmentChatId),
			returnAll: true,
		});
		const withFile = nodeOutput(history, 'Yandex Market').find((m) => Array.isArray(m.payload));
		const attachment = (withFile?.payload as Array<{ name: string; size: number }>)[0];
		await e2e.control.clearRequests();

		const cred = e2e.credential;
		const workflow = chain('e2e forward attachment', [
			node('Start', 'n8n-nodes-base.manualTrigger'),
			actionNode(
				{
					resource: 'message',
					operation: 'get',
					businessId: byId(BUSINESS),
					chatId: byId(SANDBOX_SEED.attachmentChatId),
					messageId: String(withFile?.messageId),
					options: { downloadAttachments: true },
				},
				cred,
				{ name: 'Get Message' },
			),
			actionNode(
				{
					resource: 'message',
					operation: 'sendFile',
					businessId: byId(BUSINESS),
					chatId: byId(SANDBOX_SEED.orderChatId),
					binaryPropertyName: 'attachment_0',
				},
				cred,
				{ name: 'Send File' },
			),
		]);
		const result = await e2e.n8n.runWorkflow(workflow);
		expectSuccess(result);
		const got = result.runData['Get Message'][0].data?.main?.[0]?.[0];
		expect(Object.keys(got?.binary ?? {})).toEqual(['attachment_0']);
		expect(nodeOutput(result, 'Send File')).toEqual([
			{
				success: true,
				businessId: BUSINESS,
				chatId: SANDBOX_SEED.orderChatId,
				fileName: attachment.name,
				mimeType: expect.any(String),
				size: attachment.size,
			},
		]);
		const [upload] = await recorded('sendFileToChat');
		expect(upload.valid).toBe(true);
		expect(upload.multipart).toMatchObject({
			fieldName: 'file',
			fileName: attachment.name,
			size: attachment.size,
		});
	});

	it('answers each chat of a Get Many with an expression, one item at a time', async () => {
		const cred = e2e.credential;
		const workflow = chain('e2e answer chats', [
			node('Start', 'n8n-nodes-base.manualTrigger'),
			actionNode(
				{
					resource: 'chat',
					operation: 'getAll',
					businessId: byId(BUSINESS),
					returnAll: false,
					limit: 3,
				},
				cred,
				{ name: 'Chats' },
			),
			actionNode(
				{
					resource: 'message',
					operation: 'send',
					businessId: byId(BUSINESS),
					chatId: { __rl: true, mode: 'id', value: '={{ $json.chatId }}' },
					text: '=Thanks for your message about {{ $json.contextType }} {{ $json.orderId ?? "" }}!',
				},
				cred,
				{ name: 'Answer' },
			),
		]);
		const result = await e2e.n8n.runWorkflow(workflow);
		expectSuccess(result);
		const chats = nodeOutput(result, 'Chats');
		const answers = nodeOutput(result, 'Answer');
		expect(answers.map((a) => a.chatId)).toEqual(chats.map((c) => c.chatId));
		const sent = await recorded('sendMessageToChat');
		expectValid(sent, 3);
		expect(sent.map((r) => r.query.chatId)).toEqual(chats.map((c) => c.chatId));
	});

	it('with On Error: Continue, a failed item becomes an {error} item and the others are still sent', async () => {
		const cred = e2e.credential;
		const answer = actionNode(
			{
				resource: 'message',
				operation: 'send',
				businessId: byId(BUSINESS),
				chatId: {
					__rl: true,
					mode: 'id',
					value: '={{ $itemIndex === 1 ? "999999" : $json.chatId }}',
				},
				text: 'We are on it.',
			},
			cred,
			{ name: 'Answer' },
		);
		answer.onError = 'continueRegularOutput';
		const workflow = chain('e2e continue on fail', [
			node('Start', 'n8n-nodes-base.manualTrigger'),
			actionNode(
				{
					resource: 'chat',
					operation: 'getAll',
					businessId: byId(BUSINESS),
					returnAll: false,
					limit: 3,
				},
				cred,
				{ name: 'Chats' },
			),
			answer,
		]);
		const result = await e2e.n8n.runWorkflow(workflow);
		expectSuccess(result);
		const chats = nodeOutput(result, 'Chats');
		const items = result.runData.Answer[0].data?.main?.[0] ?? [];
		expect(items.map((i) => i.json)).toEqual([
			{ success: true, businessId: BUSINESS, chatId: chats[0].chatId, message: 'We are on it.' },
			{ error: expect.stringContaining("Can't find chat by id") },
			{ success: true, businessId: BUSINESS, chatId: chats[2].chatId, message: 'We are on it.' },
		]);
		expect(items.map((i) => (i as { pairedItem?: unknown }).pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect((await recorded('sendMessageToChat')).map((r) => r.status)).toEqual([200, 404, 200]);
	});

	it("a failing workflow shows Yandex's own error message", async () => {
		const result = await runAction({ resource: 'chat', operation: 'get', chatId: byId('999999') });
		expect(result.status).toBe('error');
		expect(result.error).toContain("Can't find chat by id");
		const run = result.runData['Yandex Market'][0];
		expect(run.error?.message).toContain("Can't find chat by id");
	});

	it('a bad ID is refused before any request, by the editor check or by the node', async () => {
		const typed = await runAction({
			resource: 'message',
			operation: 'send',
			chatId: byId('12abc'),
			text: 'x',
		});
		expect(typed.status).toBe('error');
		// n8n 2.8 refuses to start a run whose parameters fail the editor's own check; 2.4x lets the node refuse it.
		if (typed.refused) expect(typed.error).toMatch(/The workflow has issues/);
		else expect(typed.error).toContain('Chat ID must be a positive integer');
		// An expression is not checked by the editor: the node names the field and the value.
		const mapped = await runAction({
			resource: 'message',
			operation: 'send',
			chatId: { __rl: true, mode: 'id', value: '={{ "12" + "abc" }}' },
			text: 'x',
		});
		expect(mapped.status).toBe('error');
		expect(mapped.error).toBe('Chat ID must be a positive integer ID, got "12abc"');
		expect(await recorded('sendMessageToChat')).toHaveLength(0);
	});

	it('fills the Business and Chat lists the way the editor asks for them', async () => {
		interface ListResult {
			results: Array<{ name: string; value: string }>;
			paginationToken?: string;
		}
		const list = async (methodName: string, path: string, extra: Record<string, unknown> = {}) => {
			const res = await e2e.n8n.request<{ data: ListResult }>(
				'POST',
				'/rest/dynamic-node-parameters/resource-locator-results',
				{
					methodName,
					path,
					nodeTypeAndVersion: { name: 'n8n-nodes-yandex-market.yandexMarketChats', version: 1 },
					currentNodeParameters: {
						resource: 'chat',
						operation: 'get',
						businessId: { __rl: true, mode: 'list', value: BUSINESS },
					},
					credentials: { yandexMarketApi: e2e.credential },
					...extra,
				},
				'cookie',
			);
			return res.data;
		};
		const businesses = await list('searchBusinesses', 'businessId');
		expect(businesses.results).toEqual([{ name: 'Demo Business (10001)', value: BUSINESS }]);

		const first = await list('searchChats', 'chatId');
		expect(first.results).toHaveLength(20);
		expect(first.paginationToken).toEqual(expect.any(String));
		const second = await list('searchChats', 'chatId', { paginationToken: first.paginationToken });
		expect(second.results).toHaveLength(20);
		const found = await list('searchChats', 'chatId', {
			filter: `Order ${SANDBOX_SEED.orderChatOrderId}`,
		});
		expect(found.results).toEqual([
			{
				name: expect.stringContaining(`Order ${SANDBOX_SEED.orderChatOrderId}`),
				value: SANDBOX_SEED.orderChatId,
			},
		]);
		expectValid(await recorded('getCampaigns'), 1);
		// Two list pages, then the search reads on page by page (at most 5) until the order's chat shows up.
		const chatsCalls = await recorded('getChats');
		expectValid(chatsCalls, chatsCalls.length);
		expect(chatsCalls.length).toBeGreaterThanOrEqual(3);
		expect(chatsCalls.length).toBeLessThanOrEqual(7);
	});

	it('keeps the API key out of stored executions and n8n logs, also when calls fail', async () => {
		const runs = [
			await runAction({ resource: 'chat', operation: 'get', chatId: byId('999999') }),
			await runAction({
				resource: 'chat',
				operation: 'get',
				chatId: byId(SANDBOX_SEED.orderChatId),
			}),
		];
		await e2e.control.faults({ operationId: 'sendMessageToChat', kind: 'reset', times: 1 });
		runs.push(
			await runAction({
				resource: 'message',
				operation: 'send',
				chatId: byId(SANDBOX_SEED.orderChatId),
				text: 'x',
			}),
		);
		expect(runs.map((r) => r.status)).toEqual(['error', 'success', 'error']);
		expect(runs[2].error).toMatch(/Could not reach Yandex Market \(ECONNRESET\)/);
		// The key did reach the sandbox, so its absence below is meaningful.
		expect((await recorded('getChat'))[0].headers['api-key']).toContain(
			SANDBOX_KEYS.communication.slice(-4),
		);
		const stored = await Promise.all(
			runs.map(async (r) => JSON.stringify(await e2e.n8n.getExecution(r.executionId))),
		);
		// The stored data does hold the error details, so a key inside them would be found.
		expect(stored[0]).toContain("Can't find chat by id");
		for (const data of stored) expect(data).not.toContain(SANDBOX_KEYS.communication);
		expect(e2e.n8n.logs(100_000)).not.toContain(SANDBOX_KEYS.communication);
	});

	it('is registered as a node and, through usableAsTool, as an AI agent tool', async () => {
		const [action] = await e2e.n8n.nodeTypes([
			{ name: 'n8n-nodes-yandex-market.yandexMarketChats' },
		]);
		expect(action).toMatchObject({
			displayName: 'Yandex Market Chats',
			codex: expect.objectContaining({ categories: ['Communication', 'Sales'] }),
		});
		// The editor's node list (what the AI Agent's tool picker reads) holds the generated Tool variant.
		const all = await e2e.n8n.request<
			Array<{ name: string; displayName: string; outputs?: unknown }>
		>('GET', '/types/nodes.json', undefined, 'cookie');
		const tool = all.find((t) => t.name === 'n8n-nodes-yandex-market.yandexMarketChatsTool');
		expect(tool).toMatchObject({ displayName: 'Yandex Market Chats Tool', outputs: ['ai_tool'] });
	});
});
