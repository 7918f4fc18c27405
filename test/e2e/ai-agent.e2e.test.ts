/**
 * examples/ai-agent-replies.json in a real n8n: n8n's AI Agent with the OpenAI Chat Model pointed at the model
 * stand-in (standins/openai.ts, scripted tool calls), Yandex Market Chats Tool nodes against the sandbox, and
 * n8n's Telegram Tool / Telegram nodes against the Telegram stand-in for the hand-over. No environment flag for
 * community tools is set: n8n 1.85+ lets community nodes be tools without N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE.
 */
import { SANDBOX_SEED } from '../../sandbox';
import { TELEGRAM_STANDIN, type CompletionRecord } from '../../standins';
import {
	ACTION_TYPE,
	CREDENTIAL_TYPE,
	STANDIN_CREDENTIALS,
	node,
	useE2E,
	waitFor,
	type Workflow,
} from '../../harness';
import { sleep } from 'n8n-workflow';

const e2e = useE2E('ai-agent', { standins: ['telegram', 'openai'] });
const BUSINESS = SANDBOX_SEED.businessId;
const TEAM = TELEGRAM_STANDIN.teamChat.id;

async function sends(chatId: string) {
	const all = await e2e.control.requests({ operationId: 'sendMessageToChat' });
	return all.filter((r) => (r.query as Record<string, string>).chatId === chatId);
}

async function modelCalls(scriptId?: string): Promise<CompletionRecord[]> {
	const all = await e2e.openai.control.requests();
	return scriptId ? all.filter((r) => r.scriptId === scriptId) : all;
}

/** The tool results the model got back, parsed, in the order of its requests. */
function toolResults(record: CompletionRecord): unknown[] {
	return record.messages
		.filter((m) => m.role === 'tool')
		.map((m) => {
			const text = typeof m.content === 'string' ? m.content : JSON.stringify(m.content);
			try {
				return JSON.parse(text);
			} catch {
				return text;
			}
		});
}

beforeAll(async () => {
	await e2e.publishExample('ai-agent-replies.json');
});

describe('AI agent replies', () => {
	it('reads the newest of 231 messages and the order through the tool, then sends one answer into the chat', async () => {
		const chatId = SANDBOX_SEED.busyChatId;
		const answer = 'Your order 40002 was handed to delivery today and arrives on Friday.';
		const script = await e2e.openai.control.addScript({
			id: 'busy-chat',
			match: `Yandex Market chat ${chatId} `,
			turns: [
				{
					toolCalls: [
						{ name: 'read_chat_history', arguments: { limit: 20 } },
						{ name: 'get_chat_and_order', arguments: {} },
					],
				},
				{ toolCalls: [{ name: 'send_answer_to_buyer', arguments: { text: answer } }] },
				{ content: 'sent' },
			],
		});
		await e2e.control.clearRequests();
		const question = 'When will my order arrive? This is message 231.';
		await e2e.control.customerMessage(chatId, { text: question });
		const [sent] = await waitFor('the agent to answer', async () => {
			const s = await sends(chatId);
			return s.length ? s : undefined;
		});
		expect(sent).toMatchObject({
			status: 200,
			valid: true,
			path: `/v2/businesses/${BUSINESS}/chats/message`,
			body: { message: answer },
		});

		// The history tool read every page of the chat (231 messages, pages of 100) for the same business and chat.
		const history = await e2e.control.requests({ operationId: 'getChatHistory' });
		expect(history.map((r) => [r.path, (r.query as Record<string, string>).chatId])).toEqual(
			Array(3).fill([`/v2/businesses/${BUSINESS}/chats/history`, chatId]),
		);
		expect((await e2e.control.requests({ operationId: 'getChat' })).length).toBeGreaterThan(0);

		const calls = await waitFor('three model turns', async () => {
			const c = await modelCalls(script.id);
			return c.length >= 3 ? c : undefined;
		});
		expect(calls.map((c) => c.status)).toEqual([200, 200, 200]);
		// What the model is given: the IDs and the new message in the prompt, four described tools.
		const prompt = calls[0].messages.map((m) => String(m.content)).join('\n');
		expect(prompt).toContain(`chat ${chatId} (business ${BUSINESS}, about order 40002)`);
		expect(prompt).toContain(question);
		expect(calls[0].tools.map((t) => t.name).sort()).toEqual([
			'get_chat_and_order',
			'hand_over_to_person',
			'read_chat_history',
			'send_answer_to_buyer',
		]);
		const byName = Object.fromEntries(calls[0].tools.map((t) => [t.name, t]));
		expect(byName.read_chat_history.description).toMatch(/newest messages of this buyer's chat/);
		expect(byName.read_chat_history.parameters).toMatchObject({
			properties: { limit: { type: 'number', description: expect.stringMatching(/newest/) } },
		});
		expect(byName.send_answer_to_buyer.parameters).toMatchObject({
			properties: { text: { type: 'string', description: expect.stringMatching(/4096/) } },
		});

		// What the history tool gave back: the chat once, then the newest 20 messages ending with the question.
		const [historyResult] = toolResults(calls[1]) as Array<Array<Record<string, unknown>>>;
		const chat = Array.isArray(historyResult) ? historyResult[0] : historyResult;
		expect(chat).toMatchObject({
			chatId,
			orderId: '40002',
			messageCount: 20,
			totalMessages: 231,
		});
		const messages = (chat as { messages: Array<{ message?: string; sender: string }> }).messages;
		expect(messages).toHaveLength(20);
		expect(messages.at(-1)).toMatchObject({ sender: 'CUSTOMER', message: question });
		expect(messages.some((m) => 'orderId' in m)).toBe(false);

		// The answer (a PARTNER message) also notifies; the agent must not answer itself.
		await sleep(3000);
		expect(await modelCalls(script.id)).toHaveLength(3);
		expect(await sends(chatId)).toHaveLength(1);
		// Yandex redelivers the buyer's notification: still one answer.
		const buyerMessage = (await e2e.control.chat(chatId)).messages.find(
			(m) => m.message === question,
		);
		await e2e.control.notify({
			type: 'CHAT_MESSAGE_SENT',
			chatId,
			messageId: buyerMessage?.messageId,
			duplicates: 1,
		});
		await sleep(2500);
		expect(await modelCalls(script.id)).toHaveLength(3);
		expect(await sends(chatId)).toHaveLength(1);
		expect(await e2e.telegram.control.messages(TEAM, 'bot')).toEqual([]);
	});

	it('hands over to a person in Telegram, without the model, when the buyer asks for one', async () => {
		const chatId = SANDBOX_SEED.orderChatId;
		const before = (await modelCalls()).length;
		await e2e.control.customerMessage(chatId, { text: 'Please let me talk to a human' });
		const [post] = await waitFor('the hand-over post', async () => {
			const m = await e2e.telegram.control.messages(TEAM, 'bot');
			return m.length ? m.slice(-1) : undefined;
		});
		expect(post.text).toMatch(/^🙋 A buyer needs a person\nThe buyer asked for a person\./);
		expect(post.text?.endsWith(`chat ${chatId} · business ${BUSINESS}`)).toBe(true);
		const [courtesy] = await waitFor('the note to the buyer', async () => {
			const s = await sends(chatId);
			return s.length ? s : undefined;
		});
		expect(courtesy.body).toEqual({
			message:
				'Thank you for your message! A colleague from our team will answer you here shortly.',
		});
		expect(await modelCalls()).toHaveLength(before);
	});

	it('hands over when the model is not sure, and sends nothing to the buyer', async () => {
		const chatId = SANDBOX_SEED.directChatId;
		const script = await e2e.openai.control.addScript({
			id: 'unsure',
			match: `Yandex Market chat ${chatId} `,
			turns: [
				{ toolCalls: [{ name: 'read_chat_history', arguments: { limit: 5 } }] },
				{
					toolCalls: [
						{
							name: 'hand_over_to_person',
							arguments: { reason: 'The buyer wants compensation for a <late> delivery' },
						},
					],
				},
				{ content: 'handed over' },
			],
		});
		const before = (await e2e.telegram.control.messages(TEAM, 'bot')).length;
		await e2e.control.clearRequests();
		await e2e.control.customerMessage(chatId, { text: 'I want money back for the delay' });
		const [post] = await waitFor('the hand-over post', async () => {
			const m = await e2e.telegram.control.messages(TEAM, 'bot');
			return m.length > before ? m.slice(before) : undefined;
		});
		expect(post.text).toContain('The buyer wants compensation for a <late> delivery');
		expect(post.text).toContain('The buyer wrote: I want money back for the delay');
		expect(post.text?.endsWith(`chat ${chatId} · business ${BUSINESS}`)).toBe(true);
		await waitFor('the last model turn', async () => (await modelCalls(script.id)).length >= 3);
		expect(await sends(chatId)).toEqual([]);
	});

	it('a send the node refuses (too long) comes back to the model as an error it can fix', async () => {
		const chatId = '30008';
		const script = await e2e.openai.control.addScript({
			id: 'too-long',
			match: `Yandex Market chat ${chatId} `,
			turns: [
				{ toolCalls: [{ name: 'send_answer_to_buyer', arguments: { text: 'x'.repeat(4100) } }] },
				{ toolCalls: [{ name: 'send_answer_to_buyer', arguments: { text: 'A short answer.' } }] },
				{ content: 'sent' },
			],
		});
		await e2e.control.clearRequests();
		await e2e.control.customerMessage(chatId, { text: 'Tell me everything about the product' });
		const calls = await waitFor('three model turns', async () => {
			const c = await modelCalls(script.id);
			return c.length >= 3 ? c : undefined;
		});
		expect(JSON.stringify(toolResults(calls[1]))).toMatch(/4096/);
		expect((await sends(chatId)).map((r) => r.body)).toEqual([{ message: 'A short answer.' }]);
	});

	it('what a model sees by default when the editor lets it define Business and Chat', async () => {
		// As the editor's "let the model define this parameter" button writes it: key = field name, no description.
		const button = (key: string) =>
			`={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('${key}', \`\`, 'string') }}`;
		const tool = node(
			'Yandex Market Chats Tool',
			`${ACTION_TYPE}Tool`,
			{
				resource: 'chat',
				operation: 'getHistory',
				businessId: { __rl: true, mode: 'id', value: button('Business') },
				chatId: { __rl: true, mode: 'id', value: button('Chat') },
			},
			{ credentials: { [CREDENTIAL_TYPE]: e2e.credential } },
		);
		const model = node(
			'OpenAI Chat Model',
			'@n8n/n8n-nodes-langchain.lmChatOpenAi',
			{ model: { __rl: true, mode: 'list', value: 'gpt-4o-mini' }, options: {} },
			{
				typeVersion: 1.2,
				credentials: {
					openAiApi: { id: STANDIN_CREDENTIALS.openai.id, name: STANDIN_CREDENTIALS.openai.name },
				},
			},
		);
		const agent = node(
			'AI Agent',
			'@n8n/n8n-nodes-langchain.agent',
			{ promptType: 'define', text: 'Summarise chat 30004 of business 10001', options: {} },
			{ typeVersion: 3 },
		);
		const workflow: Workflow = {
			name: 'e2e default tool description',
			nodes: [node('Start', 'n8n-nodes-base.manualTrigger'), agent, model, tool],
			connections: {
				Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
				'OpenAI Chat Model': {
					ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
				},
				'Yandex Market Chats Tool': {
					ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]],
				},
			},
			settings: { executionOrder: 'v1' },
		};
		const script = await e2e.openai.control.addScript({
			id: 'defaults',
			match: 'Summarise chat 30004',
			turns: [
				{
					toolCalls: [
						{ name: 'Yandex_Market_Chats_Tool', arguments: { Business: BUSINESS, Chat: '30004' } },
					],
				},
				{ content: 'The buyer sent a photo.' },
			],
		});
		const result = await e2e.n8n.runWorkflow(workflow, 90000);
		expect({ status: result.status, error: result.error }).toEqual({
			status: 'success',
			error: undefined,
		});
		const [first, second] = await modelCalls(script.id);
		const [offered] = first.tools;
		expect(offered.name).toBe('Yandex_Market_Chats_Tool');
		// The package's default: what the operation does, each argument by its field name, and what comes back.
		expect(offered.description).toMatch(/^Read the messages of a Yandex Market buyer chat/);
		expect(offered.description).toMatch(/Business: the business \(cabinet\) ID, digits only/);
		expect(offered.description).toMatch(
			/Chat: the chat ID, digits only \(the chatId of the trigger item/,
		);
		expect(offered.description).toMatch(/Returns the chat once/);
		expect(Object.keys((offered.parameters?.properties ?? {}) as object).sort()).toEqual([
			'Business',
			'Chat',
		]);
		// ...and the tool defaults: the newest messages with the chat once, no per-message context.
		const [out] = toolResults(second) as Array<Array<Record<string, unknown>>>;
		const chat = Array.isArray(out) ? out[0] : out;
		expect(chat).toMatchObject({ chatId: '30004', orderId: '40004' });
		expect(chat.totalMessages).toBe(chat.messageCount);
		expect(Array.isArray(chat.messages)).toBe(true);
	});
});
