/**
 * The sandbox as Yandex's notifier and as the buyer: notification bodies, delivery from 127.0.0.1, the answer
 * check Yandex applies, and the store changes that buyer actions cause.
 */
import {
	notificationAnswer,
	parseNotification,
} from '../../nodes/YandexMarketChats/shared/notifications';
import { SANDBOX_SEED, startSandbox } from '../../sandbox';
import type { Sandbox } from '../../sandbox';
import type { Receiver } from '../../sandbox/testing';
import { checkNotificationSchema, startReceiver } from '../../sandbox/testing';
import { apiCaller } from '../helpers/sandbox';

let sb: Sandbox;
let rx: Receiver;
const call = apiCaller(() => sb.url);
const B = SANDBOX_SEED.businessId;

beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
	rx = await startReceiver();
});
afterAll(async () => {
	await rx.close();
	await sb.close();
});
beforeEach(async () => {
	await sb.control.reset();
	rx.clear();
	rx.setAnswer({});
	await sb.control.setNotifier({ url: rx.url });
});

describe('notification bodies', () => {
	it('PING with nanosecond time, delivered from 127.0.0.1 as JSON', async () => {
		const [d] = await sb.control.notify({ type: 'PING' });
		expect(d).toMatchObject({ type: 'PING', status: 200, ok: true, problems: [], url: rx.url });
		expect(d.latencyMs).toBeGreaterThan(0);
		const [got] = rx.received;
		expect(got.method).toBe('POST');
		expect(got.path).toBe('/notification');
		expect(got.remoteAddress).toMatch(/127\.0\.0\.1$/);
		expect(got.headers['content-type']).toBe('application/json');
		expect(got.body).toEqual({
			notificationType: 'PING',
			time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/),
		});
		expect(checkNotificationSchema(undefined, got.body).valid).toBe(true);
	});

	it('CHAT_MESSAGE_SENT carries messageId as a string and the IDs as exact integers', async () => {
		await sb.control.notify({
			type: 'CHAT_MESSAGE_SENT',
			chatId: SANDBOX_SEED.bigChatId,
			messageId: SANDBOX_SEED.bigMessageId,
		});
		const [got] = rx.received;
		expect(got.bodyText).toContain(`"chatId":${SANDBOX_SEED.bigChatId}`);
		expect(got.bodyText).toContain(`"messageId":"${SANDBOX_SEED.bigMessageId}"`);
		expect(got.bodyText).toContain(`"businessId":${B}`);
		const parsed = parseNotification(got.body);
		expect(parsed).toMatchObject({
			kind: 'chat',
			event: {
				notificationType: 'CHAT_MESSAGE_SENT',
				chatId: SANDBOX_SEED.bigChatId,
				messageId: SANDBOX_SEED.bigMessageId,
			},
		});
		expect(checkNotificationSchema(undefined, JSON.parse(got.bodyText)).valid).toBe(true);
	});

	it.each([
		['CHAT_CREATED', 'createdAt'],
		['CHAT_ARBITRAGE_STARTED', 'startedAt'],
		['CHAT_ARBITRAGE_FINISHED', 'finishedAt'],
	])('%s has businessId, chatId and %s', async (type, timeField) => {
		await sb.control.notify({ type, chatId: SANDBOX_SEED.orderChatId });
		const body = rx.received[0].body as Record<string, unknown>;
		expect(body).toEqual({
			notificationType: type,
			businessId: Number(B),
			chatId: Number(SANDBOX_SEED.orderChatId),
			[timeField]: expect.any(String),
		});
		expect(parseNotification(body).kind).toBe('chat');
		expect(checkNotificationSchema(undefined, body).valid).toBe(true);
	});

	it('arbitrage notifications move the chat into the announced state, and are never sent for DIRECT chats', async () => {
		await sb.control.notify({ type: 'CHAT_ARBITRAGE_STARTED', chatId: SANDBOX_SEED.orderChatId });
		let chat = await call('GET', `/v2/businesses/${B}/chat`, {
			query: { chatId: SANDBOX_SEED.orderChatId },
		});
		expect(chat.json.result).toMatchObject({ type: 'ARBITRAGE', status: 'WAITING_FOR_ARBITER' });
		await sb.control.notify({ type: 'CHAT_ARBITRAGE_FINISHED', chatId: SANDBOX_SEED.orderChatId });
		chat = await call('GET', `/v2/businesses/${B}/chat`, {
			query: { chatId: SANDBOX_SEED.orderChatId },
		});
		expect(chat.json.result).toMatchObject({ status: 'FINISHED' });
		await expect(
			sb.control.notify({ type: 'CHAT_ARBITRAGE_STARTED', chatId: SANDBOX_SEED.directChatId }),
		).rejects.toThrow(/DIRECT/);
	});

	it('non-chat types carry their own fields', async () => {
		await sb.control.notify({ type: 'ORDER_CREATED', orderId: '40001', campaignId: '20001' });
		await sb.control.notify({ type: 'GOODS_FEEDBACK_CREATED' });
		await sb.control.notify({ type: 'QUESTION_CREATED' });
		const [order, feedback, question] = rx.received.map((r) => r.body as Record<string, unknown>);
		expect(order).toEqual({
			notificationType: 'ORDER_CREATED',
			orderId: 40001,
			campaignId: 20001,
			createdAt: expect.any(String),
		});
		expect(feedback).toMatchObject({
			notificationType: 'GOODS_FEEDBACK_CREATED',
			feedbackId: expect.any(Number),
			businessId: Number(B),
			publishedAt: expect.any(String),
		});
		expect(question).toMatchObject({
			notificationType: 'QUESTION_CREATED',
			questionId: expect.any(Number),
			businessId: Number(B),
		});
		for (const b of [order, feedback, question]) expect(parseNotification(b).kind).toBe('other');
	});

	it('raw bodies with a chosen content type, and duplicates', async () => {
		const d = await sb.control.notify({
			raw: '{"notificationType":',
			contentType: 'text/plain',
			duplicates: 2,
		});
		expect(d).toHaveLength(3);
		expect(rx.received.map((r) => r.bodyText)).toEqual([
			'{"notificationType":',
			'{"notificationType":',
			'{"notificationType":',
		]);
		expect(rx.received[0].headers['content-type']).toBe('text/plain');
	});

	it('refuses to send anywhere but 127.0.0.1', async () => {
		const [d] = await sb.control.notify({ type: 'PING', url: 'http://203.0.113.10/notification' });
		expect(d.ok).toBe(false);
		expect(d.status).toBeNull();
		expect(d.problems[0]).toMatch(/CONNECTION_REFUSED/);
	});
});

describe('answer check (what Yandex accepts)', () => {
	it.each([
		[
			'non-200 status',
			{ status: 500, body: { error: { type: 'UNKNOWN' } } },
			/CANT_GET_RESPONSE\/HTTP: status 500/,
		],
		[
			'wrong content type',
			{ contentType: 'text/plain', body: JSON.stringify(notificationAnswer()) },
			/UNSUPPORTED_MEDIA_TYPE/,
		],
		['not JSON', { body: 'OK' }, /CANT_PARSE_RESPONSE/],
		[
			'missing version',
			{ body: { name: 'x', time: new Date().toISOString() } },
			/INVALID_DATA.*version/,
		],
		['bad time', { body: { version: '1', name: 'x', time: 'yesterday' } }, /INVALID_DATA.*time/],
		[
			'name over 100 characters',
			{ body: { version: '1', name: 'x'.repeat(101), time: new Date().toISOString() } },
			/INVALID_DATA.*name/,
		],
	])('%s -> not ok with the problem recorded', async (_name, answer, problem) => {
		rx.setAnswer(answer);
		const [d] = await sb.control.notify({ type: 'CHAT_CREATED', chatId: SANDBOX_SEED.orderChatId });
		expect(d.ok).toBe(false);
		expect(d.problems.join('\n')).toMatch(problem);
		const log = await sb.control.notifications();
		expect(log[log.length - 1]).toMatchObject({
			ok: false,
			type: 'CHAT_CREATED',
			responseBody: expect.any(String),
		});
	});

	it('PING must be answered within 1 s', async () => {
		rx.setAnswer({ delayMs: 1300 });
		const [slow] = await sb.control.notify({ type: 'PING' });
		expect(slow.ok).toBe(false);
		expect(slow.problems[0]).toMatch(/READ_TIMED_OUT/);
		expect(slow.latencyMs).toBeGreaterThanOrEqual(990);
		expect(slow.latencyMs).toBeLessThan(1300);
		// Other types get 10 s.
		const [other] = await sb.control.notify({
			type: 'CHAT_CREATED',
			chatId: SANDBOX_SEED.orderChatId,
		});
		expect(other.ok).toBe(true);
		expect(other.latencyMs).toBeGreaterThanOrEqual(1290);
	});

	it('a closed endpoint is CONNECTION_REFUSED', async () => {
		const closed = await startReceiver();
		const url = closed.url;
		await closed.close();
		const [d] = await sb.control.notify({ type: 'PING', url });
		expect(d.problems[0]).toMatch(/CONNECTION_REFUSED/);
	});
});

describe('the buyer and automatic notifications', () => {
	it('a buyer message updates the chat and notifies CHAT_MESSAGE_SENT', async () => {
		const before = await call('GET', `/v2/businesses/${B}/chat`, {
			query: { chatId: SANDBOX_SEED.orderChatId },
		});
		const msg = await sb.control.customerMessage(SANDBOX_SEED.orderChatId, {
			text: 'Where is my parcel?',
			attachments: [{ name: 'photo.jpg', size: 2048, mimeType: 'image/jpeg' }],
		});
		expect(msg).toMatchObject({
			sender: 'CUSTOMER',
			message: 'Where is my parcel?',
			chatId: SANDBOX_SEED.orderChatId,
			businessId: B,
		});
		expect(msg.payload).toEqual([
			{ name: 'photo.jpg', url: expect.stringContaining('/_sandbox/files/'), size: 2048 },
		]);
		expect(msg.deliveries).toHaveLength(1);
		expect(msg.deliveries[0].ok).toBe(true);
		expect(rx.received[0].body).toEqual({
			notificationType: 'CHAT_MESSAGE_SENT',
			businessId: Number(B),
			chatId: Number(SANDBOX_SEED.orderChatId),
			messageId: msg.messageId,
			sentAt: msg.createdAt,
		});
		const after = await call('GET', `/v2/businesses/${B}/chat`, {
			query: { chatId: SANDBOX_SEED.orderChatId },
		});
		expect(after.json.result).toMatchObject({
			status: 'WAITING_FOR_PARTNER',
			updatedAt: msg.createdAt,
		});
		expect((after.json.result as { updatedAt: string }).updatedAt).not.toBe(
			(before.json.result as { updatedAt: string }).updatedAt,
		);
		// The notified message is readable through the API, as the trigger's "resolve details" will do.
		const read = await call('GET', `/v2/businesses/${B}/chats/message`, {
			query: { chatId: SANDBOX_SEED.orderChatId, messageId: msg.messageId },
		});
		expect(read.json.result).toMatchObject({ sender: 'CUSTOMER', message: 'Where is my parcel?' });
	});

	it('a buyer opening a DIRECT chat notifies CHAT_CREATED, then the first message', async () => {
		const opened = await sb.control.openChat({ contextType: 'DIRECT', text: 'Is it waterproof?' });
		expect(opened.created).toBe(true);
		expect(opened.deliveries.map((d) => d.type)).toEqual(['CHAT_CREATED', 'CHAT_MESSAGE_SENT']);
		expect((rx.received[0].body as Record<string, unknown>).chatId).toBe(Number(opened.chatId));
		const chat = await call('GET', `/v2/businesses/${B}/chat`, {
			query: { chatId: opened.chatId },
		});
		expect(chat.json.result).toMatchObject({
			context: { type: 'DIRECT' },
			status: 'WAITING_FOR_PARTNER',
		});
		// An order chat that exists already is returned, not duplicated.
		const again = await sb.control.openChat({
			contextType: 'ORDER',
			id: SANDBOX_SEED.orderChatOrderId,
		});
		expect(again).toMatchObject({
			created: false,
			chatId: SANDBOX_SEED.orderChatId,
			deliveries: [],
		});
	});

	it('seller messages through the API notify too (notifyPartnerMessages), unless switched off', async () => {
		const send = () =>
			call('POST', `/v2/businesses/${B}/chats/message`, {
				body: { message: 'Hello!' },
				query: { chatId: SANDBOX_SEED.orderChatId },
			});
		expect((await send()).status).toBe(200);
		await rx.waitFor(1, 3000);
		const body = rx.received[0].body as Record<string, string>;
		const read = await call('GET', `/v2/businesses/${B}/chats/message`, {
			query: { chatId: SANDBOX_SEED.orderChatId, messageId: body.messageId },
		});
		expect(read.json.result).toMatchObject({ sender: 'PARTNER', message: 'Hello!' });

		await sb.control.setNotifier({ url: rx.url, notifyPartnerMessages: false });
		rx.clear();
		expect((await send()).status).toBe(200);
		await sb.control.customerMessage(SANDBOX_SEED.orderChatId, { text: 'ok' });
		// Only the buyer's message arrives.
		expect(rx.received.map((r) => (r.body as Record<string, unknown>).notificationType)).toEqual([
			'CHAT_MESSAGE_SENT',
		]);
		expect(rx.received).toHaveLength(1);
	});

	it('createChat through the API notifies CHAT_CREATED', async () => {
		const r = await call('POST', `/v2/businesses/${B}/chats/new`, {
			body: { context: { type: 'ORDER', id: Number(SANDBOX_SEED.orderWithoutChatId) } },
		});
		const [got] = await rx.waitFor(1, 3000);
		expect((got.body as Record<string, unknown>).notificationType).toBe('CHAT_CREATED');
		expect((got.body as Record<string, unknown>).chatId).toBe(
			(r.json.result as { chatId: number }).chatId,
		);
	});

	it('sends copies to the alsoTo URLs (the local playground runs several workflows on one cabinet)', async () => {
		const second = await startReceiver();
		try {
			await sb.control.setNotifier({ url: rx.url, alsoTo: [second.url] });
			const msg = await sb.control.customerMessage(SANDBOX_SEED.orderChatId, { text: 'twice' });
			expect(msg.deliveries.map((d) => [d.url, d.ok])).toEqual([
				[rx.url, true],
				[second.url, true],
			]);
			expect(second.received[0].body).toEqual(rx.received[0].body);
			// An explicit URL goes to that URL only.
			await sb.control.notify({ type: 'PING', url: second.url });
			expect(second.received).toHaveLength(2);
			expect(rx.received).toHaveLength(1);
		} finally {
			await second.close();
		}
	});

	it('without a notifier URL or with autoNotify off nothing is sent', async () => {
		await sb.control.setNotifier({ url: rx.url, autoNotify: false });
		const msg = await sb.control.customerMessage(SANDBOX_SEED.orderChatId, { text: 'quiet' });
		expect(msg.deliveries).toEqual([]);
		await sb.control.setNotifier({ url: null });
		await sb.control.customerMessage(SANDBOX_SEED.orderChatId, { text: 'quiet again' });
		expect(rx.received).toHaveLength(0);
		await expect(sb.control.notify({ type: 'PING' })).rejects.toThrow(/notifier URL/);
	});
});

describe('delivering again like Yandex (retryDelayMs)', () => {
	it('repeats a failed delivery until it is accepted, never a 400, and not at all when off', async () => {
		await sb.control.setNotifier({ url: rx.url, retryDelayMs: 100, maxRetries: 5 });
		rx.setAnswer({ status: 503, body: { error: { type: 'UNKNOWN' } } });
		const [first] = await sb.control.notify({
			type: 'CHAT_CREATED',
			chatId: SANDBOX_SEED.orderChatId,
		});
		expect(first.ok).toBe(false);
		await rx.waitFor(2);
		rx.setAnswer({});
		const got = await rx.waitFor(3);
		expect(new Set(got.map((g) => g.bodyText)).size).toBe(1);
		const log = await sb.control.notifications();
		expect(log.map((d) => [d.status, d.retryOf, d.attempt])).toEqual([
			[503, undefined, undefined],
			[503, first.id, 1],
			[200, first.id, 2],
		]);
		// A 400 is final: Yandex does not send it again.
		rx.clear();
		rx.setAnswer({ status: 400, body: { error: { type: 'WRONG_EVENT_FORMAT' } } });
		await sb.control.notify({ type: 'CHAT_CREATED', chatId: SANDBOX_SEED.orderChatId });
		await expect(rx.waitFor(2, 500)).rejects.toThrow();
		// Off: one try only.
		rx.clear();
		await sb.control.setNotifier({ url: rx.url, retryDelayMs: 0 });
		rx.setAnswer({ status: 500 });
		await sb.control.notify({ type: 'CHAT_CREATED', chatId: SANDBOX_SEED.orderChatId });
		await expect(rx.waitFor(2, 500)).rejects.toThrow();
	});

	it('stops after maxRetries repeats', async () => {
		await sb.control.setNotifier({ url: rx.url, retryDelayMs: 50, maxRetries: 2 });
		rx.setAnswer({ status: 500 });
		await sb.control.notify({ type: 'CHAT_CREATED', chatId: SANDBOX_SEED.orderChatId });
		await rx.waitFor(3);
		await expect(rx.waitFor(4, 500)).rejects.toThrow();
	});

	it('refuses a bad setting with a 400 naming it', async () => {
		await expect(sb.control.setNotifier({ url: rx.url, retryDelayMs: -1 })).rejects.toThrow(
			/retryDelayMs must be a whole number >= 0/,
		);
	});
});
