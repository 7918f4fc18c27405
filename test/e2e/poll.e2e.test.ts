/**
 * The poll trigger in a real n8n with a published workflow (the packed package installed as a community package):
 * n8n's own scheduler runs the polls and keeps the static data. Polls every 20 s (three Custom poll times at seconds
 * 0, 20 and 40; n8n allows no single poll time below a minute). In queue mode the polls run on the main process
 * and the executions on the worker. A webhook trigger with Resolve Details on gets the same events from the
 * sandbox's notifier, so the two triggers' items can be compared.
 */
import { sleep } from 'n8n-workflow';
import { SANDBOX_SEED } from '../../sandbox';
import {
	byId,
	manualActionWorkflow,
	nodeOutput,
	pollTriggerWorkflow,
	triggerWorkflow,
	useE2E,
} from '../../harness';
import type { Execution } from '../../harness';

const e2e = useE2E('poll', { testTimeoutMs: 300_000 });

const POLL_MS = 20_000;
const BUSINESS = SANDBOX_SEED.businessId;
const CHAT = SANDBOX_SEED.orderChatId;
const POLL_NODE = 'Yandex Market Poll Trigger';
const HOOK_NODE = 'Yandex Market Trigger';

const active: string[] = [];

afterEach(async () => {
	for (const id of active.splice(0)) await e2e.n8n.deactivate(id).catch(() => undefined);
	await e2e.control.setNotifier({ url: null });
});

async function publish(workflow: Parameters<typeof e2e.n8n.createWorkflow>[0]): Promise<string> {
	const id = await e2e.n8n.createWorkflow(workflow);
	await e2e.n8n.activate(id);
	active.push(id);
	return id;
}

/**
 * Publishes a poll-trigger workflow and waits for its first poll, which n8n runs while activating (2.41 answers the
 * activate call before that poll is done) and after which it saves the static data: from then on events count.
 */
async function publishPoller(): Promise<string> {
	const id = await publish(
		pollTriggerWorkflow({ businessId: byId(BUSINESS) }, e2e.credential, { nodeName: POLL_NODE }),
	);
	const deadline = Date.now() + 60_000;
	for (;;) {
		const { staticData } = (await e2e.n8n.getWorkflow(id)) as { staticData?: unknown };
		const node = (staticData as Record<string, { state?: { chats?: object } }> | null)?.[
			`node:${POLL_NODE}`
		];
		if (node?.state?.chats && Object.keys(node.state.chats).length > 0) return id;
		if (Date.now() > deadline) throw new Error(`no poll state saved\n${e2e.logTails()}`);
		await sleep(250);
	}
}

/** Resolves with the time of the `count`-th poll start (first page of getChats) after `since`. */
async function pollsSince(since: number, count: number): Promise<number> {
	const deadline = Date.now() + count * POLL_MS + 30_000;
	for (;;) {
		const starts = (await e2e.control.requests({ operationId: 'getChats' })).filter(
			(r) => !r.query.pageToken && Date.parse(r.at) > since,
		);
		if (starts.length >= count) return Date.parse(starts[count - 1].at);
		if (Date.now() > deadline) {
			throw new Error(
				`${starts.length}/${count} polls after ${new Date(since).toISOString()}\n${e2e.logTails()}`,
			);
		}
		await sleep(500);
	}
}

/** Resolves once a poll has read the chat's history after `since` (it moved, or it is read once more). */
async function historyReadSince(chatId: string, since: number): Promise<void> {
	const deadline = Date.now() + 2 * POLL_MS + 30_000;
	while (
		!(await e2e.control.requests({ operationId: 'getChatHistory' })).some(
			(r) => r.query.chatId === chatId && Date.parse(r.at) > since,
		)
	) {
		if (Date.now() > deadline) throw new Error(`no history read of ${chatId}\n${e2e.logTails()}`);
		await sleep(500);
	}
}

async function executions(workflowId: string): Promise<Execution[]> {
	return await e2e.n8n.listExecutions(workflowId, false);
}

function withoutReceivedAt(item: Record<string, unknown>) {
	const copy = { ...item };
	delete copy.receivedAt;
	return copy;
}

describe('Yandex Market Chats Poll Trigger in n8n', () => {
	it('a buyer message starts exactly one execution within one poll interval, the seller’s reply none', async () => {
		const hook = triggerWorkflow({ resolveDetails: true }, e2e.credential, { nodeName: HOOK_NODE });
		const hookId = await publish(hook.workflow);
		await e2e.control.setNotifier({
			url: e2e.n8n.webhookUrl(hook.webhookId),
			autoNotify: true,
			notifyPartnerMessages: true,
		});
		const pollId = await publishPoller();
		expect(await executions(pollId)).toEqual([]);

		const sentAt = Date.now();
		const sent = await e2e.control.customerMessage(CHAT, { text: 'Where is my parcel?' });
		// The first execution is this message alone: nothing older came before it or with it.
		const [execution] = await e2e.n8n.waitForExecutions(pollId, 1, POLL_MS + 30_000);
		expect(execution.status).toBe('success');
		expect(Date.parse(String(execution.startedAt)) - sentAt).toBeLessThan(POLL_MS + 5_000);
		const items = nodeOutput(execution, POLL_NODE);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			notificationType: 'CHAT_MESSAGE_SENT',
			businessId: BUSINESS,
			chatId: CHAT,
			messageId: sent.messageId,
			sender: 'CUSTOMER',
			message: { messageId: sent.messageId, message: 'Where is my parcel?' },
			chat: { chatId: CHAT, status: 'WAITING_FOR_PARTNER' },
		});
		expect(nodeOutput(execution, 'Done')).toHaveLength(1);

		// Same event through the webhook trigger with Resolve Details: the same item apart from when it arrived.
		const [hooked] = await e2e.n8n.waitForExecutions(hookId, 1, 30_000);
		expect(withoutReceivedAt(items[0])).toEqual(
			withoutReceivedAt(nodeOutput(hooked, HOOK_NODE)[0]),
		);

		// The seller answers through the action node: neither trigger starts (Senders leaves PARTNER out).
		const reply = await e2e.n8n.runWorkflow(
			manualActionWorkflow(
				{
					resource: 'message',
					operation: 'send',
					businessId: byId(BUSINESS),
					chatId: byId(CHAT),
					text: 'It ships today.',
				},
				e2e.credential,
			),
		);
		expect(reply.status).toBe('success');
		const repliedAt = Date.now();
		await historyReadSince(CHAT, repliedAt);
		await sleep(2000);
		expect(await executions(pollId)).toHaveLength(1);
		expect(await executions(hookId)).toHaveLength(1);

		// The next buyer message is the next execution, and only it.
		const next = await e2e.control.customerMessage(CHAT, { text: 'Thank you!' });
		const all = await e2e.n8n.waitForExecutions(pollId, 2, POLL_MS + 30_000);
		await pollsSince(Date.now(), 1);
		await sleep(2000);
		expect(await executions(pollId)).toHaveLength(2);
		const latest = all.find((e) => e.id !== execution.id)!;
		expect(nodeOutput(latest, POLL_NODE).map((i) => i.messageId)).toEqual([next.messageId]);

		// One poller: after the first poll, polls start 20 s apart. A second process polling the same workflow
		// (a queue-mode worker would, if workers ran triggers) would start at the same seconds.
		const starts = (await e2e.control.requests({ operationId: 'getChats' }))
			.filter((r) => !r.query.pageToken)
			.map((r) => Date.parse(r.at))
			.slice(1);
		const gaps = starts.slice(1).map((t, i) => t - starts[i]);
		expect(gaps.length).toBeGreaterThanOrEqual(2);
		expect(Math.min(...gaps)).toBeGreaterThan(POLL_MS / 2);
		if (e2e.mode === 'queue') {
			// The executions ran on the worker, started by the polls on main.
			expect(e2e.readLog('worker')).toContain(`Worker started execution ${latest.id} `);
		}
	});

	it('Fetch Test Event returns the latest real event', async () => {
		const latest = await e2e.control.customerMessage(CHAT, { text: 'the latest one' });
		const result = await e2e.n8n.runWorkflow(
			pollTriggerWorkflow({ businessId: byId(BUSINESS) }, e2e.credential, { nodeName: POLL_NODE }),
		);
		expect(result.status).toBe('success');
		expect(nodeOutput(result, POLL_NODE)).toMatchObject([
			{ notificationType: 'CHAT_MESSAGE_SENT', chatId: CHAT, messageId: latest.messageId },
		]);
	});

	it('after a restart of n8n the events of the downtime come once, and nothing comes twice', async () => {
		const pollId = await publishPoller();
		const before = await e2e.control.customerMessage(CHAT, { text: 'before the restart' });
		const [first] = await e2e.n8n.waitForExecutions(pollId, 1, POLL_MS + 30_000);
		expect(nodeOutput(first, POLL_NODE).map((i) => i.messageId)).toEqual([before.messageId]);

		let during: { messageId: string } | undefined;
		let opened: { chatId: string; messageId?: string } | undefined;
		await e2e.n8n.restartMain(async () => {
			during = await e2e.control.customerMessage(CHAT, { text: 'while n8n was down' });
			opened = await e2e.control.openChat({ contextType: 'DIRECT', text: 'new chat meanwhile' });
		});
		// n8n activates the workflow again on start, and that first poll catches up.
		const both = await e2e.n8n.waitForExecutions(pollId, 2, POLL_MS + 60_000);
		const second = both.find((e) => e.id !== first.id)!;
		const caughtUp = nodeOutput(second, POLL_NODE).map((i) =>
			[i.notificationType, i.chatId, i.messageId ?? ''].join(' '),
		);
		expect(caughtUp.sort()).toEqual(
			[
				`CHAT_MESSAGE_SENT ${CHAT} ${during!.messageId}`,
				`CHAT_CREATED ${opened!.chatId} `,
				`CHAT_MESSAGE_SENT ${opened!.chatId} ${opened!.messageId}`,
			].sort(),
		);
		await pollsSince(Date.now(), 2);
		await sleep(2000);
		expect(await executions(pollId)).toHaveLength(2);
	});
});
