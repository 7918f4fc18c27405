/**
 * One HTTP call to Yandex with its retry and rate-limit policy. Every request the package makes is built by
 * `requestOptions` and sent by `call`.
 */
import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';
import { BASE_URLS, CREDENTIAL_NAME, INTEGRATION_HEADER_VALUE, LIMITS } from '../shared/contract';
import type { YandexContext } from './context';
import { executionScope } from './scope';
import type { CallLabel, FailureFacts, RawResponse } from './errors';
import {
	NETWORK_CODES,
	NOT_SENT_CODES,
	isParallelLimit,
	networkFacts,
	resetTime,
	responseFacts,
	toYandexApiError,
} from './errors';

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

export interface CallSpec extends CallLabel {
	method: IHttpRequestMethods;
	/** A path under the credential's base URL, or an absolute URL (attachment links). */
	url: string;
	qs?: IDataObject;
	body?: Buffer | string;
	headers?: IDataObject;
	/** Whether n8n adds the Api-Key header; false for hosts other than the API's. */
	authenticate?: boolean;
	/** Default application/json; attachment downloads take any type. */
	accept?: string;
	maxRateLimitWaitMs?: number;
}

/**
 * The API base URL from the credential's environment. Within a run of the action node it is read once (see
 * scope.ts); n8n still applies the credential to every request through httpRequestWithAuthentication.
 */
export async function getBaseUrl(this: YandexContext): Promise<string> {
	const scope = executionScope(this);
	if (!scope) return await resolveBaseUrl.call(this);
	scope.baseUrl ??= resolveBaseUrl.call(this).catch((error: unknown) => {
		// A failure is not remembered: the next item asks again, as it did before there was a cache.
		scope.baseUrl = undefined;
		throw error;
	});
	return await scope.baseUrl;
}

async function resolveBaseUrl(this: YandexContext): Promise<string> {
	const credentials = await this.getCredentials(CREDENTIAL_NAME);
	const environment = (credentials.environment as string | undefined) ?? 'production';
	if (environment === 'custom') {
		const custom = String(credentials.baseUrl ?? '')
			.trim()
			.replace(/\/+$/, '');
		if (!/^https?:\/\//i.test(custom)) {
			throw new NodeOperationError(
				this.getNode(),
				'The credential\'s Base URL must start with http:// or https:// (Environment is "Custom Base URL")',
			);
		}
		return custom;
	}
	return environment === 'yandexGo' ? BASE_URLS.yandexGo : BASE_URLS.production;
}

/** The options every request shares, so calls and attachment downloads cannot drift apart. */
export function requestOptions(baseUrl: string, spec: CallSpec): IHttpRequestOptions {
	return {
		method: spec.method,
		url: /^https?:\/\//i.test(spec.url) ? spec.url : `${baseUrl}${spec.url}`,
		qs: spec.qs,
		body: spec.body,
		headers: {
			Accept: spec.accept ?? 'application/json',
			'X-Market-Integration': INTEGRATION_HEADER_VALUE,
			...(typeof spec.body === 'string'
				? { 'Content-Type': 'application/json; charset=utf-8' }
				: {}),
			...(spec.headers ?? {}),
		},
		// Raw bytes: JSON.parse would round int64 IDs above 2^53, so the body is parsed here instead.
		encoding: 'arraybuffer',
		json: false,
		returnFullResponse: true,
		// HTTP errors come back as responses: n8n versions differ in what they keep of a thrown error (2.8 drops the
		// headers that carry the rate-limit reset time), and the thrown error carries the request config, API key
		// included.
		ignoreHttpStatusErrors: true,
		// Yandex gives up after 10 s on its side; the slack lets its 499 arrive instead of our own timeout.
		timeout: TIMEOUT_POLICY.attemptMs,
	};
}

function backoff(attempt: number): number {
	const exp = Math.min(RETRY_POLICY.maxDelayMs, RETRY_POLICY.baseDelayMs * 2 ** (attempt - 1));
	return exp + Math.floor(Math.random() * RETRY_POLICY.jitterMs);
}

/** How long to wait before repeating a 420, or undefined when Yandex said nothing usable. */
function rateLimitWaitMs(facts: FailureFacts): number {
	if (isParallelLimit(facts)) {
		return (
			RETRY_POLICY.parallelLimitDelayMs +
			Math.floor(Math.random() * RETRY_POLICY.parallelLimitDelayMs)
		);
	}
	const at = resetTime(facts.headers);
	// The header is an RFC 822 date with whole seconds: waking up at that second can still be inside the window.
	return at ? Math.max(0, at.getTime() - Date.now()) + 1000 : RETRY_POLICY.parallelLimitDelayMs;
}

/**
 * Sends one call and waits out 420s (Yandex did not process the call, so repeating is safe even for sends) within the
 * wait budget; repeats 5xx, 499 and network failures with backoff within the read budget, except for sends after an
 * ambiguous failure. Each attempt holds a slot of the run's gate (scope.ts) while it is on the wire.
 */
export async function call(this: YandexContext, spec: CallSpec): Promise<RawResponse> {
	const options = requestOptions(await getBaseUrl.call(this), spec);
	const gate = executionScope(this)?.gate;
	const maxWait = spec.maxRateLimitWaitMs ?? DEFAULT_RATE_LIMIT_WAIT_MS;
	const started = Date.now();
	let rateLimitWaitedMs = 0;
	let timeoutMs = TIMEOUT_POLICY.attemptMs;
	let retries = 0;
	let rateLimitRetries = 0;
	for (;;) {
		let facts: FailureFacts;
		await gate?.acquire();
		try {
			const attempt = { ...options, timeout: timeoutMs };
			const response = (
				spec.authenticate === false
					? await this.helpers.httpRequest(attempt)
					: await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, attempt)
			) as RawResponse;
			if (response.statusCode < 400) return response;
			facts = responseFacts(response);
		} catch (error) {
			facts = networkFacts(error);
		} finally {
			gate?.release();
		}
		facts.attempts = retries + rateLimitRetries + 1;
		facts.elapsedMs = Date.now() - started;
		if (facts.status === 420) {
			if (isParallelLimit(facts)) gate?.narrow();
			if (rateLimitRetries >= RETRY_POLICY.maxRateLimitRetries)
				throw toYandexApiError.call(this, facts, spec);
			const waitMs = rateLimitWaitMs(facts);
			if (waitMs > maxWait) {
				throw toYandexApiError.call(
					this,
					facts,
					spec,
					`Waiting ${Math.ceil(waitMs / 1000)} s would exceed the rate-limit wait budget of ${Math.round(maxWait / 1000)} s.`,
				);
			}
			rateLimitRetries++;
			rateLimitWaitedMs += waitMs;
			await sleep(waitMs);
			continue;
		}
		const retryable =
			(facts.status !== undefined && (facts.status >= 500 || facts.status === 499)) ||
			(facts.status === undefined && facts.code !== undefined && NETWORK_CODES.has(facts.code));
		const safeToRepeat =
			spec.idempotent || (facts.status === undefined && NOT_SENT_CODES.has(facts.code ?? ''));
		if (retryable && safeToRepeat && retries < RETRY_POLICY.maxRetries) {
			const delayMs = backoff(retries + 1);
			const left =
				TIMEOUT_POLICY.readBudgetMs - (Date.now() - started - rateLimitWaitedMs) - delayMs;
			if (left >= TIMEOUT_POLICY.minAttemptMs) {
				retries++;
				timeoutMs = Math.min(TIMEOUT_POLICY.attemptMs, left);
				await sleep(delayMs);
				continue;
			}
		}
		throw toYandexApiError.call(this, facts, spec);
	}
}
