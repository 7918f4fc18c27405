/**
 * One HTTP call to Yandex with its retry and rate-limit policy. Every request the package makes is built by
 * `requestOptions` and sent by `sendRequest`.
 */
import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';
import { BASE_URLS, CREDENTIAL_NAME, INTEGRATION_HEADER_VALUE } from '../shared/contract';
import type { YandexContext } from './context';
import { executionScope } from './scope';
import type { CallLabel, FailureFacts, RawResponse } from './errors';
import { networkFacts, responseFacts, toYandexApiError } from './errors';
import { DEFAULT_RATE_LIMIT_WAIT_MS, TIMEOUT_POLICY } from './policy';
import { decideAfterFailure } from './retry';

export { DEFAULT_RATE_LIMIT_WAIT_MS, RETRY_POLICY, TIMEOUT_POLICY } from './policy';

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

/** One attempt on the wire, holding a slot of the run's gate (scope.ts) while it lasts. */
async function attempt(
	this: YandexContext,
	spec: CallSpec,
	options: IHttpRequestOptions,
): Promise<RawResponse | FailureFacts> {
	const gate = executionScope(this)?.gate;
	await gate?.acquire();
	try {
		const response = (
			spec.authenticate === false
				? await this.helpers.httpRequest(options)
				: await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, options)
		) as RawResponse;
		return response.statusCode < 400 ? response : responseFacts(response);
	} catch (error) {
		return networkFacts(error);
	} finally {
		gate?.release();
	}
}

function isResponse(outcome: RawResponse | FailureFacts): outcome is RawResponse {
	return 'statusCode' in outcome;
}

/**
 * Sends one call and follows decideAfterFailure (retry.ts) after each failed attempt: 420s are waited out within
 * the wait budget, 5xx, 499 and network failures repeated with backoff within the read budget (sends only when the
 * request surely never left), everything else becomes a NodeApiError.
 */
export async function sendRequest(this: YandexContext, spec: CallSpec): Promise<RawResponse> {
	const options = requestOptions(await getBaseUrl.call(this), spec);
	const policy = {
		idempotent: spec.idempotent,
		rateLimitBudgetMs: spec.maxRateLimitWaitMs ?? DEFAULT_RATE_LIMIT_WAIT_MS,
	};
	const started = Date.now();
	const progress = { retries: 0, rateLimitRetries: 0, elapsedMs: 0, rateLimitWaitedMs: 0 };
	let attemptTimeoutMs = TIMEOUT_POLICY.attemptMs;
	for (;;) {
		const outcome = await attempt.call(this, spec, { ...options, timeout: attemptTimeoutMs });
		if (isResponse(outcome)) return outcome;
		progress.elapsedMs = Date.now() - started;
		const facts = {
			...outcome,
			attempts: progress.retries + progress.rateLimitRetries + 1,
			elapsedMs: progress.elapsedMs,
		};
		const clock = { nowMs: Date.now(), jitter: Math.random() };
		const decision = decideAfterFailure(facts, policy, progress, clock);
		if (decision.action !== 'retry' && decision.narrowGate) executionScope(this)?.gate?.narrow();
		if (decision.action === 'fail') {
			throw toYandexApiError.call(this, facts, spec, decision.reason);
		}
		if (decision.action === 'wait') {
			progress.rateLimitRetries++;
			progress.rateLimitWaitedMs += decision.delayMs;
		} else {
			progress.retries++;
			attemptTimeoutMs = decision.attemptTimeoutMs;
		}
		await sleep(decision.delayMs);
	}
}
