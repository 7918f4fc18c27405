/**
 * examples/crm-hand-off.json in a real n8n: chat events create or update one record per chat in the CRM stand-in
 * (standins/crm.ts) through n8n's HTTP Request node with a Header Auth credential.
 */
import { SANDBOX_SEED } from '../../sandbox';
import type { CrmRecord } from '../../standins';
import { useE2E, waitFor } from '../../harness';
import { sleep } from 'n8n-workflow';

const e2e = useE2E('crm', { standins: ['crm'] });
const BUSINESS = SANDBOX_SEED.businessId;

async function record(chatId: string, until: (r: CrmRecord) => boolean): Promise<CrmRecord> {
	return await waitFor(`the CRM record of chat ${chatId}`, async () => {
		const found = (await e2e.crm.control.records()).find((r) => r.externalId === chatId);
		return found && until(found) ? found : undefined;
	});
}

beforeAll(async () => {
	await e2e.publishExample('crm-hand-off.json', (workflow) => {
		// The one setting a user changes: where the CRM is.
		const settings = workflow.nodes.find((n) => n.name === 'Settings');
		const { assignments } = settings?.parameters.assignments as {
			assignments: Array<{ name: string; value: string }>;
		};
		assignments.find((a) => a.name === 'crmBaseUrl')!.value = e2e.crm.url;
	});
});

describe('CRM hand-off', () => {
	it('creates a record for a new chat with buyer, order, status, last message and the cabinet link', async () => {
		const opened = await e2e.control.openChat({
			contextType: 'ORDER',
			id: '40032',
			text: 'Hello, is my order packed yet?',
		});
		const chat = await e2e.control.chat(opened.chatId);
		const rec = await record(opened.chatId, (r) => r.data.lastMessage !== null);
		expect(rec.data).toEqual({
			source: 'yandex-market',
			businessId: BUSINESS,
			chatId: opened.chatId,
			customer: chat.context.customer,
			contextType: 'ORDER',
			orderId: '40032',
			returnId: null,
			campaignId: String(chat.context.campaignId),
			chatType: 'CHAT',
			status: 'WAITING_FOR_PARTNER',
			messageCount: chat.messages.length,
			lastMessage: {
				id: opened.messageId,
				sender: 'CUSTOMER',
				text: 'Hello, is my order packed yet?',
				at: expect.any(String),
				attachments: [],
			},
			cabinetUrl: `https://partner.market.yandex.ru/business/${BUSINESS}/chats?chatId=${opened.chatId}`,
			chatCreatedAt: chat.createdAt,
			chatUpdatedAt: expect.any(String),
		});
		// Chat created and message sent both arrive; whichever is second writes the same record.
		const calls = (await e2e.crm.control.calls()).filter((c) => c.path.endsWith(opened.chatId));
		expect(calls.every((c) => c.method === 'PUT' && [200, 201].includes(c.status))).toBe(true);
		expect(calls.filter((c) => c.outcome === 'created')).toHaveLength(1);
	});

	it('updates the record when the seller answers, and a repeated or late event changes nothing', async () => {
		const chatId = SANDBOX_SEED.orderChatId;
		await e2e.control.customerMessage(chatId, { text: 'Where is my parcel?' });
		const first = await record(chatId, (r) => r.data.status === 'WAITING_FOR_PARTNER');
		expect(await e2e.sellerMessage(chatId, 'It is on its way.')).toBe(200);
		const updated = await record(chatId, (r) => r.data.status === 'WAITING_FOR_CUSTOMER');
		expect(updated.version).toBeGreaterThan(first.version);
		expect(updated.data.lastMessage).toMatchObject({
			sender: 'PARTNER',
			text: 'It is on its way.',
		});

		// Yandex repeats the buyer's (older) notification twice and an earlier message is notified late.
		const messages = (await e2e.control.chat(chatId)).messages;
		const buyerMessage = messages.find((m) => m.message === 'Where is my parcel?');
		const callsBefore = (await e2e.crm.control.calls()).length;
		await e2e.control.notify({
			type: 'CHAT_MESSAGE_SENT',
			chatId,
			messageId: buyerMessage?.messageId,
			duplicates: 2,
		});
		await e2e.control.notify({
			type: 'CHAT_MESSAGE_SENT',
			chatId,
			messageId: messages[0].messageId,
		});
		await sleep(3000);
		const after = await record(chatId, () => true);
		expect(after.version).toBe(updated.version);
		expect(after.data).toEqual(updated.data);
		const late = (await e2e.crm.control.calls())
			.slice(callsBefore)
			.filter((c) => c.path.endsWith(`/${chatId}`));
		expect(late.map((c) => c.outcome)).toEqual(['unchanged']);
	});

	it('records a dispute and a return chat with their status and return', async () => {
		await e2e.control.notify({ type: 'CHAT_ARBITRAGE_STARTED', chatId: '30010' });
		const dispute = await record('30010', (r) => r.data.chatType === 'ARBITRAGE');
		expect(dispute.data).toMatchObject({ status: 'WAITING_FOR_ARBITER', orderId: '40010' });
		const returnChat = SANDBOX_SEED.returnChatId;
		await e2e.control.customerMessage(returnChat, { text: 'The box was damaged' });
		const ret = await record(returnChat, (r) => r.data.lastMessage !== null);
		expect(ret.data).toMatchObject({
			contextType: 'RETURN',
			returnId: SANDBOX_SEED.returnChatReturnId,
			lastMessage: { text: 'The box was damaged' },
		});
	});

	it('retries when the CRM is briefly unavailable', async () => {
		const chatId = SANDBOX_SEED.directChatId;
		await e2e.crm.control.fault(503, 1);
		await e2e.control.customerMessage(chatId, { text: 'Do you ship abroad?' });
		const rec = await record(chatId, (r) => r.data.lastMessage !== null);
		expect(rec.data).toMatchObject({ contextType: 'DIRECT', orderId: null });
		const calls = (await e2e.crm.control.calls()).filter((c) => c.path.endsWith(`/${chatId}`));
		expect(calls.map((c) => c.status)).toEqual([503, 201]);
	});
});
