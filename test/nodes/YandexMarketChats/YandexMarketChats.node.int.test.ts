/**
 * The action node end to end over real HTTP against the sandbox, through n8n-core's real request helpers: every
 * operation's request must be valid against the official spec (the sandbox records `valid`), and every response must
 * be mapped as documented.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeExecutionData } from 'n8n-workflow';

import { startSandbox, SANDBOX_KEYS, SANDBOX_SEED } from '../../../sandbox';
import type { RequestRecord, Sandbox } from '../../../sandbox';
import { YandexMarketChats } from '../../../nodes/YandexMarketChats/YandexMarketChats.node';
import { searchBusinesses, searchChats } from '../../../nodes/YandexMarketChats/methods/listSearch';
import { createN8nContext, sandboxCredentials } from '../../helpers/n8nContext';
import { failure } from '../../helpers/failure';

let sb: Sandbox;
const node = new YandexMarketChats();
const BUSINESS = SANDBOX_SEED.businessId;
const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });

beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
});
afterAll(async () => {
	await sb.close();
});
beforeEach(async () => {
	await sb.control.reset();
});

interface RunOptions {
	items?: INodeExecutionData[];
	itemParameters?: Record<number, IDataObject>;
	continueOnFail?: boolean;
	apiKey?: string;
}

async function run(parameters: IDataObject, opts: RunOptions = {}): Promise<INodeExecutionData[]> {
	const { ctx } = createN8nContext({
		credentials: sandboxCredentials(sb.url, opts.apiKey ?? SANDBOX_KEYS.communication),
		parameters: { businessId: rl(BUSINESS, 'list'), ...parameters },
		itemParameters: opts.itemParameters,
		items: opts.items,
		continueOnFail: opts.continueOnFail,
	});
	const [out] = await node.execute.call(ctx);
	return out;
}

async function requests(operationId?: string): Promise<RequestRecord[]> {
	const all = await sb.control.requests();
	return operationId ? all.filter((r) => r.operationId === operationId) : all;
}

/** Every request the node made was valid against the spec and answered 200. */
async function expectAllValid(operationId: string, count: number): Promise<RequestRecord[]> {
	const recorded = await requests(operationId);
	expect(
		recorded.map((r) => ({ valid: r.valid, errors: r.validationErrors, status: r.status })),
	).toEqual(Array.from({ length: count }, () => ({ valid: true, errors: undefined, status: 200 })));
	return recorded;
}

describe('chat: get', () => {
	it('reads a chat whose ID is above 2^53 exactly and flattens its context', async () => {
		const out = await run({
			resource: 'chat',
			operation: 'get',
			chatId: rl(SANDBOX_SEED.bigChatId),
		});
		const [req] = await expectAllValid('getChat', 1);
		expect(req.query).toEqual({ chatId: SANDBOX_SEED.bigChatId });
		expect(out).toHaveLength(1);
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(out[0].json).toMatchObject({
			businessId: BUSINESS,
			chatId: SANDBOX_SEED.bigChatId,
			contextType: 'ORDER',
			orderId: '40001',
			campaignId: '20001',
		});
		for (const key of [
			'type',
			'status',
			'customerName',
			'customerPublicId',
			'createdAt',
			'updatedAt',
		]) {
			expect(out[0].json[key]).toEqual(expect.any(String));
		}
		expect(out[0].json.context).toBeUndefined();
	});

	it('maps a RETURN chat to returnId and orderId', async () => {
		const out = await run({
			resource: 'chat',
			operation: 'get',
			chatId: rl(SANDBOX_SEED.returnChatId),
		});
		expect(out[0].json).toMatchObject({
			chatId: SANDBOX_SEED.returnChatId,
			contextType: 'RETURN',
			returnId: SANDBOX_SEED.returnChatReturnId,
			orderId: '40041',
		});
	});

	it("fails with Yandex's own message for an unknown chat", async () => {
		const error = await failure(run({ resource: 'chat', operation: 'get', chatId: rl('999999') }));
		expect(error.message).toContain("Can't find chat by id");
		expect(error.httpCode).toBe('404');
		expect(error.context.itemIndex).toBe(0);
	});
});

describe('chat: getAll', () => {
	it('Return All walks every page (45 chats in 3 requests of 20)', async () => {
		const out = await run({ resource: 'chat', operation: 'getAll', returnAll: true });
		const recorded = await expectAllValid('getChats', 3);
		expect(recorded.map((r) => r.query.limit)).toEqual(['20', '20', '20']);
		expect(recorded[0].query.pageToken).toBeUndefined();
		expect(recorded[1].query.pageToken).toEqual(expect.any(String));
		expect(recorded.every((r) => JSON.stringify(r.body) === '{}')).toBe(true);
		expect(out).toHaveLength(SANDBOX_SEED.chatCount);
		expect(new Set(out.map((o) => o.json.chatId)).size).toBe(SANDBOX_SEED.chatCount);
		expect(
			out.every((o) => typeof o.json.chatId === 'string' && typeof o.json.contextType === 'string'),
		).toBe(true);
	});

	it.each([
		[5, 1],
		[20, 1],
		[25, 2],
	])('Limit %i stops early after %i request(s)', async (limit, pages) => {
		const out = await run({ resource: 'chat', operation: 'getAll', returnAll: false, limit });
		await expectAllValid('getChats', pages);
		expect(out).toHaveLength(limit);
	});

	it('sends the filters as Yandex expects them and gets the matching chats', async () => {
		const out = await run({
			resource: 'chat',
			operation: 'getAll',
			returnAll: true,
			filters: {
				contextTypes: ['ORDER', 'RETURN'],
				contexts: {
					context: [
						{ type: 'ORDER', id: SANDBOX_SEED.orderChatOrderId },
						{ type: 'RETURN', id: SANDBOX_SEED.returnChatReturnId },
					],
				},
			},
		});
		const [req] = await expectAllValid('getChats', 1);
		expect(req.body).toEqual({
			contextTypes: ['ORDER', 'RETURN'],
			contexts: [
				{ type: 'ORDER', id: SANDBOX_SEED.orderChatOrderId },
				{ type: 'RETURN', id: SANDBOX_SEED.returnChatReturnId },
			],
		});
		// IDs go on the wire as JSON integers, and never through the deprecated orderIds.
		expect(req.rawBody).toContain(`"id":${SANDBOX_SEED.orderChatOrderId}`);
		expect(req.rawBody).not.toContain('orderIds');
		expect(out.map((o) => o.json.chatId).sort()).toEqual(
			[SANDBOX_SEED.orderChatId, SANDBOX_SEED.returnChatId].sort(),
		);
	});

	it('filters by status and type', async () => {
		const out = await run({
			resource: 'chat',
			operation: 'getAll',
			returnAll: true,
			filters: { statuses: ['WAITING_FOR_PARTNER'], types: ['CHAT'] },
		});
		await expectAllValid('getChats', 1);
		expect(out.length).toBeGreaterThan(0);
		expect(
			out.every((o) => o.json.status === 'WAITING_FOR_PARTNER' && o.json.type === 'CHAT'),
		).toBe(true);
	});
});

describe('chat: create', () => {
	it('creates an ORDER chat with `context` and returns its ID', async () => {
		const out = await run({
			resource: 'chat',
			operation: 'create',
			contextType: 'ORDER',
			contextId: SANDBOX_SEED.orderWithoutChatId,
		});
		const [req] = await expectAllValid('createChat', 1);
		expect(req.body).toEqual({ context: { type: 'ORDER', id: SANDBOX_SEED.orderWithoutChatId } });
		expect(req.rawBody).toBe(
			`{"context":{"type":"ORDER","id":${SANDBOX_SEED.orderWithoutChatId}}}`,
		);
		expect(out[0].json).toEqual({
			businessId: BUSINESS,
			chatId: expect.stringMatching(/^\d+$/),
			contextType: 'ORDER',
			orderId: SANDBOX_SEED.orderWithoutChatId,
		});
		const chat = await sb.control.chat(String(out[0].json.chatId));
		expect(chat.context).toMatchObject({ type: 'ORDER', orderId: SANDBOX_SEED.orderWithoutChatId });
	});

	it('creates a RETURN chat and returns the existing chat for a context that has one', async () => {
		const created = await run({
			resource: 'chat',
			operation: 'create',
			contextType: 'RETURN',
			contextId: SANDBOX_SEED.returnWithoutChatId,
		});
		expect(created[0].json).toMatchObject({
			contextType: 'RETURN',
			returnId: SANDBOX_SEED.returnWithoutChatId,
		});
		const existing = await run({
			resource: 'chat',
			operation: 'create',
			contextType: 'ORDER',
			contextId: SANDBOX_SEED.orderChatOrderId,
		});
		expect(existing[0].json.chatId).toBe(SANDBOX_SEED.orderChatId);
		await expectAllValid('createChat', 2);
	});

	it("fails with Yandex's message for an unknown order", async () => {
		const error = await failure(
			run({ resource: 'chat', operation: 'create', contextType: 'ORDER', contextId: '49999' }),
		);
		expect(error.message).toContain('Order not found');
	});
});

describe('chat: getHistory', () => {
	const busy = rl(SANDBOX_SEED.busyChatId);

	it('Return All reads all 230 messages in 3 requests of 100, each with the chat context', async () => {
		const out = await run({
			resource: 'chat',
			operation: 'getHistory',
			chatId: busy,
			returnAll: true,
		});
		const recorded = await expectAllValid('getChatHistory', 3);
		expect(recorded.map((r) => [r.query.chatId, r.query.limit])).toEqual([
			[SANDBOX_SEED.busyChatId, '100'],
			[SANDBOX_SEED.busyChatId, '100'],
			[SANDBOX_SEED.busyChatId, '100'],
		]);
		expect(out).toHaveLength(SANDBOX_SEED.busyChatMessageCount);
		expect(new Set(out.map((o) => o.json.messageId)).size).toBe(SANDBOX_SEED.busyChatMessageCount);
		for (const o of out) {
			expect(o.json).toMatchObject({
				businessId: BUSINESS,
				chatId: SANDBOX_SEED.busyChatId,
				contextType: 'ORDER',
			});
			expect(o.json.orderId).toEqual(expect.any(String));
			expect(o.json.sender).toEqual(expect.any(String));
		}
	});

	it.each([
		[10, 1],
		[100, 1],
		[120, 2],
	])('Limit %i stops after %i request(s)', async (limit, pages) => {
		const out = await run({
			resource: 'chat',
			operation: 'getHistory',
			chatId: busy,
			returnAll: false,
			limit,
		});
		await expectAllValid('getChatHistory', pages);
		expect(out).toHaveLength(limit);
	});

	it('reads only the messages from messageIdFrom on', async () => {
		const all = await run({
			resource: 'chat',
			operation: 'getHistory',
			chatId: busy,
			returnAll: true,
		});
		const from = String(all[200].json.messageId);
		await sb.control.clearRequests();
		const out = await run({
			resource: 'chat',
			operation: 'getHistory',
			chatId: busy,
			returnAll: true,
			messageIdFrom: from,
		});
		const [req] = await expectAllValid('getChatHistory', 1);
		expect(req.rawBody).toBe(`{"messageIdFrom":${from}}`);
		expect(out.map((o) => o.json.messageId)).toEqual(all.slice(200).map((o) => o.json.messageId));
	});

	it('keeps message IDs above 2^53 exact', async () => {
		const out = await run({
			resource: 'chat',
			operation: 'getHistory',
			chatId: rl(SANDBOX_SEED.bigChatId),
			returnAll: true,
		});
		expect(out.map((o) => o.json.messageId)).toContain(SANDBOX_SEED.bigMessageId);
	});

	it('downloads attachments into binary properties', async () => {
		const out = await run({
			resource: 'chat',
			operation: 'getHistory',
			chatId: rl(SANDBOX_SEED.attachmentChatId),
			returnAll: true,
			options: { downloadAttachments: true },
		});
		const withFile = out.filter((o) => Array.isArray(o.json.payload));
		expect(withFile.length).toBeGreaterThan(0);
		for (const o of withFile) {
			const payload = o.json.payload as IDataObject[];
			payload.forEach((p, n) => {
				expect(p.binaryPropertyName).toBe(`attachment_${n}`);
				const binary = o.binary?.[`attachment_${n}`];
				expect(binary?.fileName).toBe(p.name);
				expect(Buffer.from(binary?.data ?? '', 'base64').length).toBe(p.size);
			});
		}
	});
});

describe('message: get', () => {
	it('reads one message with IDs above 2^53', async () => {
		const out = await run({
			resource: 'message',
			operation: 'get',
			chatId: rl(SANDBOX_SEED.bigChatId),
			messageId: SANDBOX_SEED.bigMessageId,
		});
		const [req] = await expectAllValid('getChatMessage', 1);
		expect(req.query).toEqual({
			chatId: SANDBOX_SEED.bigChatId,
			messageId: SANDBOX_SEED.bigMessageId,
		});
		expect(out[0].json).toMatchObject({
			businessId: BUSINESS,
			chatId: SANDBOX_SEED.bigChatId,
			messageId: SANDBOX_SEED.bigMessageId,
			sender: 'PARTNER',
			message: 'They do: 9007199254740995.',
		});
	});

	it('leaves the URL and a reason when an attachment cannot be downloaded', async () => {
		const history = await run({
			resource: 'chat',
			operation: 'getHistory',
			chatId: rl(SANDBOX_SEED.attachmentChatId),
			returnAll: true,
		});
		const withFile = history.find((o) => Array.isArray(o.json.payload));
		const messageId = String(withFile?.json.messageId);
		// The sandbox cannot fail its file route, so the attachment host is made unreachable instead: the download
		// goes through n8n-core's real helper to a closed port and fails with a real connection error.
		const { ctx } = createN8nContext({
			credentials: sandboxCredentials(sb.url, SANDBOX_KEYS.communication),
			parameters: {
				businessId: rl(BUSINESS),
				resource: 'message',
				operation: 'get',
				chatId: rl(SANDBOX_SEED.attachmentChatId),
				messageId,
				options: { downloadAttachments: true },
			},
		});
		const real = ctx.helpers.httpRequestWithAuthentication;
		ctx.helpers.httpRequestWithAuthentication = async function (
			this: unknown,
			type,
			options,
			extra,
		) {
			const url = String(options.url);
			const target = url.includes('/_sandbox/files/')
				? { ...options, url: 'http://127.0.0.1:9/_sandbox/files/x' }
				: options;
			return await real.call(ctx, type, target, extra);
		};
		const [out] = await node.execute.call(ctx);
		const [attachment] = out[0].json.payload as IDataObject[];
		expect(attachment.url).toEqual(expect.stringContaining('/_sandbox/files/'));
		expect(attachment.downloadError).toEqual(
			expect.stringContaining('Could not download the attachment'),
		);
		expect(out[0].binary).toBeUndefined();
	});

	it("fails with Yandex's message for an unknown message", async () => {
		const error = await failure(
			run({
				resource: 'message',
				operation: 'get',
				chatId: rl(SANDBOX_SEED.orderChatId),
				messageId: '1',
			}),
		);
		expect(error.message).toContain("Can't find message by id");
	});
});

describe('message: send', () => {
	it('sends the text and reports what was sent and where', async () => {
		const text = 'Hello! Your order ships tomorrow. Привет 👋';
		const out = await run({
			resource: 'message',
			operation: 'send',
			chatId: rl(SANDBOX_SEED.orderChatId),
			text,
		});
		const [req] = await expectAllValid('sendMessageToChat', 1);
		expect(req.query).toEqual({ chatId: SANDBOX_SEED.orderChatId });
		expect(req.body).toEqual({ message: text });
		expect(out).toEqual([
			{
				json: {
					success: true,
					businessId: BUSINESS,
					chatId: SANDBOX_SEED.orderChatId,
					message: text,
				},
				pairedItem: { item: 0 },
			},
		]);
		const chat = await sb.control.chat(SANDBOX_SEED.orderChatId);
		expect(chat.messages[chat.messages.length - 1]).toMatchObject({
			sender: 'PARTNER',
			message: text,
		});
	});

	it('sends a 4096-character message and refuses 4097 without any request', async () => {
		await run({
			resource: 'message',
			operation: 'send',
			chatId: rl(SANDBOX_SEED.orderChatId),
			text: 'a'.repeat(4096),
		});
		await expectAllValid('sendMessageToChat', 1);
		const error = await failure(
			run({
				resource: 'message',
				operation: 'send',
				chatId: rl(SANDBOX_SEED.orderChatId),
				text: 'a'.repeat(4097),
			}),
		);
		expect(error.message).toBe(
			'Text is too long: 4097 characters, Yandex Market accepts at most 4096',
		);
		expect(await requests('sendMessageToChat')).toHaveLength(1);
	});

	it('sends items one by one and, with Continue On Fail, keeps going after a failed item', async () => {
		const out = await run(
			{ resource: 'message', operation: 'send' },
			{
				continueOnFail: true,
				items: [{ json: {} }, { json: {} }, { json: {} }],
				itemParameters: {
					0: { chatId: rl(SANDBOX_SEED.orderChatId), text: 'first' },
					1: { chatId: rl('999999'), text: 'lost' },
					2: { chatId: rl(SANDBOX_SEED.returnChatId), text: 'third' },
				},
			},
		);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.success).toBe(true);
		expect(out[1].json.error).toEqual(expect.stringContaining("Can't find chat by id"));
		expect(out[2].json).toMatchObject({
			success: true,
			chatId: SANDBOX_SEED.returnChatId,
			message: 'third',
		});
		const sent = await requests('sendMessageToChat');
		expect(sent.map((r) => r.query.chatId)).toEqual([
			SANDBOX_SEED.orderChatId,
			'999999',
			SANDBOX_SEED.returnChatId,
		]);
		// One after another: each request started after the previous one was answered.
		for (let k = 1; k < sent.length; k++) {
			expect(Date.parse(sent[k].at)).toBeGreaterThanOrEqual(Date.parse(sent[k - 1].at));
		}
	});

	it("a read-only key gets Yandex's scope error", async () => {
		const error = await failure(
			run(
				{ resource: 'message', operation: 'send', chatId: rl(SANDBOX_SEED.orderChatId), text: 'x' },
				{ apiKey: SANDBOX_KEYS.readOnly },
			),
		);
		expect(error.message).toContain('Token does not have any of the scopes');
		expect(error.httpCode).toBe('403');
	});
});

describe('rate limits', () => {
	const twoSends = (rateLimitWaitSeconds: number) =>
		run(
			{
				resource: 'message',
				operation: 'send',
				chatId: rl(SANDBOX_SEED.orderChatId),
				options: { rateLimitWaitSeconds },
			},
			{
				items: [{ json: {} }, { json: {} }],
				itemParameters: { 0: { text: 'one' }, 1: { text: 'two' } },
			},
		);

	it('waits out a 420 within the Rate Limit Wait budget', async () => {
		await sb.control.limits({ windowMs: 2000, quotas: { sendMessageToChat: 1 } });
		const out = await twoSends(10);
		expect(out.map((o) => o.json.message)).toEqual(['one', 'two']);
		expect((await requests('sendMessageToChat')).map((r) => r.status)).toEqual([200, 420, 200]);
	});

	it('fails at once with Rate Limit Wait 0, with the reset time in the error', async () => {
		await sb.control.limits({ windowMs: 60_000, quotas: { sendMessageToChat: 1 } });
		const error = await failure(twoSends(0));
		expect(error.httpCode).toBe('420');
		expect(error.context.itemIndex).toBe(1);
		expect(error.description).toContain('rate-limit wait budget of 0 s');
		expect(error.description).toMatch(/resets at \d{4}-/);
		expect((await requests('sendMessageToChat')).map((r) => r.status)).toEqual([200, 420]);
	});
});

describe('message: sendFile', () => {
	const fileItem = (content: Buffer, meta: IDataObject = {}): INodeExecutionData => ({
		json: {},
		binary: {
			data: {
				data: content.toString('base64'),
				mimeType: 'application/pdf',
				fileName: 'invoice.pdf',
				...meta,
			} as INodeExecutionData['binary'] extends infer B ? B[keyof B] : never,
		},
	});

	it('uploads the binary as the multipart part `file` with its name and type', async () => {
		const content = Buffer.from('%PDF-1.4 sandbox invoice');
		const out = await run(
			{
				resource: 'message',
				operation: 'sendFile',
				chatId: rl(SANDBOX_SEED.orderChatId),
				binaryPropertyName: 'data',
			},
			{ items: [fileItem(content)] },
		);
		const [req] = await expectAllValid('sendFileToChat', 1);
		expect(req.multipart).toEqual({
			fieldName: 'file',
			fileName: 'invoice.pdf',
			mimeType: 'application/pdf',
			size: content.length,
		});
		expect(out[0].json).toEqual({
			success: true,
			businessId: BUSINESS,
			chatId: SANDBOX_SEED.orderChatId,
			fileName: 'invoice.pdf',
			mimeType: 'application/pdf',
			size: content.length,
		});
		const chat = await sb.control.chat(SANDBOX_SEED.orderChatId);
		expect(chat.messages[chat.messages.length - 1].payload?.[0]).toMatchObject({
			name: 'invoice.pdf',
			size: content.length,
		});
	});

	it('applies the name and type overrides', async () => {
		await run(
			{
				resource: 'message',
				operation: 'sendFile',
				chatId: rl(SANDBOX_SEED.orderChatId),
				binaryPropertyName: 'data',
				options: { fileName: 'receipt.txt', mimeType: 'text/plain' },
			},
			{ items: [fileItem(Buffer.from('thanks'))] },
		);
		const [req] = await expectAllValid('sendFileToChat', 1);
		expect(req.multipart).toMatchObject({
			fileName: 'receipt.txt',
			mimeType: 'text/plain',
			size: 6,
		});
	});

	it('refuses a file over 5 MB without any request', async () => {
		const error = await failure(
			run(
				{
					resource: 'message',
					operation: 'sendFile',
					chatId: rl(SANDBOX_SEED.orderChatId),
					binaryPropertyName: 'data',
				},
				{ items: [fileItem(Buffer.alloc(5 * 1024 * 1024 + 10))] },
			),
		);
		expect(error.message).toContain('The file is too big: 5.00 MB (5242890 bytes)');
		expect(await requests('sendFileToChat')).toHaveLength(0);
	});
});

describe('resource locator lists', () => {
	function loadCtx(businessId?: string): ILoadOptionsFunctions {
		const { ctx } = createN8nContext({
			credentials: sandboxCredentials(sb.url, SANDBOX_KEYS.communication),
		});
		return Object.assign(ctx, {
			getCurrentNodeParameter: () => businessId,
		}) as unknown as ILoadOptionsFunctions;
	}

	it('lists the business of the key once, with its name', async () => {
		const result = await searchBusinesses.call(loadCtx());
		expect(result.results).toEqual([{ name: 'Demo Business (10001)', value: BUSINESS }]);
		const [req] = await expectAllValid('getCampaigns', 1);
		expect(req.query.limit).toBe('100');
	});

	it('pages through chats with paginationToken and filters by text', async () => {
		const first = await searchChats.call(loadCtx(BUSINESS));
		expect(first.results).toHaveLength(20);
		expect(first.paginationToken).toEqual(expect.any(String));
		const second = await searchChats.call(loadCtx(BUSINESS), undefined, first.paginationToken);
		expect(second.results).toHaveLength(20);
		expect(second.results[0].value).not.toBe(first.results[0].value);
		await expectAllValid('getChats', 2);
		const found = await searchChats.call(
			loadCtx(BUSINESS),
			`Order ${SANDBOX_SEED.orderChatOrderId}`,
		);
		expect(found.results.map((r) => r.value)).toEqual([SANDBOX_SEED.orderChatId]);
	});
});
