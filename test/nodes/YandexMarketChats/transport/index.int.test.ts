/**
 * The transport over real HTTP against the sandbox, through n8n-core's real request helpers.
 */
import type { IDataObject, NodeApiError } from 'n8n-workflow';
import { startSandbox, SANDBOX_KEYS, SANDBOX_SEED } from '../../../../sandbox';
import type { Sandbox } from '../../../../sandbox';
import {
	RETRY_POLICY,
	yandexGetCampaigns,
	uploadFile,
} from '../../../../nodes/YandexMarketChats/transport';
import {
	yandexApiRequest,
	yandexApiRequestAllItems,
} from '../../../../nodes/YandexMarketChats/actions/calls';
import { apiMethod as sendFileToChat } from '../../../../nodes/YandexMarketChats/actions/message/sendFile.operation';
import { createN8nContext, sandboxCredentials } from '../../../helpers/n8nContext';
import { version } from '../../../../package.json';
import { failure } from '../../../helpers/failure';

let sb: Sandbox;
const business = String(SANDBOX_SEED.businessId);

beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
});
afterAll(async () => {
	await sb.close();
});
beforeEach(async () => {
	await sb.control.reset();
});

function ctxWith(apiKey: string = SANDBOX_KEYS.communication, baseUrl?: string) {
	return createN8nContext({ credentials: sandboxCredentials(baseUrl ?? sb.url, apiKey) }).ctx;
}

/** Everything an error could show a user or store in an execution. */
function everythingIn(error: NodeApiError): string {
	const own = Object.getOwnPropertyNames(error).map((k) => {
		const v = (error as unknown as IDataObject)[k];
		try {
			return typeof v === 'string' ? v : JSON.stringify(v);
		} catch {
			return String(v);
		}
	});
	return [
		error.message,
		error.description ?? '',
		String(error.stack),
		JSON.stringify(error),
		...own,
	].join('\n');
}

async function requestsFor(operationId: string) {
	return (await sb.control.requests()).filter((r) => r.operationId === operationId);
}

async function firstChatId(): Promise<string> {
	const result = await yandexApiRequest.call(ctxWith(), {
		endpoint: 'getChats',
		businessId: business,
		qs: { limit: 1 },
	});
	return String((result.chats as IDataObject[])[0].chatId);
}

describe('requests', () => {
	it('sends the integration header, the Api-Key through n8n auth, chatId as a query parameter, and valid requests', async () => {
		const chatId = await firstChatId();
		const chat = await yandexApiRequest.call(ctxWith(), {
			endpoint: 'getChat',
			businessId: business,
			qs: { chatId },
		});
		expect(chat.chatId).toBe(chatId);
		const [recorded] = await requestsFor('getChat');
		expect(recorded.path).toBe(`/v2/businesses/${business}/chat`);
		expect(recorded.query).toMatchObject({ chatId });
		expect(recorded.headers['x-market-integration']).toBe(`n8n-nodes-yandex-market/${version}`);
		expect(recorded.headers['api-key']).toContain(SANDBOX_KEYS.communication.slice(-4));
		expect(recorded.valid).toBe(true);
	});

	it('keeps IDs above 2^53 exact in both directions', async () => {
		const chat = await yandexApiRequest.call(ctxWith(), {
			endpoint: 'getChat',
			businessId: business,
			qs: { chatId: SANDBOX_SEED.bigChatId },
		});
		expect(chat.chatId).toBe(SANDBOX_SEED.bigChatId);
		const history = await yandexApiRequest.call(ctxWith(), {
			endpoint: 'getChatHistory',
			businessId: business,
			qs: { chatId: SANDBOX_SEED.bigChatId },
			body: { messageIdFrom: SANDBOX_SEED.bigMessageId },
		});
		expect((history.messages as IDataObject[]).map((m) => m.messageId)).toContain(
			SANDBOX_SEED.bigMessageId,
		);
	});

	it('sends a file as multipart with its name and type', async () => {
		const chatId = await firstChatId();
		const result = await uploadFile.call(ctxWith(), {
			apiMethod: sendFileToChat,
			businessId: business,
			chatId,
			file: Buffer.from('hello file'),
			fileName: 'invoice.pdf',
			mimeType: 'application/pdf',
		});
		expect(result).toEqual({});
		const [recorded] = await requestsFor('sendFileToChat');
		expect(recorded.valid).toBe(true);
		expect(recorded.multipart).toMatchObject({
			fieldName: 'file',
			fileName: 'invoice.pdf',
			mimeType: 'application/pdf',
			size: 10,
		});
	});

	it('keeps a non-ASCII file name intact (raw UTF-8, as browsers send it)', async () => {
		const chatId = await firstChatId();
		await uploadFile.call(ctxWith(), {
			apiMethod: sendFileToChat,
			businessId: business,
			chatId,
			file: Buffer.from('x'),
			fileName: 'счёт №1.pdf',
			mimeType: 'application/pdf',
		});
		const [recorded] = await requestsFor('sendFileToChat');
		expect(recorded.multipart?.fileName).toBe('счёт №1.pdf');
	});

	it('lists campaigns without the status wrapper', async () => {
		const { items: campaigns } = await yandexGetCampaigns.call(ctxWith(), {});
		expect(campaigns.length).toBeGreaterThan(0);
		expect((campaigns[0].business as IDataObject).id).toBe(business);
	});
});

describe('errors become NodeApiErrors with Yandex message and a hint, never the key', () => {
	const cases: Array<[string, () => Promise<unknown>, number, RegExp, RegExp]> = [
		[
			'400 invalid request',
			() =>
				yandexApiRequest.call(ctxWith(), {
					endpoint: 'getChats',
					businessId: business,
					body: { statuses: ['NOT_A_STATUS'] },
				}),
			400,
			/statuses/,
			/rejected the request as invalid/,
		],
		[
			'401 invalid key',
			() =>
				yandexApiRequest.call(ctxWith('ACMA:not-a-real-key:00000000'), {
					endpoint: 'getChats',
					businessId: business,
				}),
			401,
			/Api-Key token is invalid/,
			/invalid or revoked/,
		],
		[
			'401 revoked key',
			() =>
				yandexApiRequest.call(ctxWith(SANDBOX_KEYS.revoked), {
					endpoint: 'getChats',
					businessId: business,
				}),
			401,
			/revoked/,
			/invalid or revoked/,
		],
		[
			'403 missing scope',
			() =>
				yandexApiRequest.call(ctxWith(SANDBOX_KEYS.noChatScope), {
					endpoint: 'getChats',
					businessId: business,
				}),
			403,
			/scopes/,
			/"Customer communication" or "Full management" permission/,
		],
		[
			'403 read-only key sending',
			() =>
				yandexApiRequest.call(ctxWith(SANDBOX_KEYS.readOnly), {
					endpoint: 'sendMessageToChat',
					businessId: business,
					qs: { chatId: '1' },
					body: { message: 'hi' },
				}),
			403,
			/scopes/,
			/read-only keys cannot send/,
		],
		[
			'404 unknown chat',
			() =>
				yandexApiRequest.call(ctxWith(), {
					endpoint: 'getChat',
					businessId: business,
					qs: { chatId: '999999999' },
				}),
			404,
			/Can't find chat by id/,
			/check the Business \(the cabinet, not one of its stores/,
		],
	];

	it.each(cases)('%s', async (_name, run, status, message, hint) => {
		const error = await failure(run());
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.httpCode).toBe(String(status));
		expect(error.message).toMatch(message);
		expect(error.description).toMatch(hint);
		// Seller language: no API paths or method names in what the editor shows.
		expect(`${error.message} ${error.description}`).not.toMatch(
			/\/v2|\b(GET|POST) \/|getCampaigns|business\.id/,
		);
		expect((error.context.data as IDataObject).status).toBe('ERROR');
		for (const key of Object.values(SANDBOX_KEYS)) expect(everythingIn(error)).not.toContain(key);
		expect(everythingIn(error)).not.toContain('ACMA:not-a-real-key');
	});
});

describe('rate limits', () => {
	it('waits out a 420 until X-RateLimit-Resource-Until when it fits the budget', async () => {
		await sb.control.limits({ windowMs: 1500, quotas: { getChats: 1 } });
		await yandexApiRequest.call(ctxWith(), { endpoint: 'getChats', businessId: business });
		const started = Date.now();
		await yandexApiRequest.call(ctxWith(), {
			endpoint: 'getChats',
			businessId: business,
			maxRateLimitWaitMs: 10_000,
		});
		expect(Date.now() - started).toBeGreaterThanOrEqual(200);
		expect((await requestsFor('getChats')).map((r) => r.status)).toEqual([200, 420, 200]);
	}, 20_000);

	it('fails with the reset time when the wait would exceed the budget', async () => {
		await sb.control.limits({ windowMs: 60_000, quotas: { getChats: 1 } });
		await yandexApiRequest.call(ctxWith(), { endpoint: 'getChats', businessId: business });
		const error = await failure(
			yandexApiRequest.call(ctxWith(), {
				endpoint: 'getChats',
				businessId: business,
				maxRateLimitWaitMs: 1000,
			}),
		);
		expect(error.httpCode).toBe('420');
		expect(error.message).toMatch(/Hit rate limit/);
		expect(error.description).toMatch(/resets at \d{4}-\d{2}-\d{2}T/);
		expect(error.description).toMatch(/wait budget of 1 s/);
		expect(await requestsFor('getChats')).toHaveLength(2);
	});

	it('backs off briefly on the parallel-requests 420 and then succeeds, even for a send', async () => {
		const chatId = await firstChatId();
		await sb.control.faults({
			operationId: 'sendMessageToChat',
			kind: 'status',
			status: 420,
			times: 1,
			body: {
				status: 'ERROR',
				errors: [
					{
						code: 'LIMIT_EXCEEDED',
						message: `Hit rate limit of 4 parallel requests for businessId ${business}`,
					},
				],
			},
		});
		await yandexApiRequest.call(ctxWith(), {
			endpoint: 'sendMessageToChat',
			businessId: business,
			qs: { chatId },
			body: { message: 'after a 420' },
		});
		expect((await requestsFor('sendMessageToChat')).map((r) => r.status)).toEqual([420, 200]);
	});
});

describe('retry policy', () => {
	it('retries reads on 500/503 with backoff and succeeds', async () => {
		const chatId = await firstChatId();
		await sb.control.faults({ operationId: 'getChat', kind: 'status', status: 500, times: 1 });
		await sb.control.faults({ operationId: 'getChat', kind: 'status', status: 503, times: 1 });
		const chat = await yandexApiRequest.call(ctxWith(), {
			endpoint: 'getChat',
			businessId: business,
			qs: { chatId },
		});
		expect(chat.chatId).toBe(chatId);
		expect((await requestsFor('getChat')).map((r) => r.status)).toEqual([500, 503, 200]);
	});

	it('retries Create Chat after a connection reset (idempotent per context)', async () => {
		await sb.control.faults({ operationId: 'createChat', kind: 'reset', times: 1 });
		const result = await yandexApiRequest.call(ctxWith(), {
			endpoint: 'createChat',
			businessId: business,
			body: { context: { type: 'ORDER', id: SANDBOX_SEED.orderChatOrderId } },
		});
		expect(result.chatId).toMatch(/^\d+$/);
		expect(await requestsFor('createChat')).toHaveLength(2);
	});

	it('gives up on reads after the retry budget with a Yandex-side hint', async () => {
		await sb.control.faults({ operationId: 'getChats', kind: 'status', status: 500, times: 10 });
		const error = await failure(
			yandexApiRequest.call(ctxWith(), { endpoint: 'getChats', businessId: business }),
		);
		expect(error.httpCode).toBe('500');
		expect(error.description).toMatch(/problem on its side/);
		expect(await requestsFor('getChats')).toHaveLength(RETRY_POLICY.maxRetries + 1);
	}, 30_000);

	it.each([
		['a 500', { kind: 'status', status: 500 }],
		['a 503', { kind: 'status', status: 503 }],
		['a connection reset', { kind: 'reset' }],
	])('never repeats Send Message after %s', async (_name, fault) => {
		const chatId = await firstChatId();
		await sb.control.faults({ operationId: 'sendMessageToChat', times: 1, ...fault } as never);
		const error = await failure(
			yandexApiRequest.call(ctxWith(), {
				endpoint: 'sendMessageToChat',
				businessId: business,
				qs: { chatId },
				body: { message: 'only once' },
			}),
		);
		expect(error.description).toMatch(/may or may not have been delivered/);
		expect(await requestsFor('sendMessageToChat')).toHaveLength(1);
	});

	it('never repeats Send File after a 500', async () => {
		const chatId = await firstChatId();
		await sb.control.faults({
			operationId: 'sendFileToChat',
			kind: 'status',
			status: 500,
			times: 1,
		});
		await failure(
			uploadFile.call(ctxWith(), {
				apiMethod: sendFileToChat,
				businessId: business,
				chatId,
				file: Buffer.from('x'),
				fileName: 'a.txt',
				mimeType: 'text/plain',
			}),
		);
		expect(await requestsFor('sendFileToChat')).toHaveLength(1);
	});

	it('retries reads when nothing listens, then names the network problem', async () => {
		const closed = await startSandbox({ port: 0 });
		const url = closed.url;
		await closed.close();
		const error = await failure(
			yandexApiRequest.call(ctxWith(undefined, url), {
				endpoint: 'getChats',
				businessId: business,
			}),
		);
		expect(error.message).toMatch(
			/Could not reach Yandex Market \(ECONNREFUSED\) when listing chats/,
		);
		expect(everythingIn(error)).not.toContain(SANDBOX_KEYS.communication);
	}, 30_000);
});

describe('pagination', () => {
	it('Return All walks every page at the maximum page size', async () => {
		const { items } = await yandexApiRequestAllItems.call(ctxWith(), {
			endpoint: 'getChats',
			businessId: business,
			itemsKey: 'chats',
		});
		const calls = await requestsFor('getChats');
		expect(items).toHaveLength(SANDBOX_SEED.chatCount);
		expect(calls).toHaveLength(Math.ceil(SANDBOX_SEED.chatCount / 20));
		expect(calls.every((c) => c.query.limit === '20')).toBe(true);
		expect(new Set(items.map((c) => c.chatId)).size).toBe(items.length);
	});

	it('stops as soon as the limit is reached', async () => {
		const { items } = await yandexApiRequestAllItems.call(ctxWith(), {
			endpoint: 'getChats',
			businessId: business,
			itemsKey: 'chats',
			limit: 25,
		});
		expect(items).toHaveLength(25);
		expect(await requestsFor('getChats')).toHaveLength(2);
	});

	it('asks for no more than the limit: a Limit of 5 is one page of 5, not of 100', async () => {
		const { items } = await yandexApiRequestAllItems.call(ctxWith(), {
			endpoint: 'getChatHistory',
			businessId: business,
			qs: { chatId: SANDBOX_SEED.busyChatId },
			itemsKey: 'messages',
			limit: 5,
		});
		expect(items).toHaveLength(5);
		expect((await requestsFor('getChatHistory')).map((c) => c.query.limit)).toEqual(['5']);
	});

	it('walks a long history at 100 messages a page and keeps the chat context', async () => {
		const { items, result } = await yandexApiRequestAllItems.call(ctxWith(), {
			endpoint: 'getChatHistory',
			businessId: business,
			qs: { chatId: SANDBOX_SEED.busyChatId },
			itemsKey: 'messages',
		});
		expect(items).toHaveLength(SANDBOX_SEED.busyChatMessageCount);
		expect(await requestsFor('getChatHistory')).toHaveLength(
			Math.ceil(SANDBOX_SEED.busyChatMessageCount / 100),
		);
		expect((result.context as IDataObject).type).toBeDefined();
		expect(result.messages).toBeUndefined();
	});
});
