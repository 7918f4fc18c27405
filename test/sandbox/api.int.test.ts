/**
 * The sandbox's Yandex API, happy paths: shapes as in the spec, paging, IDs above 2^53, the store's reactions.
 */
import { SANDBOX_KEYS, SANDBOX_SEED } from '../../sandbox';
import { checkApiResponse } from '../../sandbox/testing';
import { apiCaller, useSpecCheckedSandbox } from '../helpers/sandbox';

// Reset before every test; every answer is checked against the official spec after it.
const sb = useSpecCheckedSandbox();
const call = apiCaller(() => sb.url);
const B = SANDBOX_SEED.businessId;

type Chat = {
	chatId: number;
	context: { type: string; orderId?: number; returnId?: number };
	type: string;
	status: string;
};

describe('getChats', () => {
	it('pages through all 45 chats with opaque tokens and default limit 10', async () => {
		const seen: number[] = [];
		let token: string | undefined;
		let pages = 0;
		do {
			const r = await call('POST', `/v2/businesses/${B}/chats`, {
				body: {},
				query: token ? { pageToken: token } : {},
			});
			expect(r.status).toBe(200);
			expect(r.json.status).toBe('OK');
			expect(checkApiResponse('getChats', 200, r.text)).toEqual({ valid: true, errors: [] });
			const result = r.json.result as { chats: Chat[]; paging?: { nextPageToken?: string } };
			expect(result.chats.length).toBeLessThanOrEqual(10);
			seen.push(...result.chats.map((c) => c.chatId));
			token = result.paging?.nextPageToken;
			if (token) expect(token).not.toMatch(/^\d+$/);
			pages++;
		} while (token);
		expect(pages).toBe(5);
		expect(new Set(seen).size).toBe(SANDBOX_SEED.chatCount);
	});

	it('accepts the old page_token alias and limit up to 20', async () => {
		const first = await call('POST', `/v2/businesses/${B}/chats`, {
			body: {},
			query: { limit: 20 },
		});
		const r1 = first.json.result as { chats: Chat[]; paging: { nextPageToken: string } };
		expect(r1.chats).toHaveLength(20);
		const second = await call('POST', `/v2/businesses/${B}/chats`, {
			body: {},
			query: { limit: 20, page_token: r1.paging.nextPageToken },
		});
		const r2 = second.json.result as { chats: Chat[] };
		expect(r2.chats).toHaveLength(20);
		expect(r2.chats[0].chatId).not.toBe(r1.chats[0].chatId);
	});

	it('filters by statuses, types, contextTypes and contexts; the last page has no paging token', async () => {
		const byStatus = await call('POST', `/v2/businesses/${B}/chats`, {
			body: { statuses: ['WAITING_FOR_PARTNER'] },
			query: { limit: 20 },
		});
		const chats = (byStatus.json.result as { chats: Chat[]; paging?: unknown }).chats;
		expect(chats.length).toBeGreaterThan(0);
		expect(chats.every((c) => c.status === 'WAITING_FOR_PARTNER')).toBe(true);
		expect((byStatus.json.result as { paging?: unknown }).paging).toBeUndefined();

		const arbitrage = await call('POST', `/v2/businesses/${B}/chats`, {
			body: { types: ['ARBITRAGE'] },
			query: { limit: 20 },
		});
		expect((arbitrage.json.result as { chats: Chat[] }).chats.map((c) => c.type)).toEqual(
			expect.arrayContaining(['ARBITRAGE']),
		);
		expect(
			(arbitrage.json.result as { chats: Chat[] }).chats.every((c) => c.type === 'ARBITRAGE'),
		).toBe(true);

		const direct = await call('POST', `/v2/businesses/${B}/chats`, {
			body: { contextTypes: ['DIRECT'] },
			query: { limit: 20 },
		});
		const directChats = (direct.json.result as { chats: Chat[] }).chats;
		expect(directChats.length).toBe(17);
		expect(
			directChats.every((c) => c.context.type === 'DIRECT' && c.context.orderId === undefined),
		).toBe(true);

		const byReturn = await call('POST', `/v2/businesses/${B}/chats`, {
			body: { contexts: [{ type: 'RETURN', id: Number(SANDBOX_SEED.returnChatReturnId) }] },
		});
		const ret = (byReturn.json.result as { chats: Chat[] }).chats;
		expect(ret.map((c) => String(c.chatId))).toEqual([SANDBOX_SEED.returnChatId]);
		expect(ret[0].context).toMatchObject({
			type: 'RETURN',
			returnId: 50001,
			orderId: 40041,
			campaignId: 20001,
		});
	});

	it('covers every status, both chat types and all three context types in the seed', async () => {
		const all: Chat[] = [];
		let pageToken: string | undefined;
		do {
			const r = await call('POST', `/v2/businesses/${B}/chats`, {
				body: {},
				query: { limit: 20, ...(pageToken ? { pageToken } : {}) },
			});
			const result = r.json.result as { chats: Chat[]; paging?: { nextPageToken?: string } };
			all.push(...result.chats);
			pageToken = result.paging?.nextPageToken;
		} while (pageToken);
		expect(new Set(all.map((c) => c.status))).toEqual(
			new Set([
				'NEW',
				'WAITING_FOR_CUSTOMER',
				'WAITING_FOR_PARTNER',
				'WAITING_FOR_ARBITER',
				'WAITING_FOR_MARKET',
				'FINISHED',
			]),
		);
		expect(new Set(all.map((c) => c.type))).toEqual(new Set(['CHAT', 'ARBITRAGE']));
		expect(new Set(all.map((c) => c.context.type))).toEqual(new Set(['ORDER', 'RETURN', 'DIRECT']));
	});
});

describe('getChat', () => {
	it('returns the chat with the deprecated top-level orderId like Yandex', async () => {
		const r = await call('GET', `/v2/businesses/${B}/chat`, {
			query: { chatId: SANDBOX_SEED.orderChatId },
		});
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({
			status: 'OK',
			result: {
				chatId: Number(SANDBOX_SEED.orderChatId),
				orderId: Number(SANDBOX_SEED.orderChatOrderId),
				context: { type: 'ORDER', orderId: Number(SANDBOX_SEED.orderChatOrderId) },
				type: 'CHAT',
			},
		});
		const result = r.json.result as { createdAt: string; updatedAt: string };
		expect(result.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+03:00$/);
		expect(checkApiResponse('getChat', 200, r.text).valid).toBe(true);
	});

	it('writes IDs above 2^53 as bare integers with exact digits', async () => {
		const r = await call('GET', `/v2/businesses/${B}/chat`, {
			query: { chatId: SANDBOX_SEED.bigChatId },
		});
		expect(r.status).toBe(200);
		expect(r.text).toContain(`"chatId":${SANDBOX_SEED.bigChatId}`);
		expect(r.text).not.toContain(`"${SANDBOX_SEED.bigChatId}"`);
	});
});

describe('getChatHistory', () => {
	it('pages the busy chat at 100 messages and keeps the context', async () => {
		const ids: number[] = [];
		let token: string | undefined;
		let pages = 0;
		do {
			const r = await call('POST', `/v2/businesses/${B}/chats/history`, {
				body: {},
				query: {
					chatId: SANDBOX_SEED.busyChatId,
					limit: 100,
					...(token ? { pageToken: token } : {}),
				},
			});
			expect(r.status).toBe(200);
			const result = r.json.result as {
				context: { type: string };
				messages: Array<{ messageId: number }>;
				paging?: { nextPageToken?: string };
			};
			expect(result.context.type).toBe('ORDER');
			ids.push(...result.messages.map((m) => m.messageId));
			token = result.paging?.nextPageToken;
			pages++;
		} while (token);
		expect(pages).toBe(3);
		expect(ids).toHaveLength(SANDBOX_SEED.busyChatMessageCount);
		expect([...ids].sort((a, b) => a - b)).toEqual(ids);
	});

	it('defaults to 50 messages', async () => {
		const r = await call('POST', `/v2/businesses/${B}/chats/history`, {
			body: {},
			query: { chatId: SANDBOX_SEED.busyChatId },
		});
		expect((r.json.result as { messages: unknown[] }).messages).toHaveLength(50);
	});

	it('messageIdFrom returns the messages with id >= messageIdFrom, exact above 2^53', async () => {
		const r = await call('POST', `/v2/businesses/${B}/chats/history`, {
			raw: `{"messageIdFrom":${SANDBOX_SEED.bigMessageId}}`,
			contentType: 'application/json',
			query: { chatId: SANDBOX_SEED.bigChatId },
		});
		expect(r.status).toBe(200);
		// 9007199254740995 and ...994 are the same double: only an exact parse returns one message, not two.
		expect(r.text).toContain(`"messageId":${SANDBOX_SEED.bigMessageId}`);
		expect(r.text).not.toContain('"messageId":9007199254740994');
		expect((r.json.result as { messages: unknown[] }).messages).toHaveLength(1);

		const all = await call('POST', `/v2/businesses/${B}/chats/history`, {
			body: {},
			query: { chatId: SANDBOX_SEED.busyChatId },
		});
		const messages = (all.json.result as { messages: Array<{ messageId: number }> }).messages;
		const from = messages[10].messageId;
		const tail = await call('POST', `/v2/businesses/${B}/chats/history`, {
			body: { messageIdFrom: from },
			query: { chatId: SANDBOX_SEED.busyChatId, limit: 100 },
		});
		const tailIds = (tail.json.result as { messages: Array<{ messageId: number }> }).messages.map(
			(m) => m.messageId,
		);
		expect(tailIds[0]).toBe(from);
		expect(tailIds.every((id) => id >= from)).toBe(true);
	});
});

describe('getChatMessage and attachments', () => {
	it('returns a message whose attachment URL serves the bytes', async () => {
		const h = await call('POST', `/v2/businesses/${B}/chats/history`, {
			body: {},
			query: { chatId: SANDBOX_SEED.attachmentChatId },
		});
		const messages = (
			h.json.result as {
				messages: Array<{
					messageId: number;
					payload?: Array<{ url: string; size: number; name: string }>;
				}>;
			}
		).messages;
		const withFile = messages.find((m) => m.payload);
		expect(withFile).toBeDefined();
		const r = await call('GET', `/v2/businesses/${B}/chats/message`, {
			query: { chatId: SANDBOX_SEED.attachmentChatId, messageId: withFile!.messageId },
		});
		expect(r.status).toBe(200);
		const msg = r.json.result as { payload: Array<{ url: string; size: number; name: string }> };
		expect(msg.payload[0].url).toMatch(new RegExp(`^${sb.url}/_sandbox/files/`));
		const file = await fetch(msg.payload[0].url);
		expect(file.status).toBe(200);
		expect((await file.arrayBuffer()).byteLength).toBe(msg.payload[0].size);
	});

	it('reads the big message exactly', async () => {
		const r = await call('GET', `/v2/businesses/${B}/chats/message`, {
			query: { chatId: SANDBOX_SEED.bigChatId, messageId: SANDBOX_SEED.bigMessageId },
		});
		expect(r.status).toBe(200);
		expect(r.text).toContain(`"messageId":${SANDBOX_SEED.bigMessageId}`);
		expect(r.json.result).toMatchObject({ sender: 'PARTNER' });
	});
});

describe('write methods', () => {
	it('sendMessageToChat adds a PARTNER message and answers {status: OK}', async () => {
		const r = await call('POST', `/v2/businesses/${B}/chats/message`, {
			body: { message: 'Your parcel left today.' },
			query: { chatId: SANDBOX_SEED.orderChatId },
		});
		expect(r.status).toBe(200);
		expect(r.json).toEqual({ status: 'OK' });
		const chat = await sb.control.chat(SANDBOX_SEED.orderChatId);
		const last = chat.messages[chat.messages.length - 1];
		expect(last).toMatchObject({ sender: 'PARTNER', message: 'Your parcel left today.' });
		expect(chat.status).toBe('WAITING_FOR_CUSTOMER');
	});

	it('createChat creates a chat for an order once and returns the same chat afterwards', async () => {
		const body = { context: { type: 'ORDER', id: Number(SANDBOX_SEED.orderWithoutChatId) } };
		const first = await call('POST', `/v2/businesses/${B}/chats/new`, { body });
		expect(first.status).toBe(200);
		const chatId = (first.json.result as { chatId: number }).chatId;
		expect(chatId).toBeGreaterThan(0);
		const again = await call('POST', `/v2/businesses/${B}/chats/new`, { body });
		expect((again.json.result as { chatId: number }).chatId).toBe(chatId);
		const chat = await call('GET', `/v2/businesses/${B}/chat`, { query: { chatId } });
		expect(chat.json.result).toMatchObject({
			status: 'NEW',
			type: 'CHAT',
			context: { type: 'ORDER', orderId: Number(SANDBOX_SEED.orderWithoutChatId) },
		});

		const existing = await call('POST', `/v2/businesses/${B}/chats/new`, {
			body: { context: { type: 'RETURN', id: 50001 } },
		});
		expect(String((existing.json.result as { chatId: number }).chatId)).toBe(
			SANDBOX_SEED.returnChatId,
		);
		const ret = await call('POST', `/v2/businesses/${B}/chats/new`, {
			body: { context: { type: 'RETURN', id: Number(SANDBOX_SEED.returnWithoutChatId) } },
		});
		expect(ret.status).toBe(200);
		// The deprecated orderId form still works until Yandex switches it off.
		const legacy = await call('POST', `/v2/businesses/${B}/chats/new`, {
			body: { orderId: Number(SANDBOX_SEED.orderWithoutChatId) },
		});
		expect((legacy.json.result as { chatId: number }).chatId).toBe(chatId);
	});

	it('sendFileToChat stores the file as an attachment message', async () => {
		const form = new FormData();
		form.append(
			'file',
			new Blob([new Uint8Array(3000).fill(7)], { type: 'application/pdf' }),
			'invoice.pdf',
		);
		const r = await call('POST', `/v2/businesses/${B}/chats/file/send`, {
			raw: form,
			query: { chatId: SANDBOX_SEED.orderChatId },
		});
		expect(r.status).toBe(200);
		expect(r.json).toEqual({ status: 'OK' });
		const [recorded] = await sb.control.requests({ operationId: 'sendFileToChat' });
		expect(recorded.multipart).toEqual({
			fieldName: 'file',
			fileName: 'invoice.pdf',
			mimeType: 'application/pdf',
			size: 3000,
		});
		const chat = await sb.control.chat(SANDBOX_SEED.orderChatId);
		const last = chat.messages[chat.messages.length - 1];
		expect(last.sender).toBe('PARTNER');
		expect(last.message).toBeUndefined();
		expect(last.payload).toEqual([
			{ name: 'invoice.pdf', url: expect.stringContaining('/_sandbox/files/'), size: 3000 },
		]);
		const bytes = new Uint8Array(await (await fetch(last.payload![0].url)).arrayBuffer());
		expect(bytes.length).toBe(3000);
		expect(bytes[0]).toBe(7);
	});
});

describe('campaigns and token info', () => {
	it('getCampaigns lists the key business campaigns without a status wrapper, pageable', async () => {
		const r = await call('GET', '/v2/campaigns');
		expect(r.status).toBe(200);
		expect(r.json.status).toBeUndefined();
		expect(r.json.campaigns).toEqual([
			expect.objectContaining({
				id: 20001,
				business: { id: 10001, name: 'Demo Business' },
				placementType: 'FBS',
				apiAvailability: 'AVAILABLE',
				domain: expect.any(String),
			}),
			expect.objectContaining({ id: 20002, placementType: 'DBS' }),
		]);
		expect(checkApiResponse('getCampaigns', 200, r.text).valid).toBe(true);
		const page1 = await call('GET', '/v2/campaigns', { query: { limit: 1 } });
		const token = (page1.json.paging as { nextPageToken: string }).nextPageToken;
		expect(page1.json.campaigns).toHaveLength(1);
		const page2 = await call('GET', '/v2/campaigns', { query: { limit: 1, pageToken: token } });
		expect((page2.json.campaigns as Array<{ id: number }>)[0].id).toBe(20002);
		expect(page2.json.paging).toBeUndefined();
		const second = await call('GET', '/v2/campaigns', { key: SANDBOX_KEYS.secondBusiness });
		expect((second.json.campaigns as Array<{ id: number }>).map((c) => c.id)).toEqual([20003]);
	});

	it('POST /v2/auth/token reports the key name and scopes', async () => {
		const r = await call('POST', '/v2/auth/token', { key: SANDBOX_KEYS.readOnly });
		expect(r.status).toBe(200);
		expect(r.json).toEqual({
			status: 'OK',
			result: { apiKey: { name: expect.any(String), authScopes: ['ALL_METHODS_READ_ONLY'] } },
		});
	});
});

describe('request log', () => {
	it('records method, path, query, redacted key, exact body IDs and validity', async () => {
		await call('POST', `/v2/businesses/${B}/chats`, {
			raw: '{"contexts":[{"type":"ORDER","id":9007199254740993}]}',
			contentType: 'application/json',
			query: { limit: 5 },
		});
		const [rec] = await sb.control.requests({ operationId: 'getChats' });
		expect(rec).toMatchObject({
			method: 'POST',
			path: `/v2/businesses/${B}/chats`,
			query: { limit: '5' },
			operationId: 'getChats',
			valid: true,
			status: 200,
			body: { contexts: [{ type: 'ORDER', id: '9007199254740993' }] },
		});
		expect(rec.headers['api-key']).toBe(`****${SANDBOX_KEYS.communication.slice(-4)}`);
		expect(JSON.stringify(rec)).not.toContain(SANDBOX_KEYS.communication);
		await sb.control.clearRequests();
		expect(await sb.control.requests()).toEqual([]);
	});
});
