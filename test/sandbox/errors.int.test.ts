/**
 * The sandbox's refusals: spec validation (400 naming the field), routing (404/405), auth (401/403), sizes, and
 * the not-found texts of the handlers. All bodies must be Yandex's error shape.
 */
import { SANDBOX_KEYS, SANDBOX_SEED } from '../../sandbox';
import { checkApiResponse } from '../../sandbox/testing';
import type { ApiResponse } from '../helpers/sandbox';
import { apiCaller, firstErrorMessage, useSpecCheckedSandbox } from '../helpers/sandbox';

// Reset before every test; every answer is checked against the official spec after it.
const sb = useSpecCheckedSandbox();
const call = apiCaller(() => sb.url);
const B = SANDBOX_SEED.businessId;

function expectError(r: ApiResponse, status: number, code: string, message: RegExp | string): void {
	expect({ status: r.status, code: (r.json.errors as Array<{ code: string }>)?.[0]?.code }).toEqual(
		{ status, code },
	);
	expect(r.json.status).toBe('ERROR');
	if (typeof message === 'string') expect(firstErrorMessage(r)).toBe(message);
	else expect(firstErrorMessage(r)).toMatch(message);
}

describe('validation against the spec', () => {
	const cases: Array<[string, () => Promise<ApiResponse>, RegExp | string]> = [
		[
			'missing chatId',
			() => call('GET', `/v2/businesses/${B}/chat`),
			"Required request parameter 'chatId' is not present",
		],
		[
			'chatId not an integer',
			() => call('GET', `/v2/businesses/${B}/chat`, { query: { chatId: 'abc' } }),
			/chatId/,
		],
		[
			'chatId below 1',
			() => call('GET', `/v2/businesses/${B}/chat`, { query: { chatId: 0 } }),
			/chatId/,
		],
		[
			'messageId missing',
			() => call('GET', `/v2/businesses/${B}/chats/message`, { query: { chatId: 30003 } }),
			/'messageId'/,
		],
		[
			'chatId beyond int64',
			() => call('GET', `/v2/businesses/${B}/chat`, { query: { chatId: '9223372036854775808' } }),
			/chatId.*int64/,
		],
		[
			'body ID beyond int64',
			() =>
				call('POST', `/v2/businesses/${B}/chats/new`, {
					raw: '{"context":{"type":"ORDER","id":9223372036854775808}}',
					contentType: 'application/json',
				}),
			/context\.id.*int64/,
		],
		[
			'businessId not an integer',
			() => call('POST', '/v2/businesses/abc/chats', { body: {} }),
			/businessId/,
		],
		[
			'getChats limit above 20',
			() => call('POST', `/v2/businesses/${B}/chats`, { body: {}, query: { limit: 21 } }),
			'Parameter limit must be less than or equal to 20',
		],
		[
			'history limit above 100',
			() =>
				call('POST', `/v2/businesses/${B}/chats/history`, {
					body: {},
					query: { chatId: 30003, limit: 101 },
				}),
			'Parameter limit must be less than or equal to 100',
		],
		[
			'limit 0',
			() => call('POST', `/v2/businesses/${B}/chats`, { body: {}, query: { limit: 0 } }),
			/limit/,
		],
		[
			'unknown status',
			() => call('POST', `/v2/businesses/${B}/chats`, { body: { statuses: ['NOT_A_STATUS'] } }),
			/statuses/,
		],
		[
			'empty filter array',
			() => call('POST', `/v2/businesses/${B}/chats`, { body: { types: [] } }),
			/types/,
		],
		[
			'message missing',
			() =>
				call('POST', `/v2/businesses/${B}/chats/message`, { body: {}, query: { chatId: 30003 } }),
			/'message'/,
		],
		[
			'empty message',
			() =>
				call('POST', `/v2/businesses/${B}/chats/message`, {
					body: { message: '' },
					query: { chatId: 30003 },
				}),
			/'message'/,
		],
		[
			'message over 4096 characters',
			() =>
				call('POST', `/v2/businesses/${B}/chats/message`, {
					body: { message: 'x'.repeat(4097) },
					query: { chatId: 30003 },
				}),
			/'message'.*4096/,
		],
		[
			'DIRECT cannot be created',
			() =>
				call('POST', `/v2/businesses/${B}/chats/new`, {
					body: { context: { type: 'DIRECT', id: 1 } },
				}),
			/context\.type/,
		],
		[
			'context without id',
			() => call('POST', `/v2/businesses/${B}/chats/new`, { body: { context: { type: 'ORDER' } } }),
			/context\.id/,
		],
		[
			'messageIdFrom as text',
			() =>
				call('POST', `/v2/businesses/${B}/chats/history`, {
					body: { messageIdFrom: 'x' },
					query: { chatId: 30003 },
				}),
			/messageIdFrom/,
		],
		[
			'body missing on a POST list method',
			() => call('POST', `/v2/businesses/${B}/chats`),
			'Required request body is missing',
		],
		[
			'body that is not JSON',
			() =>
				call('POST', `/v2/businesses/${B}/chats`, {
					raw: '{nope',
					contentType: 'application/json',
				}),
			/JSON/,
		],
		[
			'unknown query parameter',
			() => call('POST', `/v2/businesses/${B}/chats`, { body: {}, query: { lmit: 5 } }),
			/lmit/,
		],
		[
			'bad page token',
			() =>
				call('POST', `/v2/businesses/${B}/chats`, { body: {}, query: { pageToken: 'garbage' } }),
			'Bad page token',
		],
		[
			'file part missing',
			() => {
				const form = new FormData();
				form.append('document', new Blob(['x']), 'a.txt');
				return call('POST', `/v2/businesses/${B}/chats/file/send`, {
					raw: form,
					query: { chatId: 30003 },
				});
			},
			"Required request part 'file' is not present",
		],
	];

	it.each(cases)('%s -> 400 naming the field', async (_name, run, message) => {
		const r = await run();
		expectError(r, 400, 'BAD_REQUEST', message);
		expect(checkApiResponse('getChats', 400, r.text).valid).toBe(true);
		const [rec] = (await sb.control.requests()).slice(-1);
		expect(rec.valid).toBe(false);
		expect(rec.status).toBe(400);
	});

	it('refuses a history page token used on another chat', async () => {
		const page = await call('POST', `/v2/businesses/${B}/chats/history`, {
			body: {},
			query: { chatId: SANDBOX_SEED.busyChatId },
		});
		const token = (page.json.result as { paging: { nextPageToken: string } }).paging.nextPageToken;
		const r = await call('POST', `/v2/businesses/${B}/chats/history`, {
			body: {},
			query: { chatId: 30003, pageToken: token },
		});
		expectError(r, 400, 'BAD_REQUEST', 'Bad page token');
	});

	it('rejects a JSON body above 512 KB', async () => {
		const r = await call('POST', `/v2/businesses/${B}/chats`, {
			raw: JSON.stringify({ pad: 'x'.repeat(600 * 1024) }),
			contentType: 'application/json',
		});
		expectError(r, 400, 'BAD_REQUEST', /The request is too big/);
	});

	it('accepts a 1 MB file (the 512 KB rule is for JSON) but refuses one above 5 MB', async () => {
		const ok = new FormData();
		ok.append('file', new Blob([new Uint8Array(1024 * 1024)]), 'big.bin');
		const r1 = await call('POST', `/v2/businesses/${B}/chats/file/send`, {
			raw: ok,
			query: { chatId: 30003 },
		});
		expect(r1.status).toBe(200);
		const tooBig = new FormData();
		tooBig.append('file', new Blob([new Uint8Array(5 * 1024 * 1024 + 1)]), 'huge.bin');
		const r2 = await call('POST', `/v2/businesses/${B}/chats/file/send`, {
			raw: tooBig,
			query: { chatId: 30003 },
		});
		expectError(r2, 400, 'BAD_REQUEST', /5 MB/);
	});

	it('answers 415 for JSON sent to the multipart method', async () => {
		const r = await call('POST', `/v2/businesses/${B}/chats/file/send`, {
			body: {},
			query: { chatId: 30003 },
		});
		expect(r.status).toBe(415);
		expect(firstErrorMessage(r)).toMatch(/Content type 'application\/json' not supported/);
	});
});

describe('routing', () => {
	it('unknown path -> 404 Resource not found', async () => {
		const r = await call('GET', '/v2/businesses/10001/chatz');
		expectError(r, 404, 'NOT_FOUND', 'Resource not found');
		const v1 = await call('GET', '/v1/campaigns');
		expect(v1.status).toBe(404);
	});

	it('wrong method -> 405', async () => {
		const r = await call('DELETE', `/v2/businesses/${B}/chats/message`, {
			query: { chatId: 30003 },
		});
		expectError(r, 405, 'METHOD_NOT_ALLOWED', "Request method 'DELETE' not supported");
		expect(r.headers.get('allow')).toMatch(/GET/);
	});
});

describe('not found in the store', () => {
	it('unknown chat', async () => {
		const r = await call('GET', `/v2/businesses/${B}/chat`, { query: { chatId: 99999 } });
		expectError(r, 404, 'NOT_FOUND', "Can't find chat by id: '99999'");
		expect(checkApiResponse('getChat', 404, r.text).valid).toBe(true);
	});

	it('a chat of another business is not found through this business', async () => {
		const r = await call('POST', `/v2/businesses/${B}/chats/history`, {
			body: {},
			query: { chatId: SANDBOX_SEED.secondBusinessChatId },
		});
		expectError(
			r,
			404,
			'NOT_FOUND',
			`Can't find chat by id: '${SANDBOX_SEED.secondBusinessChatId}'`,
		);
	});

	it('unknown message', async () => {
		const r = await call('GET', `/v2/businesses/${B}/chats/message`, {
			query: { chatId: 30003, messageId: 1 },
		});
		expectError(r, 404, 'NOT_FOUND', "Can't find message by id: '1' for chat '30003'");
	});

	it('unknown order or return for createChat', async () => {
		const r = await call('POST', `/v2/businesses/${B}/chats/new`, {
			body: { context: { type: 'ORDER', id: 77777 } },
		});
		expectError(r, 404, 'NOT_FOUND', "Order not found: '77777'");
		const big = await call('POST', `/v2/businesses/${B}/chats/new`, {
			raw: '{"context":{"type":"ORDER","id":9007199254740993}}',
			contentType: 'application/json',
		});
		expectError(big, 404, 'NOT_FOUND', "Order not found: '9007199254740993'");
		const other = await call('POST', `/v2/businesses/${B}/chats/new`, {
			body: { context: { type: 'ORDER', id: Number(SANDBOX_SEED.secondBusinessOrderId) } },
		});
		expectError(
			other,
			404,
			'NOT_FOUND',
			`Order not found: '${SANDBOX_SEED.secondBusinessOrderId}'`,
		);
	});
});

describe('auth', () => {
	const getChats = (key: string | null, headers?: Record<string, string>) =>
		call('POST', `/v2/businesses/${B}/chats`, { body: {}, key, headers });

	it.each([
		['no key', null, 'Api-Key token is not specified'],
		['unknown key', 'ACMA:nope:00000000', 'Api-Key token is invalid'],
		['Bearer prefix', `Bearer ${SANDBOX_KEYS.communication}`, 'Api-Key token prefix invalid'],
		['revoked key', SANDBOX_KEYS.revoked, 'Api-Key token is revoked'],
	])('%s -> 401', async (_name, key, message) => {
		const r = await getChats(key);
		expectError(r, 401, 'UNAUTHORIZED', message);
		expect(checkApiResponse('getChats', 401, r.text).valid).toBe(true);
		expect(r.headers.get('x-ratelimit-resource-limit')).toBe('5000');
	});

	it('a key without a chat scope -> 403 on chat methods but may list campaigns', async () => {
		const r = await getChats(SANDBOX_KEYS.noChatScope);
		expectError(
			r,
			403,
			'FORBIDDEN',
			'Token does not have any of the scopes to access the API method',
		);
		expect((await call('GET', '/v2/campaigns', { key: SANDBOX_KEYS.noChatScope })).status).toBe(
			200,
		);
	});

	it('a read-only key reads but cannot write', async () => {
		expect((await getChats(SANDBOX_KEYS.readOnly)).status).toBe(200);
		const w = await call('POST', `/v2/businesses/${B}/chats/message`, {
			body: { message: 'hi' },
			query: { chatId: 30003 },
			key: SANDBOX_KEYS.readOnly,
		});
		expectError(
			w,
			403,
			'FORBIDDEN',
			'Token does not have any of the scopes to access the API method',
		);
	});

	it("another business's URL -> 403 Access denied", async () => {
		const r = await call('POST', `/v2/businesses/${SANDBOX_SEED.secondBusinessId}/chats`, {
			body: {},
		});
		expectError(r, 403, 'FORBIDDEN', 'Access denied');
		const own = await call('POST', `/v2/businesses/${SANDBOX_SEED.secondBusinessId}/chats`, {
			body: {},
			key: SANDBOX_KEYS.secondBusiness,
		});
		expect(own.status).toBe(200);
		expect(
			(own.json.result as { chats: Array<{ chatId: number }> }).chats.map((c) => String(c.chatId)),
		).toEqual([SANDBOX_SEED.secondBusinessChatId]);
	});
});
