/**
 * The no-public-URL path: the Telegram bridge and the AI agent templates with their webhook trigger swapped for a
 * Yandex Market Chats Poll Trigger of the same name (the one-node swap their checklists and the README describe),
 * in a real n8n. One poll finds two buyers' messages and starts one execution with two items; each buyer's chat
 * gets its own post and its own answer.
 */
import { sleep } from 'n8n-workflow';
import { SANDBOX_SEED } from '../../sandbox';
import { TELEGRAM_STANDIN } from '../../standins';
import {
	loadExample,
	nodeOutput,
	useE2E,
	waitFor,
	type Execution,
	type Workflow,
	swapInPollTrigger,
} from '../../harness';

const e2e = useE2E('templates-poll', {
	standins: ['telegram', 'openai'],
	testTimeoutMs: 300_000,
});
const BUSINESS = SANDBOX_SEED.businessId;
const TEAM = TELEGRAM_STANDIN.teamChat.id;
const POLL_MS = 20_000;

const active: string[] = [];
afterEach(async () => {
	for (const id of active.splice(0)) await e2e.n8n.deactivate(id).catch(() => undefined);
});

/** The one-node swap of the README: the webhook trigger replaced by a poll trigger of the same name and events. */
function withPollTrigger(workflow: Workflow): { workflow: Workflow; trigger: string } {
	const trigger = swapInPollTrigger(workflow, {
		businessId: BUSINESS,
		pollSeconds: POLL_MS / 1000,
	});
	return { workflow, trigger };
}

/** Publishes and waits for the activation poll, after which events count. */
async function publishPolling(workflow: Workflow, trigger: string): Promise<string> {
	const id = await e2e.n8n.createWorkflow(workflow);
	await e2e.n8n.activate(id);
	active.push(id);
	await waitFor('the first poll to save its state', async () => {
		const { staticData } = (await e2e.n8n.getWorkflow(id)) as { staticData?: unknown };
		const state = (staticData as Record<string, { state?: { chats?: object } }> | null)?.[
			`node:${trigger}`
		];
		return state?.state?.chats && Object.keys(state.state.chats).length > 0 ? true : undefined;
	});
	return id;
}

/** Resolves right after the next poll has started (its first getChats page). */
async function nextPollStart(): Promise<void> {
	const since = Date.now();
	await waitFor('the next poll', async () =>
		(await e2e.control.requests({ operationId: 'getChats' })).some(
			(r) => !r.query.pageToken && Date.parse(r.at) > since,
		)
			? true
			: undefined,
	);
}

/** Two buyers write between two polls; returns the execution of the poll that found both. */
async function twoBuyers(
	id: string,
	trigger: string,
	messages: Array<[string, string]>,
): Promise<Execution> {
	await nextPollStart();
	// Let that poll finish its reads, so both messages are new to the next one.
	await sleep(3000);
	for (const [chatId, text] of messages) await e2e.control.customerMessage(chatId, { text });
	const [execution] = await e2e.n8n.waitForExecutions(id, 1, POLL_MS + 60_000);
	const items = nodeOutput(execution, trigger);
	// Both in one execution (oldest first; two messages in the same second may come in either order).
	const found = items.map((i) => [i.chatId, (i.message as { message?: string })?.message]);
	expect(found.sort()).toEqual([...messages].sort());
	return execution;
}

async function sends(chatId: string) {
	return (await e2e.control.requests({ operationId: 'sendMessageToChat' })).filter(
		(r) => (r.query as Record<string, string>).chatId === chatId,
	);
}

describe('templates with the poll trigger (no public URL)', () => {
	it('Telegram bridge: one poll with two buyers’ messages posts each with its own chat', async () => {
		const { workflow, trigger } = withPollTrigger(
			loadExample('telegram-bridge.json', e2e.credential),
		);
		const id = await publishPolling(workflow, trigger);
		await waitFor('the Telegram webhook', () => e2e.telegram.state.webhook);
		const before = (await e2e.telegram.control.messages(TEAM, 'bot')).length;
		const buyers: Array<[string, string]> = [
			[SANDBOX_SEED.orderChatId, 'Poll bridge: where is order 40003?'],
			[SANDBOX_SEED.returnChatId, 'Poll bridge: my return 50001?'],
		];
		const execution = await twoBuyers(id, trigger, buyers);
		expect(execution.status).toBe('success');
		const posts = await waitFor('two posts', async () => {
			const all = (await e2e.telegram.control.messages(TEAM, 'bot')).slice(before);
			return all.length >= 2 ? all : undefined;
		});
		for (const [chatId, text] of buyers) {
			const post = posts.find((p) => p.text?.includes(text));
			expect(post?.text?.trimEnd().endsWith(`chat ${chatId} · business ${BUSINESS}`)).toBe(true);
		}

		// A reply to the second buyer's post goes into the second buyer's chat only.
		await e2e.control.clearRequests();
		const second = posts.find((p) => p.text?.includes(buyers[1][1]))!;
		await e2e.telegram.control.userMessage({ replyTo: second.message_id, text: 'Refund today.' });
		await waitFor('the reply', async () => ((await sends(buyers[1][0])).length ? true : undefined));
		expect((await sends(buyers[1][0])).map((r) => r.body)).toEqual([{ message: 'Refund today.' }]);
		expect(await sends(buyers[0][0])).toEqual([]);
	});

	it('AI agent: one poll with two buyers’ messages gives each buyer their own answer', async () => {
		const { workflow, trigger } = withPollTrigger(
			loadExample('ai-agent-replies.json', e2e.credential),
		);
		const buyers: Array<[string, string]> = [
			[SANDBOX_SEED.attachmentChatId, 'Poll agent: is the photo clear?'],
			[SANDBOX_SEED.busyChatId, 'Poll agent: when does 40002 arrive?'],
		];
		const answers: Record<string, string> = {};
		for (const [chatId] of buyers) {
			answers[chatId] = `Answer for chat ${chatId} only.`;
			await e2e.openai.control.addScript({
				id: `poll-${chatId}`,
				match: `Yandex Market chat ${chatId} `,
				turns: [
					{ toolCalls: [{ name: 'read_chat_history', arguments: { limit: 5 } }] },
					{ toolCalls: [{ name: 'send_answer_to_buyer', arguments: { text: answers[chatId] } }] },
					{ content: 'sent' },
				],
			});
		}
		const id = await publishPolling(workflow, trigger);
		await e2e.control.clearRequests();
		const execution = await twoBuyers(id, trigger, buyers);
		await waitFor('both answers', async () => {
			const counts = await Promise.all(buyers.map(async ([c]) => (await sends(c)).length));
			return counts.every((n) => n >= 1) ? true : undefined;
		});
		await sleep(3000);
		for (const [chatId] of buyers) {
			expect((await sends(chatId)).map((r) => [r.status, r.body])).toEqual([
				[200, { message: answers[chatId] }],
			]);
		}
		const done = await e2e.n8n.getExecution(String(execution.id));
		expect(done.status).toBe('success');
	});
});
