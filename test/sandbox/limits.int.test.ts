/**
 * Rate limits (hourly quotas per business and method, 4 parallel requests per business) and injected faults.
 */
import { sleep } from 'n8n-workflow';
import { SANDBOX_KEYS, SANDBOX_SEED } from '../../sandbox';
import { checkApiResponse } from '../../sandbox/testing';
import { apiCaller, firstErrorMessage, useSpecCheckedSandbox } from '../helpers/sandbox';

// Reset before every test; every answer is checked against the official spec after it.
const sb = useSpecCheckedSandbox();
const call = apiCaller(() => sb.url);
const B = SANDBOX_SEED.businessId;
const getChats = (key?: string) => call('POST', `/v2/businesses/${B}/chats`, { body: {}, key });
const getChat = () =>
	call('GET', `/v2/businesses/${B}/chat`, { query: { chatId: SANDBOX_SEED.orderChatId } });

describe('quotas', () => {
	it('every answer carries the rate-limit headers with the method quota', async () => {
		const before = Date.now();
		const r = await getChats();
		expect(r.headers.get('x-ratelimit-resource-limit')).toBe('5000');
		expect(r.headers.get('x-ratelimit-resource-remaining')).toBe('4999');
		const until = Date.parse(r.headers.get('x-ratelimit-resource-until') ?? '');
		expect(r.headers.get('x-ratelimit-resource-until')).toMatch(
			/^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT$/,
		);
		expect(until).toBeGreaterThanOrEqual(before + 3600_000 - 1000);
		expect(until).toBeLessThanOrEqual(Date.now() + 3600_000 + 1000);
		const t = await call('POST', '/v2/auth/token');
		expect(t.headers.get('x-ratelimit-resource-limit')).toBe('100');
	});

	it('420 after the quota, 4xx count, 5xx do not, and the window resets', async () => {
		await sb.control.limits({ windowMs: 1000, quotas: { getChat: 3 } });
		expect((await getChat()).status).toBe(200);
		// A 404 consumes quota like a 200.
		expect(
			(await call('GET', `/v2/businesses/${B}/chat`, { query: { chatId: 99999 } })).status,
		).toBe(404);
		// A 500 does not.
		await sb.control.faults({ operationId: 'getChat', kind: 'status', status: 500 });
		expect((await getChat()).status).toBe(500);
		const third = await getChat();
		expect(third.status).toBe(200);
		expect(third.headers.get('x-ratelimit-resource-remaining')).toBe('0');
		const over = await getChat();
		expect(over.status).toBe(420);
		expect(over.json).toEqual({
			status: 'ERROR',
			errors: [
				{
					code: 'LIMIT_EXCEEDED',
					message: `Hit rate limit of 3 requests per 'hour' for resource '/v2/businesses/{businessId}/chat' for businessId ${B}`,
				},
			],
		});
		expect(checkApiResponse('getChat', 420, over.text).valid).toBe(true);
		expect(over.headers.get('x-ratelimit-resource-remaining')).toBe('0');
		const until = Date.parse(over.headers.get('x-ratelimit-resource-until') ?? '');
		// Other methods have their own quota.
		expect((await getChats()).status).toBe(200);
		await sleep(Math.max(0, until - Date.now()) + 50);
		expect((await getChat()).status).toBe(200);
	});

	it('counts per business', async () => {
		await sb.control.limits({ quotas: { getChats: 1 } });
		expect((await getChats()).status).toBe(200);
		expect((await getChats()).status).toBe(420);
		const other = await call('POST', `/v2/businesses/${SANDBOX_SEED.secondBusinessId}/chats`, {
			body: {},
			key: SANDBOX_KEYS.secondBusiness,
		});
		expect(other.status).toBe(200);
	});

	it('reset restores the quotas of the options', async () => {
		await sb.control.limits({ quotas: { getChats: 1 } });
		await getChats();
		await sb.control.reset();
		expect((await getChats()).headers.get('x-ratelimit-resource-limit')).toBe('5000');
	});
});

describe('parallel requests', () => {
	it('the 5th concurrent request of a business gets 420', async () => {
		await sb.control.faults({ operationId: 'getChats', kind: 'delay', delayMs: 600, times: 4 });
		const slow = [getChats(), getChats(), getChats(), getChats()];
		await sleep(200);
		const fifth = await getChats();
		expect(fifth.status).toBe(420);
		expect(firstErrorMessage(fifth)).toBe(
			`Hit rate limit of 4 parallel requests for businessId ${B}`,
		);
		// Another business is not affected.
		const other = await call('POST', `/v2/businesses/${SANDBOX_SEED.secondBusinessId}/chats`, {
			body: {},
			key: SANDBOX_KEYS.secondBusiness,
		});
		expect(other.status).toBe(200);
		expect((await Promise.all(slow)).map((r) => r.status)).toEqual([200, 200, 200, 200]);
		// Slots are released once the slow requests are answered.
		expect((await getChats()).status).toBe(200);
	});

	it('the parallel limit is configurable', async () => {
		await sb.control.limits({ parallelLimit: 1 });
		await sb.control.faults({ operationId: 'getChat', kind: 'delay', delayMs: 400 });
		const slow = getChat();
		await sleep(150);
		expect((await getChats()).status).toBe(420);
		expect((await slow).status).toBe(200);
	});
});

describe('faults', () => {
	it.each([
		[500, 'INTERNAL_ERROR'],
		[503, 'SERVICE_UNAVAILABLE'],
		[499, 'CLIENT_CLOSED_REQUEST'],
		[420, 'LIMIT_EXCEEDED'],
		[403, 'FORBIDDEN'],
	])('status %i with a Yandex body, for the next request only', async (status, code) => {
		await sb.control.faults({ operationId: 'getChats', kind: 'status', status });
		const r = await getChats();
		expect(r.status).toBe(status);
		expect(r.json).toMatchObject({ status: 'ERROR', errors: [{ code }] });
		expect(r.headers.get('x-ratelimit-resource-limit')).toBe('5000');
		expect((await getChats()).status).toBe(200);
	});

	it('targets a path and honours times and a custom body', async () => {
		await sb.control.faults({
			path: '/v2/businesses/{businessId}/chat',
			kind: 'status',
			status: 503,
			times: 2,
			body: { status: 'ERROR', errors: [{ code: 'CUSTOM', message: 'custom' }] },
		});
		expect((await getChats()).status).toBe(200);
		const a = await getChat();
		const b = await getChat();
		expect([a.status, b.status]).toEqual([503, 503]);
		expect(a.json).toEqual({ status: 'ERROR', errors: [{ code: 'CUSTOM', message: 'custom' }] });
		expect((await getChat()).status).toBe(200);
		expect(await sb.control.listFaults()).toEqual([]);
	});

	it('forMs: every matching request for a while, a 420 naming the end of it as the window end', async () => {
		const started = Date.now();
		await sb.control.faults({ operationId: 'getChat', kind: 'status', status: 420, forMs: 1500 });
		const a = await getChat();
		const b = await getChat();
		expect([a.status, b.status]).toEqual([420, 420]);
		expect(a.json).toMatchObject({ status: 'ERROR', errors: [{ code: 'LIMIT_EXCEEDED' }] });
		expect(a.headers.get('x-ratelimit-resource-remaining')).toBe('0');
		const until = new Date(a.headers.get('x-ratelimit-resource-until') ?? '').getTime();
		expect(until).toBeGreaterThanOrEqual(started + 1500 - 1000);
		expect(until).toBeLessThanOrEqual(Date.now() + 1500 + 1000);
		expect((await getChats()).status).toBe(200);
		let status = 420;
		while (status === 420 && Date.now() - started < 5000) {
			status = (await getChat()).status;
			if (status === 420) await sleep(100);
		}
		expect(status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
		expect(await sb.control.listFaults()).toEqual([]);
	});

	it('reset drops the connection without an answer', async () => {
		await sb.control.faults({ operationId: 'getChat', kind: 'reset' });
		await expect(getChat()).rejects.toThrow();
		const [rec] = await sb.control.requests({ operationId: 'getChat' });
		expect(rec.status).toBeNull();
		expect((await getChat()).status).toBe(200);
	});

	it('delay holds the answer', async () => {
		await sb.control.faults({ operationId: 'getChat', kind: 'delay', delayMs: 300 });
		const started = Date.now();
		const r = await getChat();
		expect(r.status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
	});

	it('refuses malformed faults and clears them', async () => {
		await expect(sb.control.faults({ kind: 'status' })).rejects.toThrow(/status/);
		await sb.control.faults({ kind: 'status', status: 500, times: 5 });
		await sb.control.clearFaults();
		expect((await getChat()).status).toBe(200);
	});
});
