/**
 * The templates as a seller gets them, in a real n8n: two imports of one template publish side by side with their
 * own Production URLs, a template whose Settings still hold a placeholder stops with a message naming it before it
 * calls anything, and the reply-time watchdog alerts the team in Telegram once per waiting spell.
 */
import { sleep } from 'n8n-workflow';
import { SANDBOX_SEED } from '../../sandbox';
import { TELEGRAM_STANDIN, type TgMessage } from '../../standins';
import {
	PLACEHOLDERS,
	TRIGGER_TYPE,
	loadExample,
	toRunResult,
	useE2E,
	waitFor,
	type Workflow,
} from '../../harness';

const e2e = useE2E('templates', { standins: ['telegram'], testTimeoutMs: 300_000 });
const BUSINESS = SANDBOX_SEED.businessId;
const TEAM = TELEGRAM_STANDIN.teamChat.id;

const active: string[] = [];
afterEach(async () => {
	for (const id of active.splice(0)) await e2e.n8n.deactivate(id).catch(() => undefined);
	await e2e.control.setNotifier({ url: null, alsoTo: [], autoNotify: false });
});

async function publish(workflow: Workflow): Promise<string> {
	const id = await e2e.n8n.createWorkflow(workflow);
	await e2e.n8n.activate(id);
	active.push(id);
	return id;
}

function hookOf(workflow: Workflow): string {
	return String(workflow.nodes.find((n) => n.type === TRIGGER_TYPE)?.webhookId);
}

async function sends(chatId: string) {
	return (await e2e.control.requests({ operationId: 'sendMessageToChat' })).filter(
		(r) => (r.query as Record<string, string>).chatId === chatId,
	);
}

describe('own URL per import', () => {
	it('two imports of the auto-reply template publish with different Production URLs, and both receive events', async () => {
		const first = loadExample('auto-reply-to-buyer-messages.json', e2e.credential);
		const second = loadExample('auto-reply-to-buyer-messages.json', e2e.credential);
		first.name = `${first.name} (cabinet 1)`;
		second.name = `${second.name} (cabinet 2)`;
		const [a, b] = [await publish(first), await publish(second)];
		expect(a).not.toBe(b);
		const [urlA, urlB] = [first, second].map((w) => e2e.n8n.webhookUrl(hookOf(w)));
		expect(urlA).not.toBe(urlB);

		// Yandex sends to one URL per notification configuration: here the same event goes to both.
		await e2e.control.setNotifier({ url: urlA, alsoTo: [urlB], autoNotify: true });
		await e2e.control.clearRequests();
		const chatId = SANDBOX_SEED.orderChatId;
		const written = await e2e.control.customerMessage(chatId, { text: 'Is it in stock?' });
		expect(written.deliveries.map((d) => [d.url, d.status, d.ok])).toEqual([
			[urlA, 200, true],
			[urlB, 200, true],
		]);
		for (const id of [a, b]) {
			const [execution] = await e2e.n8n.waitForExecutions(id, 1, 60_000);
			expect(execution.status).toBe('success');
		}
		// Each workflow answered the buyer once: two answers in the buyer's own chat.
		await waitFor('two answers', async () =>
			(await sends(chatId)).length >= 2 ? true : undefined,
		);
		expect((await sends(chatId)).map((r) => r.status)).toEqual([200, 200]);
	});
});

describe('placeholders', () => {
	it('a template whose Settings still hold a placeholder stops with a message naming it, before calling anything', async () => {
		// The CRM template as imported: the CRM URL is left as shipped.
		const workflow = loadExample('crm-hand-off.json', e2e.credential);
		expect(JSON.stringify(workflow)).toContain(PLACEHOLDERS.crmBaseUrl);
		const id = await publish(workflow);
		await e2e.control.setNotifier({ url: e2e.n8n.webhookUrl(hookOf(workflow)), autoNotify: true });
		await e2e.control.customerMessage(SANDBOX_SEED.returnChatId, { text: 'Hello?' });
		const [execution] = await e2e.n8n.waitForExecutions(id, 1, 60_000);
		const result = toRunResult(execution);
		expect(result.status).toBe('error');
		expect(result.error).toContain(PLACEHOLDERS.crmBaseUrl);
		expect(result.error).toContain('crmBaseUrl');
		expect(Object.keys(result.runData)).not.toContain('Latest message');
		expect(Object.keys(result.runData)).not.toContain('Create or update in the CRM');
	});
});

describe('reply-time watchdog', () => {
	/** The bot's messages in the team chat so far: alerts are counted after this mark. */
	let mark = 0;
	/** The bot's alerts in the team chat since `mark`, per Yandex chat ID. */
	async function alerts(): Promise<Map<string, TgMessage[]>> {
		const byChat = new Map<string, TgMessage[]>();
		for (const m of (await e2e.telegram.control.messages(TEAM, 'bot')).slice(mark)) {
			const found = /chat (\d+) · business (\d+)\s*$/.exec(m.text ?? '');
			if (!found || !/waiting/.test(m.text ?? '')) continue;
			byChat.set(found[1], [...(byChat.get(found[1]) ?? []), m]);
		}
		return byChat;
	}

	function watchdog(maxWaitMinutes: number): Workflow {
		const workflow = loadExample('reply-time-watchdog.json', e2e.credential);
		for (const node of workflow.nodes) {
			// Every 3 seconds instead of every 5 minutes, so the test sees several runs.
			if (node.type === 'n8n-nodes-base.scheduleTrigger')
				node.parameters.rule = { interval: [{ field: 'seconds', secondsInterval: 3 }] };
			if (node.name === 'Settings') {
				const list = (
					node.parameters.assignments as { assignments: Array<Record<string, unknown>> }
				).assignments;
				list.find((a) => a.name === 'maxWaitMinutes')!.value = maxWaitMinutes;
			}
		}
		workflow.name = `${workflow.name} (${maxWaitMinutes} min)`;
		return workflow;
	}

	async function runs(id: string, more: number): Promise<void> {
		const now = (await e2e.n8n.listExecutions(id, false)).length;
		await e2e.n8n.waitForExecutions(id, now + more, 60_000);
	}

	it('alerts once per waiting spell, only past the set time, with the chat link', async () => {
		const chatId = SANDBOX_SEED.directChatId;
		// The shop has answered: no spell.
		expect(await e2e.sellerMessage(chatId, 'We are here to help.')).toBe(200);

		// 30 minutes: a buyer who wrote just now is not waiting long enough (chats of the seed, waiting for days, are).
		mark = (await e2e.telegram.control.messages(TEAM, 'bot')).length;
		const patient = await publish(watchdog(30));
		await runs(patient, 1);
		await e2e.control.customerMessage(chatId, { text: 'Do you ship to Kazan?' });
		await runs(patient, 3);
		const [execution] = await e2e.n8n.listExecutions(patient, true);
		expect(execution.status).toBe('success');
		const early = await alerts();
		expect(early.get(chatId)).toBeUndefined();
		expect(early.size).toBeGreaterThan(0);
		for (const [chat, list] of early) expect([chat, list.length]).toEqual([chat, 1]);
		await e2e.n8n.deactivate(patient);

		// 0 minutes: the same spell is alerted, once, however often the watchdog runs. A new workflow has its own
		// memory of alerted spells, so its alerts are counted on their own.
		mark = (await e2e.telegram.control.messages(TEAM, 'bot')).length;
		const eager = await publish(watchdog(0));
		const [first] = await waitFor('an alert for the waiting chat', async () =>
			(await alerts()).get(chatId),
		);
		expect(first.text).toContain('Do you ship to Kazan?');
		expect(first.text).toMatch(/A buyer has been waiting \d+ minutes/);
		expect(first.entities ?? []).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					type: 'text_link',
					url: `https://partner.market.yandex.ru/business/${BUSINESS}/chats?chatId=${chatId}`,
				}),
			]),
		);
		await runs(eager, 3);
		const seen = await alerts();
		expect(seen.get(chatId)).toHaveLength(1);
		// No chat of the cabinet was alerted twice for one spell.
		for (const [chat, list] of seen) expect([chat, list.length]).toEqual([chat, 1]);

		// The shop answers, the buyer writes again: a new spell, one new alert.
		expect(await e2e.sellerMessage(chatId, 'Yes, we do.')).toBe(200);
		await runs(eager, 1);
		await sleep(1000);
		await e2e.control.customerMessage(chatId, { text: 'And to Omsk?' });
		const second = await waitFor('a second alert', async () => {
			const list = (await alerts()).get(chatId) ?? [];
			return list.length >= 2 ? list[1] : undefined;
		});
		expect(second.text).toContain('And to Omsk?');
		await runs(eager, 3);
		expect((await alerts()).get(chatId)).toHaveLength(2);
	});
});
