/**
 * What `sendRequest` (request.ts) does after a failed attempt, as one pure decision: the facts of the failure and
 * of the call so far go in, "wait out a 420", "retry after a backoff" or "fail" comes out. No clock, no randomness
 * and no I/O in here: the caller passes the time and the jitter, so every row of the decision table is a plain test.
 */
import type { FailureFacts } from './errors';
import { NETWORK_CODES, NOT_SENT_CODES, isParallelLimit, resetTime } from './errors';
import { RETRY_POLICY, TIMEOUT_POLICY } from './policy';

/** Where the call stands after a failed attempt. */
export interface CallProgress {
	/** Retries of 5xx, 499 and network failures so far. */
	retries: number;
	/** 420s waited out so far. */
	rateLimitRetries: number;
	/** Since the first attempt started. */
	elapsedMs: number;
	/** The part of elapsedMs spent waiting out 420s (it does not count against the read budget). */
	rateLimitWaitedMs: number;
}

/** What the decision needs to know about the call itself. */
export interface CallPolicy {
	/** Reads may be repeated after any failure; sends only when the request surely never left. */
	idempotent: boolean;
	/** The user's Rate Limit Wait budget: the longest single 420 wait the call accepts. */
	rateLimitBudgetMs: number;
}

export type RetryDecision =
	/** A 420: Yandex did not process the call, so waiting and repeating is safe even for sends. */
	| { action: 'wait'; delayMs: number; narrowGate: boolean }
	/** A failure Yandex asks clients to retry, on a call that is safe to repeat, with time left for an attempt. */
	| { action: 'retry'; delayMs: number; attemptTimeoutMs: number }
	/** Nothing more to try; `reason` is added to the error's description. */
	| { action: 'fail'; narrowGate: boolean; reason?: string };

/** The moment of the decision and a random fraction in [0, 1) for the jitter: the only inputs from the world. */
export interface DecisionClock {
	nowMs: number;
	jitter: number;
}

/** Exponential backoff before retry number `retry` (1-based), capped, plus jitter. */
export function backoffMs(retry: number, jitter: number): number {
	const exp = Math.min(RETRY_POLICY.maxDelayMs, RETRY_POLICY.baseDelayMs * 2 ** (retry - 1));
	return exp + Math.floor(jitter * RETRY_POLICY.jitterMs);
}

/**
 * How long to wait before repeating a 420. "N parallel requests": a slot frees up as soon as another call ends, so a
 * second or two. An hourly quota: until the reset time Yandex sends, or a second when it sent none.
 */
export function rateLimitDelayMs(facts: FailureFacts, clock: DecisionClock): number {
	if (isParallelLimit(facts)) {
		return (
			RETRY_POLICY.parallelLimitDelayMs +
			Math.floor(clock.jitter * RETRY_POLICY.parallelLimitDelayMs)
		);
	}
	const at = resetTime(facts.headers);
	// The header is an RFC 822 date with whole seconds: waking up at that second can still be inside the window.
	return at ? Math.max(0, at.getTime() - clock.nowMs) + 1000 : RETRY_POLICY.parallelLimitDelayMs;
}

/** 5xx, 499 and network failures: Yandex asks clients to repeat these. */
export function isRetryable(facts: FailureFacts): boolean {
	if (facts.status !== undefined) return facts.status >= 500 || facts.status === 499;
	return facts.code !== undefined && NETWORK_CODES.has(facts.code);
}

/** A send may be repeated only when the request surely never reached Yandex. */
export function isSafeToRepeat(facts: FailureFacts, policy: CallPolicy): boolean {
	return policy.idempotent || (facts.status === undefined && NOT_SENT_CODES.has(facts.code ?? ''));
}

function afterRateLimit(
	facts: FailureFacts,
	policy: CallPolicy,
	progress: CallProgress,
	clock: DecisionClock,
): RetryDecision {
	const narrowGate = isParallelLimit(facts);
	if (progress.rateLimitRetries >= RETRY_POLICY.maxRateLimitRetries) {
		return { action: 'fail', narrowGate };
	}
	const delayMs = rateLimitDelayMs(facts, clock);
	if (delayMs > policy.rateLimitBudgetMs) {
		const reason = `Waiting ${Math.ceil(delayMs / 1000)} s would exceed the rate-limit wait budget of ${Math.round(policy.rateLimitBudgetMs / 1000)} s.`;
		return { action: 'fail', narrowGate, reason };
	}
	return { action: 'wait', delayMs, narrowGate };
}

/**
 * The decision after a failed attempt. 420s are waited out within the user's budget (at most
 * RETRY_POLICY.maxRateLimitRetries times); 5xx, 499 and network failures are retried with backoff when the call is
 * safe to repeat, at most RETRY_POLICY.maxRetries times, and only while the read budget leaves room for an attempt
 * of at least Yandex's own timeout; everything else fails.
 */
export function decideAfterFailure(
	facts: FailureFacts,
	policy: CallPolicy,
	progress: CallProgress,
	clock: DecisionClock,
): RetryDecision {
	if (facts.status === 420) return afterRateLimit(facts, policy, progress, clock);
	if (
		!isRetryable(facts) ||
		!isSafeToRepeat(facts, policy) ||
		progress.retries >= RETRY_POLICY.maxRetries
	) {
		return { action: 'fail', narrowGate: false };
	}
	const delayMs = backoffMs(progress.retries + 1, clock.jitter);
	const left =
		TIMEOUT_POLICY.readBudgetMs - (progress.elapsedMs - progress.rateLimitWaitedMs) - delayMs;
	if (left < TIMEOUT_POLICY.minAttemptMs) return { action: 'fail', narrowGate: false };
	return {
		action: 'retry',
		delayMs,
		attemptTimeoutMs: Math.min(TIMEOUT_POLICY.attemptMs, left),
	};
}
