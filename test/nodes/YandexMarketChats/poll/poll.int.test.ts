/**
 * The poll trigger against the sandbox over real HTTP (n8n-core's request helpers), with n8n's way of keeping static
 * data between polls (test/helpers/pollContext.ts). Every event must come out exactly once: bursts, new chats,
 * history paging, many chats, disputes, chats that finish and come back, 420s and 5xx in the middle of a poll, and
 * restarts of n8n between polls. The sandbox checks every request against the spec.
 */
import type { IDataObject } from 'n8n-workflow';
import { SANDBOX_KEYS, SANDBOX_SEED } from '../../../../sandbox';
import type { RequestRecord } from '../../../../sandbox';
import { OPEN_STATUSES } from '../../../../nodes/YandexMarketChats/poll/reads';
import { GONE_TTL_MS } from '../../../../nodes/YandexMarketChats/poll/state';
import type { PollState } from '../../../../nodes/YandexMarketChats/poll/state';
import { PolledWorkflow } from '../../../helpers/pollContext';
import { apiCaller, useSpecCheckedSandbox } from '../../../helpers/sandbox';

const sb = useSpecCheckedSandbox();
const call = apiCaller(() => sb.url);
const BUSINESS = SANDBOX_SEED.businessId;
const CHAT = SANDBOX_SEED.orderChatId;
const OTHER = SANDBOX_SEED.returnChatId;

jest.setTimeout(60_000);

function workflow(parameters: IDataObject = {}, apiKey: string = SANDBOX_KEYS.communication) {
	return new PolledWorkflow(sb.url, apiKey, {
		businessId: { __rl: true, mode: 'id', value: BUSINESS },
		...parameters,
	});
}

async function buyer(chatId: string, text: string, sender?: 'SUPPORT' | 'MARKET') {
	return await sb.control.customerMessage(chatId, { text, ...(sender ? { sender } : {}) });
}

async function sellerReply(chatId: string, text: string) {
	const r = await call('POST', `/v2/businesses/${BUSINESS}/chats/message`, {
		query: { chatId },
		body: { message: text },
	});
	expect(r.status).toBe(200);
}

async function requests(operationId: string): Promise<RequestRecord[]> {
	return await sb.control.requests({ operationId });
}

function state(wf: PolledWorkflow): PollState {
	return wf.live.state as unknown as PollState;
}

function summary(items: IDataObject[]) {
	return items.map((i) => [i.notificationType, i.chatId, i.messageId ?? null]);
}

/** Open chats of the seed business, read straight from the API. */
async function openChatCount(): Promise<number> {
	let count = 0;
	let pageToken: string | undefined;
	do {
		const r = await call('POST', `/v2/businesses/${BUSINESS}/chats`, {
			query: { limit: 20, ...(pageToken ? { pageToken } : {}) },
			body: { statuses: OPEN_STATUSES },
		});
		const result = r.json.result as { chats: unknown[]; paging?: { nextPageToken?: string } };
		count += result.chats.length;
		pageToken = result.paging?.nextPageToken;
	} while (pageToken);
	return count;
}

describe('Yandex Market Chats Poll Trigger against the sandbox', () => {
	it('starts from now, then emits a buyer message once, shaped like the webhook item with Resolve Details', async () => {
		const open = await openChatCount();
		await sb.control.clearRequests();
		const wf = workflow();
		expect(await wf.activate()).toEqual({ items: [], executions: 0 });
		expect(Object.keys(state(wf).chats)).toHaveLength(open);
		expect(await requests('getChats')).toHaveLength(Math.ceil(open / 20));
		expect(await wf.poll()).toEqual({ items: [], executions: 0 });

		const sent = await buyer(CHAT, 'Where is my parcel?');
		const { items } = await wf.poll();
		expect(items).toHaveLength(1);
		const item = items[0];
		expect(Object.keys(item).sort()).toEqual(
			[
				'notificationType',
				'businessId',
				'chatId',
				'messageId',
				'eventTime',
				'sentAt',
				'receivedAt',
				'dedupKey',
				'sender',
				'chat',
				'message',
				'notification',
			].sort(),
		);
		expect(item).toMatchObject({
			notificationType: 'CHAT_MESSAGE_SENT',
			businessId: BUSINESS,
			chatId: CHAT,
			messageId: sent.messageId,
			eventTime: sent.createdAt,
			sentAt: sent.createdAt,
			sender: 'CUSTOMER',
			dedupKey: ['CHAT_MESSAGE_SENT', BUSINESS, CHAT, sent.messageId, sent.createdAt].join('|'),
			notification: {
				notificationType: 'CHAT_MESSAGE_SENT',
				businessId: BUSINESS,
				chatId: CHAT,
				messageId: sent.messageId,
				sentAt: sent.createdAt,
			},
			chat: { chatId: CHAT, status: 'WAITING_FOR_PARTNER', context: { orderId: '40003' } },
			message: { messageId: sent.messageId, sender: 'CUSTOMER', message: 'Where is my parcel?' },
		});
		expect(await wf.poll()).toEqual({ items: [], executions: 0 });
	});

	it('emits a burst in several chats in one execution, oldest first, without the seller’s own messages', async () => {
		const wf = workflow();
		await wf.activate();
		const a1 = await buyer(CHAT, 'one');
		const a2 = await buyer(CHAT, 'two');
		const b1 = await buyer(OTHER, 'other chat', 'SUPPORT');
		await sellerReply(CHAT, 'We are on it');
		const a3 = await buyer(CHAT, 'three');
		const first = await wf.poll();
		expect(first.executions).toBe(1);
		expect(new Set(summary(first.items).map((s) => s[2]))).toEqual(
			new Set([a1.messageId, a2.messageId, b1.messageId, a3.messageId]),
		);
		const inChat = first.items.filter((i) => i.chatId === CHAT).map((i) => i.messageId);
		expect(inChat).toEqual([a1.messageId, a2.messageId, a3.messageId]);
		expect(first.items.every((i) => i.sender !== 'PARTNER')).toBe(true);
		const times = first.items.map((i) => Date.parse(String(i.eventTime)));
		expect([...times].sort((x, y) => x - y)).toEqual(times);

		await sellerReply(CHAT, 'Shipped today');
		expect((await wf.poll()).items).toEqual([]);

		const partner = workflow({ senders: ['CUSTOMER', 'PARTNER'] });
		await partner.activate();
		await sellerReply(CHAT, 'Anything else?');
		expect((await partner.poll()).items).toMatchObject([
			{ sender: 'PARTNER', message: { message: 'Anything else?' } },
		]);
	});

	it('reports a new chat with its messages, and reads only the moved chats from their last message on', async () => {
		const wf = workflow();
		await wf.activate();
		await buyer(CHAT, 'first');
		await wf.poll();
		const lastSeen = state(wf).chats[CHAT].m;
		expect(lastSeen).toBeDefined();
		await sb.control.clearRequests();

		const opened = await sb.control.openChat({ contextType: 'DIRECT', text: 'Is it blue?' });
		const again = await buyer(CHAT, 'second');
		const { items } = await wf.poll();
		expect(summary(items)).toEqual(
			expect.arrayContaining([
				['CHAT_CREATED', opened.chatId, null],
				['CHAT_MESSAGE_SENT', opened.chatId, opened.messageId],
				['CHAT_MESSAGE_SENT', CHAT, again.messageId],
			]),
		);
		expect(items).toHaveLength(3);
		const created = items.find((i) => i.notificationType === 'CHAT_CREATED')!;
		expect(created).toMatchObject({
			createdAt: created.eventTime,
			chat: { chatId: opened.chatId, context: { type: 'DIRECT' } },
		});
		expect(created.message).toBeUndefined();
		expect(created.sender).toBeUndefined();

		const history = await requests('getChatHistory');
		// The moved chats only: the earlier one from its last seen message, the new one whole.
		expect(
			history.map((r) => [r.query.chatId, String((r.body as IDataObject).messageIdFrom ?? '')]),
		).toEqual(
			expect.arrayContaining([
				[CHAT, lastSeen],
				[opened.chatId, ''],
			]),
		);
		expect(
			history.filter((r) => r.query.chatId !== CHAT && r.query.chatId !== opened.chatId),
		).toEqual([]);
	});

	it('pages the history of a chat that got more than 100 messages, one call per page', async () => {
		const wf = workflow();
		await wf.activate();
		await buyer(CHAT, 'start');
		await wf.poll();
		const sent: string[] = [];
		for (let i = 0; i < 150; i++) sent.push((await buyer(CHAT, `message ${i}`)).messageId);
		await sb.control.clearRequests();
		const { items } = await wf.poll();
		expect(items.map((i) => i.messageId)).toEqual(sent);
		const history = (await requests('getChatHistory')).filter((r) => r.query.chatId === CHAT);
		expect(history.map((r) => r.query.limit)).toEqual(['100', '100']);
		expect((await wf.poll()).items).toEqual([]);
	});

	it('covers many chats: every list page once per poll, each new chat and message exactly once', async () => {
		const wf = workflow();
		await wf.activate();
		const opened = [];
		for (let i = 0; i < 60; i++) {
			opened.push(await sb.control.openChat({ contextType: 'DIRECT', text: `hello ${i}` }));
		}
		const open = await openChatCount();
		await sb.control.clearRequests();
		const { items } = await wf.poll();
		expect(await requests('getChats')).toHaveLength(Math.ceil(open / 20));
		expect(items).toHaveLength(120);
		expect(new Set(items.map((i) => i.dedupKey)).size).toBe(120);
		for (const chat of opened) {
			expect(summary(items.filter((i) => i.chatId === chat.chatId))).toEqual([
				['CHAT_CREATED', chat.chatId, null],
				['CHAT_MESSAGE_SENT', chat.chatId, chat.messageId],
			]);
		}
		expect((await wf.poll()).items).toEqual([]);
	});

	it('costs the list pages per poll, plus one history call per chat that moved', async () => {
		const pages = Math.ceil((await openChatCount()) / 20);
		const wf = workflow();
		await wf.activate();
		await sb.control.clearRequests();
		expect((await wf.poll()).items).toEqual([]);
		expect(await requests('getChats')).toHaveLength(pages);
		expect(await requests('getChatHistory')).toEqual([]);
		expect(await requests('getChat')).toEqual([]);

		await buyer(CHAT, 'hi');
		await buyer(OTHER, 'hello');
		await sb.control.clearRequests();
		expect((await wf.poll()).items).toHaveLength(2);
		expect(await requests('getChats')).toHaveLength(pages);
		expect((await requests('getChatHistory')).map((r) => r.query.chatId).sort()).toEqual(
			[CHAT, OTHER].sort(),
		);
	});

	it('reads a chat again after a read in the same seconds as its last message, so a same-second message is not missed', async () => {
		const wf = workflow();
		await wf.activate();
		await buyer(CHAT, 'first');
		await wf.poll();
		expect(state(wf).chats[CHAT].r).toBe(1);
		const late = await buyer(CHAT, 'right after');
		expect((await wf.poll()).items.map((i) => i.messageId)).toEqual([late.messageId]);
	});

	it('reports disputes: started, finished (the chat leaves the open list), and a whole dispute between two polls', async () => {
		const wf = workflow();
		await wf.activate();
		await sb.control.setChatState(CHAT, { type: 'ARBITRAGE', status: 'WAITING_FOR_ARBITER' });
		const started = await wf.poll();
		expect(summary(started.items)).toEqual([['CHAT_ARBITRAGE_STARTED', CHAT, null]]);
		expect(started.items[0]).toMatchObject({
			startedAt: started.items[0].eventTime,
			chat: { chatId: CHAT, type: 'ARBITRAGE', status: 'WAITING_FOR_ARBITER' },
			notification: { notificationType: 'CHAT_ARBITRAGE_STARTED', chatId: CHAT },
		});

		await sb.control.setChatState(CHAT, { status: 'FINISHED' });
		await sb.control.clearRequests();
		const finished = await wf.poll();
		expect(summary(finished.items)).toEqual([['CHAT_ARBITRAGE_FINISHED', CHAT, null]]);
		expect(finished.items[0]).toMatchObject({ chat: { status: 'FINISHED' } });
		expect((await requests('getChat')).map((r) => r.query.chatId)).toEqual([CHAT]);
		expect(state(wf).chats[CHAT].g).toBeDefined();
		await sb.control.clearRequests();
		expect((await wf.poll()).items).toEqual([]);
		expect(await requests('getChat')).toEqual([]);

		await sb.control.setChatState(OTHER, { type: 'ARBITRAGE', status: 'WAITING_FOR_ARBITER' });
		await sb.control.setChatState(OTHER, { status: 'FINISHED' });
		expect(summary((await wf.poll()).items)).toEqual([
			['CHAT_ARBITRAGE_STARTED', OTHER, null],
			['CHAT_ARBITRAGE_FINISHED', OTHER, null],
		]);
	});

	it('continues exactly when a finished chat comes back with a message', async () => {
		const wf = workflow();
		await wf.activate();
		await sb.control.setChatState(CHAT, { status: 'FINISHED' });
		expect((await wf.poll()).items).toEqual([]);
		const back = await buyer(CHAT, 'I have one more question');
		expect((await wf.poll()).items.map((i) => i.messageId)).toEqual([back.messageId]);
	});

	it('a chat forgotten a day after it finished reports only what is new when it comes back', async () => {
		const wf = workflow();
		await wf.activate();
		await sb.control.setChatState(CHAT, { status: 'FINISHED' });
		await wf.poll();
		// A day passes (its messages are all older than that): the finished chat is forgotten at the next poll.
		state(wf).chats[CHAT].g = Date.now() - GONE_TTL_MS - 1;
		await wf.poll();
		expect(state(wf).chats[CHAT]).toBeUndefined();
		const back = await buyer(CHAT, 'back again');
		const { items } = await wf.poll();
		expect(summary(items)).toEqual([['CHAT_MESSAGE_SENT', CHAT, back.messageId]]);
		expect(state(wf).chats[CHAT].m).toBe(back.messageId);
		expect((await wf.poll()).items).toEqual([]);
	});

	it('on 420 past the wait budget returns what it has, and the next poll continues without repeats', async () => {
		const wf = workflow({ options: { rateLimitWaitSeconds: 0 } });
		await wf.activate();
		const sent = [];
		for (const chatId of [CHAT, OTHER, SANDBOX_SEED.directChatId, SANDBOX_SEED.attachmentChatId]) {
			sent.push((await buyer(chatId, `to ${chatId}`)).messageId);
		}
		await sb.control.limits({ windowMs: 3_600_000, quotas: { getChatHistory: 2 } });
		const partial = await wf.poll();
		expect(partial.items).toHaveLength(2);
		expect(
			(await requests('getChatHistory')).filter((r) => r.status === 420).length,
		).toBeGreaterThan(0);

		await sb.control.limits({ quotas: { getChatHistory: 10_000 } });
		const rest = await wf.poll();
		expect([...partial.items, ...rest.items].map((i) => i.messageId).sort()).toEqual(
			[...sent].sort(),
		);

		// Nothing done at all (the list itself is rate limited): the poll fails and changes nothing.
		const late = await buyer(CHAT, 'late');
		await sb.control.limits({ quotas: { getChats: 0 } });
		await expect(wf.poll()).rejects.toMatchObject({ httpCode: '420' });
		await sb.control.limits({ quotas: { getChats: 5_000 } });
		expect((await wf.poll()).items.map((i) => i.messageId)).toEqual([late.messageId]);
	});

	it('on 5xx after the retries fails without losing anything; the next poll catches up', async () => {
		const wf = workflow();
		await wf.activate();
		const sent = await buyer(CHAT, 'hello?');
		await sb.control.faults({
			operationId: 'getChatHistory',
			kind: 'status',
			status: 503,
			times: 4,
		});
		await expect(wf.poll()).rejects.toMatchObject({ httpCode: '503' });
		expect((await requests('getChatHistory')).map((r) => r.status)).toEqual([503, 503, 503, 503]);
		expect((await wf.poll()).items.map((i) => i.messageId)).toEqual([sent.messageId]);
		expect((await wf.poll()).items).toEqual([]);
	});

	it('skips a chat Yandex answers 404 for this time and still reports the others', async () => {
		const wf = workflow();
		await wf.activate();
		const a = await buyer(CHAT, 'a');
		const b = await buyer(OTHER, 'b');
		await sb.control.faults({ operationId: 'getChatHistory', kind: 'status', status: 404 });
		const first = await wf.poll();
		expect(first.items).toHaveLength(1);
		const second = await wf.poll();
		expect([...first.items, ...second.items].map((i) => i.messageId).sort()).toEqual(
			[a.messageId, b.messageId].sort(),
		);
		expect((await wf.poll()).items).toEqual([]);
	});

	it('survives n8n restarts between polls: emitted events stay emitted, unsaved work is redone', async () => {
		const wf = workflow();
		await wf.activate();
		wf.restart();
		const m1 = await buyer(CHAT, 'one');
		expect((await wf.poll()).items.map((i) => i.messageId)).toEqual([m1.messageId]);
		wf.restart();
		expect((await wf.poll()).items).toEqual([]);

		// A poll that found only the seller's reply returns nothing, so n8n does not save it; after a restart it is
		// read again and still starts nothing.
		await sellerReply(CHAT, 'reply');
		expect((await wf.poll()).executions).toBe(0);
		wf.restart();
		const m2 = await buyer(CHAT, 'two');
		const opened = await sb.control.openChat({ contextType: 'DIRECT', text: 'new chat' });
		expect(summary((await wf.poll()).items)).toEqual(
			expect.arrayContaining([
				['CHAT_MESSAGE_SENT', CHAT, m2.messageId],
				['CHAT_CREATED', opened.chatId, null],
				['CHAT_MESSAGE_SENT', opened.chatId, opened.messageId],
			]),
		);
		wf.restart();
		expect((await wf.poll()).items).toEqual([]);
		expect(wf.executions).toBe(2);
	});

	it('skips a poll that starts while the previous one still runs', async () => {
		const wf = workflow();
		await wf.activate();
		const sent = await buyer(CHAT, 'once');
		await sb.control.faults({ operationId: 'getChats', kind: 'delay', delayMs: 500 });
		const [a, b] = await Promise.all([wf.poll(), wf.poll()]);
		expect([...a.items, ...b.items].map((i) => i.messageId)).toEqual([sent.messageId]);
	});

	it('fetches the latest real event for the editor without touching the state', async () => {
		const wf = workflow();
		await wf.activate();
		const before = JSON.stringify(wf.live);
		await sellerReply(OTHER, 'seller writes last');
		const latest = await buyer(CHAT, 'newest buyer message');
		await sellerReply(OTHER, 'and again');
		const items = await wf.fetchTestEvent();
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			notificationType: 'CHAT_MESSAGE_SENT',
			chatId: CHAT,
			messageId: latest.messageId,
			sender: 'CUSTOMER',
		});
		expect(JSON.stringify(wf.live)).toBe(before);

		const created = await workflow({ events: ['CHAT_CREATED'] }).fetchTestEvent();
		expect(created).toMatchObject([{ notificationType: 'CHAT_CREATED' }]);
	});

	it('without Message Sent it reads no history; a change of Events starts from now again', async () => {
		const wf = workflow({ events: ['CHAT_CREATED'] });
		await wf.activate();
		await buyer(CHAT, 'not wanted');
		const opened = await sb.control.openChat({ contextType: 'DIRECT' });
		expect(summary((await wf.poll()).items)).toEqual([['CHAT_CREATED', opened.chatId, null]]);
		expect(await requests('getChatHistory')).toEqual([]);

		wf.parameters.events = ['CHAT_CREATED', 'CHAT_MESSAGE_SENT'];
		expect((await wf.poll()).items).toEqual([]);
		const now = await buyer(CHAT, 'wanted');
		expect((await wf.poll()).items.map((i) => i.messageId)).toEqual([now.messageId]);
	});

	it('keeps int64 IDs above 2^53 exact', async () => {
		const wf = workflow();
		await wf.activate();
		const sent = await buyer(SANDBOX_SEED.bigChatId, 'big');
		const { items } = await wf.poll();
		expect(items).toMatchObject([{ chatId: SANDBOX_SEED.bigChatId, messageId: sent.messageId }]);
		expect(BigInt(String(items[0].messageId)) > BigInt(SANDBOX_SEED.bigMessageId)).toBe(true);
	});

	it('names the field when a setting is invalid', async () => {
		await expect(workflow({ businessId: 'abc' }).poll()).rejects.toThrow(
			/Business ID must be a positive integer ID/,
		);
		await expect(workflow({ events: [] }).poll()).rejects.toThrow(/Events: choose at least one/);
	});
});
