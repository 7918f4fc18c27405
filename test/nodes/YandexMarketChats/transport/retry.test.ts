import type { FailureFacts } from '../../../../nodes/YandexMarketChats/transport/errors';
import { RETRY_POLICY, TIMEOUT_POLICY } from '../../../../nodes/YandexMarketChats/transport/policy';
import {
	backoffMs,
	decideAfterFailure,
	rateLimitDelayMs,
} from '../../../../nodes/YandexMarketChats/transport/retry';
import type {
	CallPolicy,
	CallProgress,
	RetryDecision,
} from '../../../../nodes/YandexMarketChats/transport/retry';

const NOW = Date.parse('2026-01-01T10:00:00Z');
const clock = { nowMs: NOW, jitter: 0 };

const http = (status: number, message?: string, headers = {}): FailureFacts => ({
	status,
	headers,
	errors: message ? [{ code: 'ERR', message }] : [],
});
const network = (code: string, timedOut = false): FailureFacts => ({
	code,
	headers: {},
	errors: [],
	...(timedOut ? { timedOut } : {}),
});
const quota = http(420, 'Hit rate limit of 1000 requests per 1 hours', {
	'X-RateLimit-Resource-Until': new Date(NOW + 30_000).toUTCString(),
});
const parallel = http(420, 'Hit rate limit of 4 parallel requests');

const read: CallPolicy = { idempotent: true, rateLimitBudgetMs: 60_000 };
const send: CallPolicy = { idempotent: false, rateLimitBudgetMs: 60_000 };
const fresh: CallProgress = { retries: 0, rateLimitRetries: 0, elapsedMs: 0, rateLimitWaitedMs: 0 };
const after = (p: Partial<CallProgress>): CallProgress => ({ ...fresh, ...p });

describe('decideAfterFailure', () => {
	it.each<[string, FailureFacts, CallPolicy, CallProgress, RetryDecision]>([
		// reads: 5xx, 499 and network failures are retried with backoff
		[
			'a read after a 500',
			http(500),
			read,
			fresh,
			{ action: 'retry', delayMs: 500, attemptTimeoutMs: TIMEOUT_POLICY.attemptMs },
		],
		[
			'a read after a 503, second retry',
			http(503),
			read,
			after({ retries: 1 }),
			{ action: 'retry', delayMs: 1000, attemptTimeoutMs: TIMEOUT_POLICY.attemptMs },
		],
		[
			'a read after a 499',
			http(499),
			read,
			fresh,
			{ action: 'retry', delayMs: 500, attemptTimeoutMs: TIMEOUT_POLICY.attemptMs },
		],
		[
			'a read after ECONNRESET',
			network('ECONNRESET'),
			read,
			fresh,
			{ action: 'retry', delayMs: 500, attemptTimeoutMs: TIMEOUT_POLICY.attemptMs },
		],
		[
			'a read after a timeout',
			network('ETIMEDOUT', true),
			read,
			fresh,
			{ action: 'retry', delayMs: 500, attemptTimeoutMs: TIMEOUT_POLICY.attemptMs },
		],
		[
			'a read after its last retry',
			http(500),
			read,
			after({ retries: RETRY_POLICY.maxRetries }),
			{ action: 'fail', narrowGate: false },
		],
		// the read budget: a retry needs room for an attempt of at least Yandex's own timeout
		[
			'a read with 45 s of its 60 s budget gone',
			http(500),
			read,
			after({ elapsedMs: 45_000 }),
			{ action: 'retry', delayMs: 500, attemptTimeoutMs: 14_500 },
		],
		[
			'a read with no room left for an attempt',
			http(500),
			read,
			after({ elapsedMs: 50_000 }),
			{ action: 'fail', narrowGate: false },
		],
		[
			'a read whose time went to 420 waits',
			http(500),
			read,
			after({ elapsedMs: 50_000, rateLimitWaitedMs: 40_000 }),
			{ action: 'retry', delayMs: 500, attemptTimeoutMs: TIMEOUT_POLICY.attemptMs },
		],
		// what is never retried
		['a 400', http(400), read, fresh, { action: 'fail', narrowGate: false }],
		['a 401', http(401), read, fresh, { action: 'fail', narrowGate: false }],
		['a 404', http(404), read, fresh, { action: 'fail', narrowGate: false }],
		[
			'an unknown network code',
			network('EWHATEVER'),
			read,
			fresh,
			{ action: 'fail', narrowGate: false },
		],
		// sends: never repeated after an ambiguous failure, repeated when the request surely never left
		['a send after a 500', http(500), send, fresh, { action: 'fail', narrowGate: false }],
		[
			'a send after a timeout',
			network('ETIMEDOUT', true),
			send,
			fresh,
			{ action: 'fail', narrowGate: false },
		],
		[
			'a send after ECONNRESET',
			network('ECONNRESET'),
			send,
			fresh,
			{ action: 'fail', narrowGate: false },
		],
		[
			'a send after ECONNREFUSED',
			network('ECONNREFUSED'),
			send,
			fresh,
			{ action: 'retry', delayMs: 500, attemptTimeoutMs: TIMEOUT_POLICY.attemptMs },
		],
		[
			'a send after ENOTFOUND',
			network('ENOTFOUND'),
			send,
			fresh,
			{ action: 'retry', delayMs: 500, attemptTimeoutMs: TIMEOUT_POLICY.attemptMs },
		],
		// 420: waited out, for sends too, within the wait budget
		[
			'a read after an hourly quota 420',
			quota,
			read,
			fresh,
			{ action: 'wait', delayMs: 31_000, narrowGate: false },
		],
		[
			'a send after an hourly quota 420',
			quota,
			send,
			fresh,
			{ action: 'wait', delayMs: 31_000, narrowGate: false },
		],
		[
			'a 420 without a reset time',
			http(420),
			read,
			fresh,
			{ action: 'wait', delayMs: RETRY_POLICY.parallelLimitDelayMs, narrowGate: false },
		],
		[
			'a parallel-requests 420',
			parallel,
			send,
			fresh,
			{ action: 'wait', delayMs: RETRY_POLICY.parallelLimitDelayMs, narrowGate: true },
		],
		[
			'a 420 after the last 420 retry',
			parallel,
			read,
			after({ rateLimitRetries: RETRY_POLICY.maxRateLimitRetries }),
			{ action: 'fail', narrowGate: true },
		],
		[
			'a 420 whose wait exceeds the budget',
			quota,
			{ ...read, rateLimitBudgetMs: 10_000 },
			fresh,
			{
				action: 'fail',
				narrowGate: false,
				reason: 'Waiting 31 s would exceed the rate-limit wait budget of 10 s.',
			},
		],
		[
			'a 420 with a wait budget of 0',
			parallel,
			{ ...read, rateLimitBudgetMs: 0 },
			fresh,
			{
				action: 'fail',
				narrowGate: true,
				reason: 'Waiting 1 s would exceed the rate-limit wait budget of 0 s.',
			},
		],
		[
			'a 420 does not use up the 5xx retries',
			quota,
			read,
			after({ retries: RETRY_POLICY.maxRetries }),
			{ action: 'wait', delayMs: 31_000, narrowGate: false },
		],
	])('%s', (_name, facts, policy, progress, expected) => {
		expect(decideAfterFailure(facts, policy, progress, clock)).toEqual(expected);
	});
});

describe('backoffMs', () => {
	it.each([
		[1, 0, 500],
		[2, 0, 1000],
		[3, 0, 2000],
		[5, 0, 8000],
		[10, 0, RETRY_POLICY.maxDelayMs],
		[1, 0.999, 500 + RETRY_POLICY.jitterMs - 1],
	])('retry %i with jitter %d waits %i ms', (retry, jitter, expected) => {
		expect(backoffMs(retry, jitter)).toBe(expected);
	});
});

describe('rateLimitDelayMs', () => {
	it('waits one second past the reset time, since the header has whole seconds', () => {
		expect(rateLimitDelayMs(quota, clock)).toBe(31_000);
	});
	it('waits one second when the reset time has passed', () => {
		const past = http(420, 'quota', {
			'x-ratelimit-resource-until': new Date(NOW - 5000).toUTCString(),
		});
		expect(rateLimitDelayMs(past, clock)).toBe(1000);
	});
	it('spreads parallel-limit waits between one and two seconds', () => {
		expect(rateLimitDelayMs(parallel, { nowMs: NOW, jitter: 0 })).toBe(1000);
		expect(rateLimitDelayMs(parallel, { nowMs: NOW, jitter: 0.5 })).toBe(1500);
	});
});
