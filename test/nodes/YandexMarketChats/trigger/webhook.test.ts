import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';
import { yandexApiRequest } from '../../../../nodes/YandexMarketChats/actions/calls';
import {
	DETAILS_BUDGET_MS,
	PENDING_DUPLICATE_WAIT_MS,
	handleNotification,
} from '../../../../nodes/YandexMarketChats/trigger/webhook';
import { clearDedupCaches } from '../../../../nodes/YandexMarketChats/trigger/dedup';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../../../../nodes/YandexMarketChats/shared/contract';
import {
	NOTIFICATION_LIMITS,
	TRUNCATED_VALUE,
} from '../../../../nodes/YandexMarketChats/shared/notifications';
import { TRIGGER_NODE, mockWebhookCtx } from '../../../helpers/webhookContext';
import type { WebhookCtxOptions } from '../../../helpers/webhookContext';

jest.mock('../../../../nodes/YandexMarketChats/actions/calls');
const api = jest.mocked(yandexApiRequest);

const BIG_CHAT = '9007199254740993';
const BIG_MESSAGE = '9007199254740995';

const bodies = {
	ping: '{"notificationType":"PING","time":"2025-01-16T10:09:49.759084017Z"}',
	created: `{"notificationType":"CHAT_CREATED","businessId":10001,"chatId":${BIG_CHAT},"createdAt":"2025-01-16T10:00:00Z"}`,
	message: `{"notificationType":"CHAT_MESSAGE_SENT","businessId":10001,"chatId":${BIG_CHAT},"messageId":"${BIG_MESSAGE}","sentAt":"2025-01-16T10:01:00Z"}`,
	started:
		'{"notificationType":"CHAT_ARBITRAGE_STARTED","businessId":10001,"chatId":5,"startedAt":"2025-01-16T10:02:00Z"}',
	finished:
		'{"notificationType":"CHAT_ARBITRAGE_FINISHED","businessId":10001,"chatId":5,"finishedAt":"2025-01-16T10:03:00Z"}',
	order:
		'{"notificationType":"ORDER_CREATED","campaignId":20001,"orderId":40001,"createdAt":"2025-01-16T10:00:00Z"}',
	future: '{"notificationType":"SOMETHING_NEW_2027","whatever":[1,2,3]}',
};

async function run(opts: WebhookCtxOptions) {
	const mocked = mockWebhookCtx(opts);
	const result = await handleNotification.call(mocked.ctx);
	return { ...mocked, result };
}

function expectAnswer(body: unknown) {
	const answer = body as IDataObject;
	expect(answer).toEqual({
		version: PACKAGE_VERSION,
		name: PACKAGE_NAME,
		time: expect.any(String),
	});
	expect(new Date(answer.time as string).toISOString()).toBe(answer.time);
}

function startedItems(result: IWebhookResponseData): IDataObject[] {
	return (result.workflowData?.[0] ?? []).map((i) => i.json);
}

const CHAT = {
	chatId: BIG_CHAT,
	type: 'CHAT',
	status: 'NEW',
	context: { type: 'ORDER', orderId: '40001' },
};
const messageOf = (sender: string, messageId = BIG_MESSAGE) => ({
	messageId,
	sender,
	message: 'Hello',
	createdAt: '2025-01-16T10:01:00Z',
});

/** Yandex answering every lookup (Resolve Details is on by default): the chat, and a message from `sender`. */
function answerLookups(sender = 'CUSTOMER') {
	api.mockImplementation(async (req) => {
		if (req.endpoint === 'getChat') return CHAT;
		if (req.endpoint === 'getChatHistory') return { messages: [messageOf(sender)] };
		return messageOf(sender, String((req.qs as IDataObject).messageId));
	});
}

beforeEach(() => {
	clearDedupCaches();
	api.mockReset();
	answerLookups();
});

describe('answers', () => {
	it('answers PING with the integration info and starts nothing', async () => {
		const { result, req } = await run({ body: bodies.ping });
		expectAnswer(result.webhookResponse);
		expect(result.workflowData).toBeUndefined();
		expect(req.readRawBody).toHaveBeenCalled();
	});

	it('starts the workflow for PING only when Include PING is on', async () => {
		const { result } = await run({
			body: bodies.ping,
			params: { triggerOptions: { includePing: true } },
		});
		expectAnswer(result.webhookResponse);
		expect(startedItems(result)).toEqual([
			expect.objectContaining({ notificationType: 'PING', time: '2025-01-16T10:09:49.759084017Z' }),
		]);
	});

	it.each([
		['CHAT_CREATED', bodies.created, { chatId: BIG_CHAT, createdAt: '2025-01-16T10:00:00Z' }],
		[
			'CHAT_MESSAGE_SENT',
			bodies.message,
			{ chatId: BIG_CHAT, messageId: BIG_MESSAGE, sentAt: '2025-01-16T10:01:00Z' },
		],
		['CHAT_ARBITRAGE_STARTED', bodies.started, { chatId: '5', startedAt: '2025-01-16T10:02:00Z' }],
		[
			'CHAT_ARBITRAGE_FINISHED',
			bodies.finished,
			{ chatId: '5', finishedAt: '2025-01-16T10:03:00Z' },
		],
	])(
		'starts the workflow for %s with exact string IDs and the answer',
		async (type, body, fields) => {
			const { result } = await run({ body });
			expectAnswer(result.webhookResponse);
			expect(result.noWebhookResponse).toBeUndefined();
			const [item] = startedItems(result);
			expect(item).toMatchObject({ notificationType: type, businessId: '10001', ...fields });
			const timeValue = Object.entries(fields).find(([k]) => k.endsWith('At'))![1];
			expect(item.eventTime).toBe(timeValue);
			expect(new Date(item.receivedAt as string).getTime()).not.toBeNaN();
			expect(item.dedupKey).toEqual(expect.stringContaining(type));
			expect((item.notification as IDataObject).notificationType).toBe(type);
			expect((item.notification as IDataObject).chatId).toBe(fields.chatId);
			// Resolve Details is on by default: the chat is looked up with the exact ID.
			expect(api).toHaveBeenCalledWith(
				expect.objectContaining({ endpoint: 'getChat', qs: { chatId: fields.chatId } }),
			);
		},
	);

	it('acknowledges chat events that are not selected in Events', async () => {
		const { result } = await run({ body: bodies.message, params: { events: ['CHAT_CREATED'] } });
		expectAnswer(result.webhookResponse);
		expect(result.workflowData).toBeUndefined();
	});

	it.each([
		['ORDER_CREATED', bodies.order],
		['an unknown future type', bodies.future],
	])('acknowledges %s with 200 and starts nothing', async (_name, body) => {
		const { result, res } = await run({ body });
		expectAnswer(result.webhookResponse);
		expect(result.workflowData).toBeUndefined();
		expect(res.headersSent).toBe(false);
	});

	it('falls back to the parsed body when the runtime already parsed it', async () => {
		const { result } = await run({
			parsedBody: {
				notificationType: 'CHAT_CREATED',
				businessId: 1,
				chatId: 2,
				createdAt: '2025-01-16T10:00:00Z',
			},
		});
		expect(startedItems(result)[0]).toMatchObject({ businessId: '1', chatId: '2' });
	});

	it('accepts a UTF-8 byte order mark', async () => {
		const { result } = await run({ body: `\uFEFF${bodies.created}` });
		expect(startedItems(result)).toHaveLength(1);
	});
});

describe('malformed input', () => {
	it.each([
		['not JSON', '{"notificationType": "CHAT_CREATED",', /not valid JSON/],
		['an empty body', undefined, /body is empty/],
		['a JSON array', '[1,2]', /JSON object/],
		['no notificationType', '{"businessId":1}', /"notificationType" is required/],
		['a numeric notificationType', '{"notificationType":5}', /"notificationType" must be a string/],
		[
			'a chat event without chatId',
			'{"notificationType":"CHAT_CREATED","businessId":1,"createdAt":"2025-01-16T10:00:00Z"}',
			/"chatId" is required/,
		],
		[
			'a message without messageId',
			'{"notificationType":"CHAT_MESSAGE_SENT","businessId":1,"chatId":2,"sentAt":"2025-01-16T10:00:00Z"}',
			/"messageId" is required/,
		],
		[
			'a chatId of the wrong type',
			'{"notificationType":"CHAT_CREATED","businessId":1,"chatId":{"a":1},"createdAt":"2025-01-16T10:00:00Z"}',
			/"chatId" must be a positive integer ID/,
		],
		[
			'a bad date',
			'{"notificationType":"CHAT_ARBITRAGE_STARTED","businessId":1,"chatId":2,"startedAt":"yesterday"}',
			/"startedAt" must be an ISO 8601/,
		],
	])('answers 400 WRONG_EVENT_FORMAT for %s and starts nothing', async (_name, body, problem) => {
		const { result, res } = await run({ body });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(res.statusCode).toBe(400);
		expect(res.contentType).toMatch(/^application\/json/);
		const error = (res.body as { error: IDataObject }).error;
		expect(error.type).toBe('WRONG_EVENT_FORMAT');
		expect(error.message).toMatch(problem);
	});

	function expectBadFormat(res: { statusCode: number; body: unknown }, problem: RegExp) {
		expect(res.statusCode).toBe(400);
		const error = (res.body as { error: IDataObject }).error;
		expect(error.type).toBe('WRONG_EVENT_FORMAT');
		expect(error.message).toMatch(problem);
	}

	it.each([
		['2024-13-45T99:99:99Z'],
		['2025-02-29T10:00:00Z'],
		['2025-04-31T10:00:00Z'],
		['2025-01-16T24:00:00Z'],
		['2025-01-16T10:60:00Z'],
		['2025-01-16T10:00:00+15:00'],
	])('refuses the impossible date %s', async (date) => {
		const { res, result } = await run({
			body: `{"notificationType":"CHAT_CREATED","businessId":1,"chatId":2,"createdAt":"${date}"}`,
		});
		expect(result.workflowData).toBeUndefined();
		expectBadFormat(res, /"createdAt" must be an ISO 8601 date-time/);
	});

	it('accepts a leap day, a leap second and an offset', async () => {
		for (const date of [
			'2024-02-29T10:00:00Z',
			'2016-12-31T23:59:60Z',
			'2025-01-16T10:00:00.5+03:00',
		]) {
			clearDedupCaches();
			const { result } = await run({
				body: `{"notificationType":"CHAT_CREATED","businessId":1,"chatId":2,"createdAt":"${date}"}`,
			});
			expect(startedItems(result)).toHaveLength(1);
		}
	});

	it("answers 400 when n8n's raw-body reader throws (broken gzip, over N8N_PAYLOAD_SIZE_MAX)", async () => {
		const gzip = Object.assign(new Error('incorrect header check'), { code: 'Z_DATA_ERROR' });
		expectBadFormat((await run({ readError: gzip })).res, /not valid gzip or deflate/);
		const big = Object.assign(new Error('request entity too large'), { type: 'entity.too.large' });
		expectBadFormat((await run({ readError: big })).res, /larger than n8n accepts/);
		expectBadFormat(
			(await run({ readError: new Error('aborted') })).res,
			/could not be read: aborted/,
		);
	});

	it('answers 400 for a body over the notification size limit', async () => {
		const body = `{"notificationType":"PING","pad":"${'x'.repeat(NOTIFICATION_LIMITS.maxBytes)}"}`;
		expectBadFormat((await run({ body })).res, /more than the 262144/);
	});

	it('answers 400 for bytes that are not UTF-8, and accepts a real U+FFFD', async () => {
		const bytes = Buffer.concat([
			Buffer.from('{"notificationType":"PING","x":"'),
			Buffer.from([0xc3, 0x28, 0xff]),
			Buffer.from('"}'),
		]);
		expectBadFormat((await run({ bytes })).res, /not valid UTF-8/);
		const { result } = await run({ body: '{"notificationType":"PING","x":"\uFFFD"}' });
		expectAnswer(result.webhookResponse);
	});

	it('answers 400 for a deeply nested broken body without overflowing the stack', async () => {
		const depth = 100_000;
		const body = `{"notificationType":"CHAT_CREATED","businessId":${'['.repeat(depth)}${']'.repeat(depth)}}`;
		const { res } = await run({ body });
		expectBadFormat(res, /"businessId" must be a positive integer ID, got a list/);
		expect(JSON.stringify(res.body).length).toBeLessThan(500);
	});

	it('starts a valid event with a deep extra field, carrying only a bounded copy of it', async () => {
		const depth = 30_000;
		const body = `{"notificationType":"CHAT_CREATED","businessId":1,"chatId":2,"createdAt":"2025-01-16T10:00:00Z","extra":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)},"__proto__":{"polluted":true}}`;
		const [item] = startedItems((await run({ body })).result);
		const notification = item.notification as IDataObject;
		expect(notification.chatId).toBe('2');
		let level: unknown = notification.extra;
		let levels = 1;
		while (level !== null && typeof level === 'object') {
			level = (level as IDataObject).a;
			levels++;
		}
		expect(level).toBe(TRUNCATED_VALUE);
		expect(levels).toBe(NOTIFICATION_LIMITS.maxDepth);
		expect(JSON.stringify(item).length).toBeLessThan(1000);
		expect(Object.getPrototypeOf(notification)).toBe(Object.prototype);
		expect((notification as { polluted?: unknown }).polluted).toBeUndefined();
	});

	it('answers 500 UNKNOWN when the trigger itself fails, so Yandex retries', async () => {
		const { ctx, res } = mockWebhookCtx({ body: bodies.created });
		ctx.getNodeParameter.mockImplementation(() => {
			throw new Error('boom');
		});
		const result = await handleNotification.call(ctx);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(res.statusCode).toBe(500);
		expect(res.body).toEqual({
			error: { type: 'UNKNOWN', message: expect.stringContaining('boom') },
		});
		expect(ctx.logger.error).toHaveBeenCalled();
	});

	it('answers 500 for a broken setting instead of dropping events', async () => {
		const { res } = await run({
			body: bodies.created,
			params: { triggerOptions: { businessIds: '10001, abc' } },
		});
		expect(res.statusCode).toBe(500);
		expect(JSON.stringify(res.body)).toContain('abc');
	});
});

describe('duplicates', () => {
	it('starts one execution for repeated deliveries of the same event', async () => {
		const first = await run({ body: bodies.message });
		first.res.answer();
		const second = await run({ body: bodies.message });
		expect(startedItems(first.result)).toHaveLength(1);
		expectAnswer(second.result.webhookResponse);
		expect(second.result.workflowData).toBeUndefined();
	});

	it('keeps separate memories per workflow', async () => {
		await run({ body: bodies.message, workflowId: 'a' });
		const other = await run({ body: bodies.message, workflowId: 'b' });
		expect(startedItems(other.result)).toHaveLength(1);
	});

	it('treats another message in the same chat as a new event', async () => {
		await run({ body: bodies.message });
		const next = await run({ body: bodies.message.replace(BIG_MESSAGE, '9007199254740997') });
		expect(startedItems(next.result)).toHaveLength(1);
	});

	it('forgets the event when n8n could not start it (non-200 answer), so the retry runs', async () => {
		const first = await run({ body: bodies.created });
		first.res.answer(500, { message: 'There was a problem executing the workflow' });
		const retry = await run({ body: bodies.created });
		expect(startedItems(retry.result)).toHaveLength(1);
	});

	it('keeps the event after a lost answer: n8n wrote 200 to a gone client, so the retry is a duplicate', async () => {
		const first = await run({ body: bodies.created });
		expect(startedItems(first.result)).toHaveLength(1);
		first.res.abort();
		first.res.answer(200);
		const retry = await run({ body: bodies.created });
		expectAnswer(retry.result.webhookResponse);
		expect(retry.result.workflowData).toBeUndefined();
	});

	it('forgets the event when the client is gone and n8n did not start it', async () => {
		const first = await run({ body: bodies.created });
		first.res.abort();
		first.res.answer(500, { message: 'There was a problem executing the workflow' });
		const retry = await run({ body: bodies.created });
		expect(startedItems(retry.result)).toHaveLength(1);
	});

	it('holds a concurrent duplicate until the first delivery is settled: 200 drops it', async () => {
		const first = await run({ body: bodies.message });
		const second = mockWebhookCtx({ body: bodies.message });
		const pending = handleNotification.call(second.ctx);
		let done = false;
		void pending.then(() => (done = true));
		await sleep(20);
		expect(done).toBe(false);
		first.res.answer(200);
		const result = await pending;
		expectAnswer(result.webhookResponse);
		expect(result.workflowData).toBeUndefined();
	});

	it('runs a concurrent duplicate when n8n refused the first delivery, so the event is not lost', async () => {
		const first = await run({ body: bodies.message });
		const second = mockWebhookCtx({ body: bodies.message });
		const pending = handleNotification.call(second.ctx);
		await sleep(20);
		first.res.answer(500);
		expect(startedItems(await pending)).toHaveLength(1);
	});

	it('asks Yandex to retry (500) when the first delivery does not settle in time', async () => {
		jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
		try {
			await run({ body: bodies.message });
			const second = mockWebhookCtx({ body: bodies.message });
			const pending = handleNotification.call(second.ctx);
			await jest.advanceTimersByTimeAsync(PENDING_DUPLICATE_WAIT_MS + 1);
			expect(await pending).toEqual({ noWebhookResponse: true });
			expect(second.res.statusCode).toBe(500);
		} finally {
			jest.useRealTimers();
		}
	});
});

describe('filters', () => {
	const yandexIp = '5.45.207.10';

	it('refuses senders outside Yandex ranges with 403 when Only Yandex Addresses is on', async () => {
		const { result, res } = await run({
			body: bodies.created,
			params: { triggerOptions: { onlyYandexAddresses: true } },
		});
		expect(result).toEqual({ noWebhookResponse: true });
		expect(res.statusCode).toBe(403);
		expect(JSON.stringify(res.body)).toContain('127.0.0.1');
	});

	it('accepts Yandex addresses (also IPv4-mapped) and user-added ranges', async () => {
		for (const ip of [yandexIp, `::ffff:${yandexIp}`]) {
			clearDedupCaches();
			const { result } = await run({
				body: bodies.created,
				ip,
				params: { triggerOptions: { onlyYandexAddresses: true } },
			});
			expect(startedItems(result)).toHaveLength(1);
		}
		const { result } = await run({
			body: bodies.ping,
			params: {
				triggerOptions: { onlyYandexAddresses: true, extraAllowedAddresses: '127.0.0.1/32' },
			},
		});
		expectAnswer(result.webhookResponse);
	});

	it('ignores Additional Allowed Addresses while the filter is off', async () => {
		const { result } = await run({
			body: bodies.ping,
			params: { triggerOptions: { extraAllowedAddresses: 'junk' } },
		});
		expectAnswer(result.webhookResponse);
	});

	it('answers 500 for an invalid additional range rather than guessing', async () => {
		const { res } = await run({
			body: bodies.ping,
			params: {
				triggerOptions: { onlyYandexAddresses: true, extraAllowedAddresses: '127.0.0.1/40' },
			},
		});
		expect(res.statusCode).toBe(500);
	});

	it('acknowledges events of other businesses without starting', async () => {
		const params = { triggerOptions: { businessIds: '10002 , 10003' } };
		const other = await run({ body: bodies.created, params });
		expectAnswer(other.result.webhookResponse);
		expect(other.result.workflowData).toBeUndefined();
		const mine = await run({
			body: bodies.created,
			params: { triggerOptions: { businessIds: '10001' } },
		});
		expect(startedItems(mine.result)).toHaveLength(1);
	});
});

describe('Resolve Details', () => {
	const chat = CHAT;
	const message = (sender: string) => messageOf(sender);
	const revoked = () =>
		new NodeApiError(TRIGGER_NODE, {}, { message: 'Api-Key token is revoked', httpCode: '401' });
	const quotaSpent = () =>
		new NodeApiError(
			TRIGGER_NODE,
			{},
			{ message: 'Hit rate limit of 1000 requests per hour', httpCode: '420' },
		);

	function mockApi(
		log: string[],
		sender = 'CUSTOMER',
		fail?: 'getChat' | 'getChatMessage' | Array<'getChat' | 'getChatMessage' | 'getChatHistory'>,
		error: () => Error = revoked,
	) {
		const failing = Array.isArray(fail) ? fail : fail ? [fail] : [];
		api.mockImplementation(async function (req) {
			log.push(`api ${req.endpoint}`);
			if ((failing as string[]).includes(req.endpoint)) throw error();
			if (req.endpoint === 'getChatHistory') {
				return { messages: [messageOf('CUSTOMER', '1'), message(sender)] };
			}
			return req.endpoint === 'getChat' ? chat : message(sender);
		});
	}

	/** What the trigger answered when it wrote the answer itself (an event that must wait). */
	function refusal(res: { statusCode: number; body: unknown }) {
		return {
			status: res.statusCode,
			body: res.body as { error: { type: string; message: string } },
		};
	}

	it('looks the chat and the message up before n8n gets the event, so a 200 still means n8n has it', async () => {
		const log: string[] = [];
		mockApi(log);
		const { result, res } = await run({
			body: bodies.message,
			log,
			params: { resolveDetails: true },
		});
		expect(log.sort()).toEqual(['api getChat', 'api getChatMessage']);
		expectAnswer(result.webhookResponse);
		expect(res.headersSent).toBe(false);
		expect(startedItems(result)[0]).toMatchObject({
			chatId: BIG_CHAT,
			messageId: BIG_MESSAGE,
			sender: 'CUSTOMER',
			chat,
			message: message('CUSTOMER'),
		});
		expect(api).toHaveBeenCalledWith(
			expect.objectContaining({
				endpoint: 'getChatMessage',
				businessId: '10001',
				qs: { chatId: BIG_CHAT, messageId: BIG_MESSAGE },
			}),
		);
	});

	it('starts Chat Created without details when the lookup outlasts its budget', async () => {
		jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
		try {
			api.mockImplementation(() => new Promise(() => undefined));
			const mocked = mockWebhookCtx({ body: bodies.created });
			const pending = handleNotification.call(mocked.ctx);
			await jest.advanceTimersByTimeAsync(DETAILS_BUDGET_MS + 1);
			const [item] = startedItems(await pending);
			expect(item).toMatchObject({ chatId: BIG_CHAT });
			expect(item.detailsError).toMatchObject({
				lookup: 'getChat',
				message: `No answer within ${DETAILS_BUDGET_MS / 1000} s`,
			});
			expect(item.chat).toBeUndefined();
		} finally {
			jest.useRealTimers();
		}
	});

	it('does not start a message whose lookups all outlast the budget, and asks Yandex to deliver it again', async () => {
		jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
		try {
			api.mockImplementation(() => new Promise(() => undefined));
			const mocked = mockWebhookCtx({ body: bodies.message });
			const pending = handleNotification.call(mocked.ctx);
			await jest.advanceTimersByTimeAsync(DETAILS_BUDGET_MS + 1);
			expect(await pending).toEqual({ noWebhookResponse: true });
			expect(refusal(mocked.res).status).toBe(503);
			expect(refusal(mocked.res).body.error.message).toMatch(
				/getChatMessage: No answer within 2\.5 s; getChatHistory: No answer within 1\.5 s/,
			);
			// Every lookup ended within the budget: n8n still answers within Yandex's 10 s.
			expect(api.mock.calls.map(([req]) => req.endpoint).sort()).toEqual([
				'getChat',
				'getChatHistory',
				'getChatMessage',
			]);
		} finally {
			jest.useRealTimers();
		}
	});

	it('fetches only the chat for Chat Created', async () => {
		const log: string[] = [];
		mockApi(log);
		const { result } = await run({ body: bodies.created, log, params: { resolveDetails: true } });
		expect(log).toEqual(['api getChat']);
		expect(startedItems(result)[0]).toMatchObject({ chat });
		expect(startedItems(result)[0].message).toBeUndefined();
	});

	it("drops the seller's own messages with default settings (Resolve Details is on by default)", async () => {
		const log: string[] = [];
		mockApi(log, 'PARTNER');
		const { result } = await run({ body: bodies.message });
		expect(log.sort()).toEqual(['api getChat', 'api getChatMessage']);
		expectAnswer(result.webhookResponse);
		expect(result.workflowData).toBeUndefined();
	});

	it('looks nothing up and filters nobody when Resolve Details is turned off', async () => {
		mockApi([], 'PARTNER');
		const { result } = await run({ body: bodies.message, params: { resolveDetails: false } });
		expect(api).not.toHaveBeenCalled();
		expect(startedItems(result)).toHaveLength(1);
		expect(startedItems(result)[0].sender).toBeUndefined();
	});

	it('lets the Senders list include PARTNER or exclude CUSTOMER', async () => {
		mockApi([], 'PARTNER');
		const partner = await run({
			body: bodies.message,
			params: { resolveDetails: true, senders: ['PARTNER'] },
		});
		expect(startedItems(partner.result)).toHaveLength(1);
		clearDedupCaches();
		mockApi([], 'CUSTOMER');
		const customer = await run({
			body: bodies.message,
			params: { resolveDetails: true, senders: ['SUPPORT'] },
		});
		expect(customer.result.workflowData).toBeUndefined();
	});

	it.each([
		['the buyer', 'CUSTOMER', 1],
		['the seller', 'PARTNER', 0],
	])(
		'names the sender through the chat history when getChatMessage fails (%s)',
		async (_who, sender, started) => {
			const log: string[] = [];
			mockApi(log, sender, 'getChatMessage', quotaSpent);
			const { result } = await run({ body: bodies.message, log });
			expect(log).toEqual(['api getChat', 'api getChatMessage', 'api getChatHistory']);
			expect(api).toHaveBeenCalledWith(
				expect.objectContaining({
					endpoint: 'getChatHistory',
					qs: { chatId: BIG_CHAT, limit: 100 },
					body: { messageIdFrom: BIG_MESSAGE },
				}),
			);
			expectAnswer(result.webhookResponse);
			expect(startedItems(result)).toHaveLength(started);
			if (started) {
				expect(startedItems(result)[0]).toMatchObject({ sender, message: message(sender), chat });
				expect(startedItems(result)[0].detailsError).toBeUndefined();
			}
		},
	);

	it.each([
		['getChatMessage and getChatHistory fail', ['getChatMessage', 'getChatHistory'] as const],
		['every lookup fails', ['getChat', 'getChatMessage', 'getChatHistory'] as const],
	])(
		'answers 503 and starts nothing when %s while Senders excludes someone',
		async (_name, failing) => {
			mockApi([], 'CUSTOMER', [...failing], quotaSpent);
			const { result, res } = await run({ body: bodies.message });
			expect(result).toEqual({ noWebhookResponse: true });
			const { status, body } = refusal(res);
			expect(status).toBe(503);
			expect(body.error.type).toBe('UNKNOWN');
			expect(body.error.message).toContain(
				`the sender of message ${BIG_MESSAGE} in chat ${BIG_CHAT} is unknown`,
			);
			expect(body.error.message).toContain('getChatHistory: Hit rate limit');
		},
	);

	it('answers 503 when the history does not contain the message either', async () => {
		mockApi([], 'CUSTOMER', 'getChatMessage', quotaSpent);
		api.mockImplementation(async (req) => {
			if (req.endpoint === 'getChatMessage') throw quotaSpent();
			if (req.endpoint === 'getChatHistory') return { messages: [messageOf('CUSTOMER', '1')] };
			return chat;
		});
		const { res } = await run({ body: bodies.message });
		expect(refusal(res).status).toBe(503);
		expect(refusal(res).body.error.message).toMatch(/is not among the 1 messages/);
	});

	it("starts a refused message once, when Yandex's next delivery finds its sender", async () => {
		mockApi([], 'CUSTOMER', ['getChatMessage', 'getChatHistory'], quotaSpent);
		const first = await run({ body: bodies.message });
		expect(refusal(first.res).status).toBe(503);
		mockApi([], 'CUSTOMER');
		const again = await run({ body: bodies.message });
		expect(startedItems(again.result)).toHaveLength(1);
		again.res.answer(200);
		const duplicate = await run({ body: bodies.message });
		expect(duplicate.result.workflowData).toBeUndefined();
	});

	it('starts the message with detailsError when Senders lets everyone through (no need to wait)', async () => {
		const log: string[] = [];
		mockApi(log, 'CUSTOMER', 'getChatMessage');
		const { result } = await run({
			body: bodies.message,
			log,
			params: { senders: ['CUSTOMER', 'MARKET', 'PARTNER', 'SUPPORT'] },
		});
		expect(log.sort()).toEqual(['api getChat', 'api getChatMessage']);
		expectAnswer(result.webhookResponse);
		const [item] = startedItems(result);
		expect(item).toMatchObject({ chatId: BIG_CHAT, messageId: BIG_MESSAGE, chat });
		expect(item.detailsError).toMatchObject({
			lookup: 'getChatMessage',
			message: 'Api-Key token is revoked',
			httpCode: '401',
		});
		expect(item.message).toBeUndefined();
	});

	it('still starts Chat Created with detailsError when its lookup fails', async () => {
		api.mockRejectedValue(new Error('connect ECONNREFUSED'));
		const { result } = await run({ body: bodies.created });
		const [item] = startedItems(result);
		expect(item.detailsError).toMatchObject({
			lookup: 'getChat',
			message: 'connect ECONNREFUSED',
		});
	});
});
