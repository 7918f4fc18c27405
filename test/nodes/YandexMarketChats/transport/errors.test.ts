import {
	decodeBody,
	isParallelLimit,
	networkFacts,
	resetTime,
	responseFacts,
	toYandexApiError,
} from '../../../../nodes/YandexMarketChats/transport/errors';
import type { FailureFacts } from '../../../../nodes/YandexMarketChats/transport/errors';
import { mockExecuteCtx } from '../../../helpers/executeContext';

describe('decodeBody', () => {
	it('parses JSON with IDs above 2^53 kept exact as strings', () => {
		expect(decodeBody(Buffer.from('{"result":{"chatId":9007199254740993}}'))).toEqual({
			result: { chatId: '9007199254740993' },
		});
	});
	it.each([
		['nothing', undefined, undefined],
		['an empty body', Buffer.from('  '), undefined],
		[
			'an HTML page, as a short excerpt',
			'<html>bad gateway</html>',
			{ text: '<html>bad gateway</html>' },
		],
		['an object already parsed', { chatId: 5 }, { chatId: '5' }],
	])('%s', (_name, data, expected) => {
		expect(decodeBody(data)).toEqual(expected);
	});
});

describe('responseFacts', () => {
	it("collects the status, headers, body and Yandex's error list", () => {
		const body = JSON.stringify({
			status: 'ERROR',
			errors: [{ code: 'NOT_FOUND', message: 'No chat' }],
		});
		expect(responseFacts({ statusCode: 404, headers: { a: '1' }, body })).toEqual({
			status: 404,
			headers: { a: '1' },
			body: { status: 'ERROR', errors: [{ code: 'NOT_FOUND', message: 'No chat' }] },
			errors: [{ code: 'NOT_FOUND', message: 'No chat' }],
		});
	});
});

describe('networkFacts', () => {
	it.each([
		['the cause of n8n 2.4x', { cause: { code: 'ECONNRESET' } }, { code: 'ECONNRESET' }],
		['the httpCode of n8n 2.8', { httpCode: 'ECONNREFUSED' }, { code: 'ECONNREFUSED' }],
		[
			'a code inside the messages',
			{ messages: ['connect EHOSTUNREACH 1.2.3.4'] },
			{ code: 'EHOSTUNREACH' },
		],
		[
			'an axios timeout',
			{ code: 'ECONNABORTED', message: 'timeout of 15000ms exceeded' },
			{ code: 'ECONNABORTED', timedOut: true },
		],
		[
			'an abort that is no timeout',
			{ code: 'ECONNABORTED', message: 'aborted' },
			{ code: 'ECONNABORTED' },
		],
		['ETIMEDOUT', { code: 'ETIMEDOUT' }, { code: 'ETIMEDOUT', timedOut: true }],
		['nothing known', {}, { code: 'NETWORK_ERROR' }],
		[
			'an HTTP status in httpCode (not a network code)',
			{ httpCode: '500' },
			{ code: 'NETWORK_ERROR' },
		],
	])('reads %s', (_name, error, expected) => {
		expect(networkFacts(error)).toEqual({ headers: {}, errors: [], ...expected });
	});
});

describe('rate-limit facts', () => {
	it('reads the reset time from X-RateLimit-Resource-Until in any case', () => {
		const at = 'Thu, 01 Jan 2026 10:00:30 GMT';
		expect(resetTime({ 'x-ratelimit-resource-until': at })?.toISOString()).toBe(
			'2026-01-01T10:00:30.000Z',
		);
		expect(resetTime({ 'X-RateLimit-Resource-Until': 'soon' })).toBeUndefined();
		expect(resetTime({})).toBeUndefined();
	});
	it('tells the parallel-requests 420 from an hourly quota', () => {
		const facts = (message: string): FailureFacts => ({
			status: 420,
			headers: {},
			errors: [{ code: 'E', message }],
		});
		expect(isParallelLimit(facts('Hit rate limit of 4 parallel requests'))).toBe(true);
		expect(isParallelLimit(facts('Hit rate limit of 1000 requests per 1 hours'))).toBe(false);
	});
});

describe('toYandexApiError', () => {
	const ctx = mockExecuteCtx({});
	const read = { doing: 'listing chats', idempotent: true, itemIndex: 2 };
	const send = { doing: 'sending a message', idempotent: false };

	it("puts Yandex's own message first, its codes and a hint in the description, the item index in the context", () => {
		const error = toYandexApiError.call(
			ctx,
			{ status: 403, headers: {}, errors: [{ code: 'FORBIDDEN', message: 'Access denied' }] },
			read,
		);
		expect(error.message).toBe('Access denied');
		expect(error.description).toMatch(/^FORBIDDEN\. The API key has no access/);
		expect(error.httpCode).toBe('403');
		expect(error.context.itemIndex).toBe(2);
	});

	it.each([
		[
			'an HTTP status',
			{ status: 500, headers: {}, errors: [] },
			read,
			'Yandex Market answered HTTP 500 when listing chats',
		],
		[
			'a timeout',
			{ code: 'ETIMEDOUT', timedOut: true, headers: {}, errors: [] },
			send,
			'Yandex Market did not answer in time when sending a message',
		],
		[
			'a network failure',
			{ code: 'ECONNREFUSED', headers: {}, errors: [] },
			read,
			'Could not reach Yandex Market (ECONNREFUSED) when listing chats',
		],
	])('words %s with what the seller was doing', (_name, facts, call, message) => {
		expect(toYandexApiError.call(ctx, facts as FailureFacts, call).message).toBe(message);
	});

	it('tells the seller that a send after a 500 may have arrived and was not repeated', () => {
		const error = toYandexApiError.call(ctx, { status: 500, headers: {}, errors: [] }, send);
		expect(error.description).toMatch(
			/may or may not have been delivered, so it was not sent again/,
		);
	});

	it('adds the reason of the retry decision', () => {
		const error = toYandexApiError.call(
			ctx,
			{ status: 420, headers: {}, errors: [] },
			read,
			'Waiting 31 s would exceed the budget.',
		);
		expect(error.description).toMatch(/Waiting 31 s would exceed the budget\.$/);
	});
});
