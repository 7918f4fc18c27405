/** The transport's numbers: how often and how long a call to Yandex is repeated, and how long an attempt may take. */
import { LIMITS } from '../shared/contract';

/** The Rate Limit Wait budget when the node has none: how long a call may wait out 420s. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

/** Retry schedule for failures that Yandex asks clients to retry (5xx, 499, network). */
export const RETRY_POLICY = {
	maxRetries: 3,
	baseDelayMs: 500,
	maxDelayMs: 8_000,
	jitterMs: 250,
	/** 420 "N parallel requests": the slot frees up as soon as one of our other calls ends. */
	parallelLimitDelayMs: 1_000,
	maxRateLimitRetries: 5,
};

/**
 * Yandex gives up on a request after 10 s on its side (and answers 499), so an attempt waits a little longer than
 * that and no more; a read stops retrying once its attempts would run past the total budget, so a Yandex that never
 * answers fails a read within about a minute. Sends get one attempt: after a timeout the message may have arrived.
 */
export const TIMEOUT_POLICY = {
	attemptMs: LIMITS.serverTimeoutMs + 5_000,
	/** Attempts plus backoff of one read, not counting 420 waits (those have their own budget). */
	readBudgetMs: 60_000,
	/** A retry needs at least Yandex's own timeout, or a slow answer would be cut off before Yandex's 499. */
	minAttemptMs: LIMITS.serverTimeoutMs,
};
