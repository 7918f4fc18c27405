import { NodeOperationError } from 'n8n-workflow';

import * as create from '../../../../../nodes/YandexMarketChats/actions/chat/create.operation';
import * as get from '../../../../../nodes/YandexMarketChats/actions/chat/get.operation';
import * as getHistory from '../../../../../nodes/YandexMarketChats/actions/chat/getHistory.operation';
import * as getMany from '../../../../../nodes/YandexMarketChats/actions/chat/getMany.operation';
import * as transport from '../../../../../nodes/YandexMarketChats/transport';
import { mockExecuteCtx, rl } from '../mockContext';

jest.mock('../../../../../nodes/YandexMarketChats/transport');
const api = jest.mocked(transport);

const CHAT = {
	chatId: '9007199254740993',
	orderId: '40001',
	context: {
		type: 'ORDER',
		orderId: '40001',
		campaignId: '20001',
		customer: { name: 'Ivan P.', publicId: 'pub-1' },
	},
	type: 'CHAT',
	status: 'WAITING_FOR_PARTNER',
	createdAt: '2026-01-01T10:00:00+03:00',
	updatedAt: '2026-01-02T10:00:00+03:00',
};

const FLAT = {
	businessId: '10001',
	chatId: '9007199254740993',
	type: 'CHAT',
	status: 'WAITING_FOR_PARTNER',
	contextType: 'ORDER',
	orderId: '40001',
	campaignId: '20001',
	customerName: 'Ivan P.',
	customerPublicId: 'pub-1',
	createdAt: '2026-01-01T10:00:00+03:00',
	updatedAt: '2026-01-02T10:00:00+03:00',
};

describe('chat: get', () => {
	it('calls getChat with chatId as a query parameter and flattens the context by default', async () => {
		api.yandexApiRequest.mockResolvedValue(CHAT);
		const ctx = mockExecuteCtx({ businessId: rl('10001', 'list'), chatId: rl(' 9007199254740993 ') });
		const out = await get.execute.call(ctx, 0);
		expect(api.yandexApiRequest).toHaveBeenCalledWith({
			endpoint: 'getChat',
			businessId: '10001',
			qs: { chatId: '9007199254740993' },
			itemIndex: 0,
			maxRateLimitWaitMs: 60_000,
		});
		expect(out).toEqual([{ json: FLAT }]);
	});

	it('returns the raw chat with Simplify off and passes the rate-limit budget', async () => {
		api.yandexApiRequest.mockResolvedValue(CHAT);
		const ctx = mockExecuteCtx({
			businessId: rl('10001'),
			chatId: rl('5'),
			options: { simplify: false, rateLimitWaitSeconds: 2.5 },
		});
		const out = await get.execute.call(ctx, 0);
		expect(out[0].json).toEqual({ businessId: '10001', ...CHAT });
		expect(api.yandexApiRequest.mock.calls[0][0].maxRateLimitWaitMs).toBe(2500);
	});

	it.each([
		['businessId', { businessId: rl('abc'), chatId: rl('1') }, 'Business ID must be a positive integer ID, got "abc"'],
		['businessId empty', { businessId: rl(''), chatId: rl('1') }, 'Business ID must be a positive integer ID, got nothing'],
		['chatId zero', { businessId: rl('1'), chatId: rl('0') }, 'Chat ID must be a positive integer ID, got "0"'],
		['chatId negative', { businessId: rl('1'), chatId: rl('-5') }, 'Chat ID must be a positive integer ID, got "-5"'],
		['chatId fraction', { businessId: rl('1'), chatId: rl('1.5') }, 'Chat ID must be a positive integer ID'],
	])('rejects an invalid %s before any request', async (_name, params, message) => {
		const ctx = mockExecuteCtx(params);
		const error = await get.execute.call(ctx, 3).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toContain(message);
		expect((error as NodeOperationError).context.itemIndex).toBe(3);
		expect(api.yandexApiRequest).not.toHaveBeenCalled();
	});
});

describe('chat: getAll', () => {
	it('sends an empty filter body when no filters are set and passes the limit', async () => {
		api.yandexApiRequestAllItems.mockResolvedValue({ items: [CHAT, CHAT], result: {} });
		const ctx = mockExecuteCtx({ businessId: rl('10001'), returnAll: false, limit: 7 });
		const out = await getMany.execute.call(ctx, 0);
		expect(api.yandexApiRequestAllItems).toHaveBeenCalledWith({
			endpoint: 'getChats',
			businessId: '10001',
			body: {},
			itemsKey: 'chats',
			limit: 7,
			itemIndex: 0,
			maxRateLimitWaitMs: 60_000,
		});
		expect(out).toEqual([{ json: FLAT }, { json: FLAT }]);
	});

	it('builds statuses, types, context types and contexts; never the deprecated orderIds', async () => {
		api.yandexApiRequestAllItems.mockResolvedValue({ items: [], result: {} });
		const ctx = mockExecuteCtx({
			businessId: rl('10001'),
			returnAll: true,
			filters: {
				statuses: ['WAITING_FOR_PARTNER', 'NEW', 'NEW'],
				types: ['CHAT'],
				contextTypes: [],
				contexts: {
					context: [
						{ type: 'ORDER', id: '40001' },
						{ type: 'RETURN', id: ' 50001 ' },
						{ type: 'ORDER', id: '40001' },
					],
				},
			},
		});
		expect(await getMany.execute.call(ctx, 0)).toEqual([]);
		const req = api.yandexApiRequestAllItems.mock.calls[0][0];
		expect(req.limit).toBeUndefined();
		expect(req.body).toEqual({
			statuses: ['WAITING_FOR_PARTNER', 'NEW'],
			types: ['CHAT'],
			contexts: [
				{ type: 'ORDER', id: '40001' },
				{ type: 'RETURN', id: '50001' },
			],
		});
	});

	it('names the bad field of a context filter', async () => {
		const ctx = mockExecuteCtx({
			businessId: rl('10001'),
			returnAll: true,
			filters: { contexts: { context: [{ type: 'RETURN', id: 'x1' }] } },
		});
		await expect(getMany.execute.call(ctx, 0)).rejects.toThrow('Return ID must be a positive integer ID, got "x1"');
		expect(api.yandexApiRequestAllItems).not.toHaveBeenCalled();
	});

	it('rejects a limit below 1', async () => {
		const ctx = mockExecuteCtx({ businessId: rl('10001'), returnAll: false, limit: 0 });
		await expect(getMany.execute.call(ctx, 0)).rejects.toThrow('Limit must be a whole number of at least 1, got 0');
	});
});

describe('chat: create', () => {
	it.each([
		['ORDER', { orderId: '40001' }],
		['RETURN', { returnId: '40001' }],
	])('sends context %s with its ID and reports the chat', async (contextType, idField) => {
		api.yandexApiRequest.mockResolvedValue({ chatId: '777' });
		const ctx = mockExecuteCtx({ businessId: rl('10001'), contextType, contextId: '40001' });
		const out = await create.execute.call(ctx, 0);
		expect(api.yandexApiRequest).toHaveBeenCalledWith({
			endpoint: 'createChat',
			businessId: '10001',
			body: { context: { type: contextType, id: '40001' } },
			itemIndex: 0,
			maxRateLimitWaitMs: 60_000,
		});
		expect(out).toEqual([{ json: { businessId: '10001', chatId: '777', contextType, ...idField } }]);
	});

	it('names the order ID when it is invalid', async () => {
		const ctx = mockExecuteCtx({ businessId: rl('10001'), contextType: 'ORDER', contextId: '' });
		await expect(create.execute.call(ctx, 0)).rejects.toThrow('Order ID must be a positive integer ID, got nothing');
	});

	it('refuses DIRECT, which sellers cannot create', async () => {
		const ctx = mockExecuteCtx({ businessId: rl('10001'), contextType: 'DIRECT', contextId: '1' });
		await expect(create.execute.call(ctx, 0)).rejects.toThrow('Context Type must be ORDER or RETURN, got "DIRECT"');
	});
});

describe('chat: getHistory', () => {
	const MESSAGES = [
		{ messageId: '1', createdAt: '2026-01-01T10:00:00Z', sender: 'CUSTOMER', message: 'Hello' },
		{ messageId: '2', createdAt: '2026-01-01T10:01:00Z', sender: 'PARTNER', message: 'Hi' },
	];
	const CONTEXT = { type: 'RETURN', orderId: '40001', returnId: '50001', campaignId: '20001' };

	it('reads messages after an ID and adds the chat context to every message', async () => {
		api.yandexApiRequestAllItems.mockResolvedValue({ items: MESSAGES, result: { context: CONTEXT } });
		const ctx = mockExecuteCtx({
			businessId: rl('10001'),
			chatId: rl('3'),
			returnAll: true,
			messageIdFrom: '2',
		});
		const out = await getHistory.execute.call(ctx, 0);
		expect(api.yandexApiRequestAllItems).toHaveBeenCalledWith({
			endpoint: 'getChatHistory',
			businessId: '10001',
			qs: { chatId: '3' },
			body: { messageIdFrom: '2' },
			itemsKey: 'messages',
			limit: undefined,
			itemIndex: 0,
			maxRateLimitWaitMs: 60_000,
		});
		expect(out.map((o) => o.json)).toEqual(
			MESSAGES.map((m) => ({
				businessId: '10001',
				chatId: '3',
				contextType: 'RETURN',
				orderId: '40001',
				returnId: '50001',
				campaignId: '20001',
				...m,
			})),
		);
	});

	it('sends {} without messageIdFrom and keeps the nested context with Simplify off', async () => {
		api.yandexApiRequestAllItems.mockResolvedValue({ items: MESSAGES.slice(0, 1), result: { context: CONTEXT } });
		const ctx = mockExecuteCtx({
			businessId: rl('10001'),
			chatId: rl('3'),
			returnAll: false,
			limit: 1,
			messageIdFrom: '',
			options: { simplify: false },
		});
		const out = await getHistory.execute.call(ctx, 0);
		expect(api.yandexApiRequestAllItems.mock.calls[0][0]).toMatchObject({ body: {}, limit: 1 });
		expect(out[0].json).toEqual({ businessId: '10001', chatId: '3', context: CONTEXT, ...MESSAGES[0] });
	});

	it('rejects an invalid Messages After ID', async () => {
		const ctx = mockExecuteCtx({ businessId: rl('10001'), chatId: rl('3'), returnAll: true, messageIdFrom: 'abc' });
		await expect(getHistory.execute.call(ctx, 0)).rejects.toThrow(
			'Messages After ID must be a positive integer ID, got "abc"',
		);
	});

	it('downloads attachments into attachment_N and keeps failures visible', async () => {
		api.yandexApiRequestAllItems.mockResolvedValue({
			items: [
				{
					messageId: '9',
					createdAt: '2026-01-01T10:00:00Z',
					sender: 'CUSTOMER',
					payload: [
						{ name: 'photo.jpg', url: 'http://x/1', size: 3 },
						{ name: 'gone.pdf', url: 'http://x/2', size: 5 },
						{ name: 'doc.txt', url: 'http://x/3', size: 2 },
					],
				},
			],
			result: { context: CONTEXT },
		});
		api.downloadAttachment
			.mockResolvedValueOnce(Buffer.from('abc'))
			.mockRejectedValueOnce(new Error('Yandex Market answered HTTP 404 to attachment download'))
			.mockResolvedValueOnce(Buffer.from('hi'));
		const ctx = mockExecuteCtx({
			businessId: rl('10001'),
			chatId: rl('3'),
			returnAll: true,
			options: { downloadAttachments: true },
		});
		const [item] = await getHistory.execute.call(ctx, 0);
		expect(api.downloadAttachment).toHaveBeenCalledTimes(3);
		expect(api.downloadAttachment.mock.calls[1]).toEqual(['http://x/2', 0]);
		expect(Object.keys(item.binary ?? {})).toEqual(['attachment_0', 'attachment_2']);
		expect(Buffer.from(item.binary?.attachment_0.data ?? '', 'base64').toString()).toBe('abc');
		expect(item.binary?.attachment_0.fileName).toBe('photo.jpg');
		expect(item.json.payload).toEqual([
			{ name: 'photo.jpg', url: 'http://x/1', size: 3, binaryPropertyName: 'attachment_0' },
			{
				name: 'gone.pdf',
				url: 'http://x/2',
				size: 5,
				downloadError: 'Could not download the attachment: Yandex Market answered HTTP 404 to attachment download',
			},
			{ name: 'doc.txt', url: 'http://x/3', size: 2, binaryPropertyName: 'attachment_2' },
		]);
	});
});
