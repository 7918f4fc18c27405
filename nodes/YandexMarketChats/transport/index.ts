/**
 * The only module that talks HTTP to Yandex Market: base URL, auth (through n8n's credential system), the
 * integration header, int64-safe parsing, cursor pagination, rate-limit waits, retries, and the mapping of failures
 * to fresh NodeApiErrors that carry Yandex's own message and never the API key.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import { randomBytes } from 'crypto';
import {
	BASE_URLS,
	CREDENTIAL_NAME,
	ENDPOINTS,
	INTEGRATION_HEADER_VALUE,
	LIMITS,
	NON_IDEMPOTENT,
	businessPath,
	normalizeIds,
	parseJsonKeepingBigInts,
	stringifyWithInt64,
} from '../shared/contract';
import type { ApiError, ChatEndpoint } from '../shared/contract';

export type YandexContext = IExecuteFunctions | ILoadOptionsFunctions | IWebhookFunctions;

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

export interface YandexRequest {
	endpoint: ChatEndpoint;
	businessId: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/** How long a 420 may be waited out before the call fails with the reset time. */
	maxRateLimitWaitMs?: number;
}

interface RawResponse {
	body: Buffer | string | undefined;
	headers: IDataObject;
	statusCode: number;
}

interface CallSpec {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: Buffer | string;
	headers?: IDataObject;
	/** Sends post something the buyer sees: after an ambiguous failure they must not be repeated. */
	idempotent: boolean;
	itemIndex?: number;
	maxRateLimitWaitMs?: number;
	label: string;
}

/** Network failures where the request surely never reached Yandex, so even a send may be repeated. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
const NETWORK_CODES = new Set([
	...NOT_SENT_CODES,
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ESOCKETTIMEDOUT',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

export async function getBaseUrl(this: YandexContext): Promise<string> {
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

// ---------- error mapping ----------

interface FailureFacts {
	status?: number;
	code?: string;
	headers: IDataObject;
	body?: IDataObject;
	errors: ApiError[];
}

function decodeBody(data: unknown): IDataObject | undefined {
	if (data === undefined || data === null) return undefined;
	let text: string;
	if (Buffer.isBuffer(data)) text = data.toString('utf8');
	else if (data instanceof ArrayBuffer) text = Buffer.from(data).toString('utf8');
	else if (typeof data === 'string') text = data;
	else if (typeof data === 'object') return normalizeIds(data as IDataObject);
	else return undefined;
	if (text.trim() === '') return undefined;
	try {
		const parsed = parseJsonKeepingBigInts(text);
		return parsed && typeof parsed === 'object' ? normalizeIds(parsed as IDataObject) : undefined;
	} catch {
		// Proxies and load balancers answer with HTML; keep a short excerpt for the user.
		return { text: text.slice(0, 500) };
	}
}

function errorList(body: IDataObject | undefined): ApiError[] {
	return Array.isArray(body?.errors)
		? (body.errors as IDataObject[]).map((x) => ({
				code: String(x.code ?? 'UNKNOWN'),
				...(x.message !== undefined ? { message: String(x.message) } : {}),
			}))
		: [];
}

function responseFacts(response: RawResponse): FailureFacts {
	const body = decodeBody(response.body);
	return {
		status: response.statusCode,
		headers: response.headers ?? {},
		body,
		errors: errorList(body),
	};
}

/**
 * A request that got no HTTP answer (HTTP statuses come back as responses, see `call`). Where the error code lives
 * differs between n8n versions: 2.4x keeps the axios error as `cause`, 2.8 puts the code in `httpCode`.
 */
function networkFacts(error: unknown): FailureFacts {
	const e = error as {
		cause?: { code?: string };
		httpCode?: string | null;
		code?: string;
		messages?: string[];
	};
	const fromMessages = (e.messages ?? [])
		.map((m) => /\b(E[A-Z_]{3,})\b/.exec(m)?.[1])
		.find((c) => c);
	const httpCode = e.httpCode && !/^\d{3}$/.test(e.httpCode) ? e.httpCode : undefined;
	const code = e.cause?.code ?? e.code ?? httpCode ?? fromMessages ?? 'NETWORK_ERROR';
	return { code, headers: {}, errors: [] };
}

function header(headers: IDataObject, name: string): string | undefined {
	const found = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
	const value = found === undefined ? undefined : headers[found];
	return value === undefined || value === null ? undefined : String(value);
}

function resetTime(headers: IDataObject): Date | undefined {
	const until = header(headers, 'X-RateLimit-Resource-Until');
	if (!until) return undefined;
	const at = new Date(until);
	return Number.isNaN(at.getTime()) ? undefined : at;
}

function isParallelLimit(facts: FailureFacts): boolean {
	return facts.errors.some((x) => /parallel/i.test(x.message ?? ''));
}

// Hints and messages speak the seller's language: cabinet screens and node fields, never API paths or method names.
const KEY_ACCESS_HINT =
	'in the seller cabinet give the key the "Customer communication" or "Full management" permission (read-only keys cannot send)';

/** What the seller was doing, for "Yandex Market answered HTTP 500 when listing chats". */
const CALL_WORDS: Record<string, string> = {
	getChats: 'listing chats',
	getChat: 'getting a chat',
	getChatHistory: 'reading the chat history',
	getChatMessage: 'getting a message',
	sendMessageToChat: 'sending a message',
	createChat: 'opening a chat',
	sendFileToChat: 'sending a file',
	getCampaigns: "listing the cabinet's businesses",
	'attachment download': 'downloading an attachment',
};

function hintFor(facts: FailureFacts, spec: CallSpec): string {
	const s = facts.status;
	if (s === 400)
		return 'Yandex Market rejected the request as invalid: check the field named in the message.';
	if (s === 401)
		return 'The API key is invalid or revoked. Create or copy a key in the seller cabinet (Settings → API and modules) and update the credential.';
	if (s === 403)
		return `The API key has no access to this method or cabinet: ${KEY_ACCESS_HINT}, check that API access is not turned off for the cabinet, and that the Business belongs to this key.`;
	if (s === 404)
		return 'Not found: check the Business (the cabinet, not one of its stores: choose it from the list) and the chat, message, order or return ID.';
	if (s === 420) {
		const at = resetTime(facts.headers);
		return isParallelLimit(facts)
			? `Too many parallel requests for this cabinet (Yandex allows ${LIMITS.parallelRequests}): run fewer workflows against it at the same time.`
			: `The hourly quota of this method is used up${at ? `; it resets at ${at.toISOString()}` : ''}. Raise "Rate Limit Wait" in the node options, or spread the work out.`;
	}
	if (s === 499) return 'The request took too long and was closed. Try again later.';
	if (s !== undefined && s >= 500) {
		return spec.idempotent
			? 'Yandex Market had a problem on its side and did not recover after retries. Try again later.'
			: 'Yandex Market had a problem on its side. The message may or may not have been delivered, so it was not sent again: check the chat history before sending it once more.';
	}
	if (!spec.idempotent && !(facts.code && NOT_SENT_CODES.has(facts.code))) {
		return 'The connection failed before Yandex answered. The message may or may not have been delivered, so it was not sent again: check the chat history before sending it once more.';
	}
	return "Could not reach Yandex Market. Check the network and the credential's environment, then try again.";
}

/**
 * Builds a fresh NodeApiError from plain facts. The error n8n's helper throws carries the request config, headers
 * included (the API key), in its cause: it is never rethrown or attached.
 */
function toYandexApiError(
	ctx: YandexContext,
	facts: FailureFacts,
	spec: CallSpec,
	extra?: string,
): NodeApiError {
	const yandexMessage = facts.errors
		.map((x) => x.message ?? x.code)
		.filter((m) => m)
		.join('; ');
	const doing = CALL_WORDS[spec.label] ?? spec.label;
	const message =
		yandexMessage ||
		(facts.status !== undefined
			? `Yandex Market answered HTTP ${facts.status} when ${doing}`
			: `Could not reach Yandex Market (${facts.code ?? 'network error'}) when ${doing}`);
	const codes = facts.errors.map((x) => x.code).join(', ');
	const description = [codes ? `${codes}.` : '', hintFor(facts, spec), extra ?? '']
		.filter((x) => x)
		.join(' ');
	const httpCode = facts.status !== undefined ? String(facts.status) : (facts.code ?? null);
	const fresh = new NodeApiError(ctx.getNode(), { message, description, httpCode } as JsonObject, {
		message,
		description,
		httpCode: httpCode ?? undefined,
		...(spec.itemIndex !== undefined ? { itemIndex: spec.itemIndex } : {}),
	});
	// NodeApiError swaps messages that mention network codes for its own generic text; ours names Yandex and the code.
	fresh.message = message;
	// The raw Yandex body stays visible in n8n's error pane; it never contains request headers.
	if (facts.body) fresh.context.data = facts.body;
	return fresh;
}

function backoff(attempt: number): number {
	const exp = Math.min(RETRY_POLICY.maxDelayMs, RETRY_POLICY.baseDelayMs * 2 ** (attempt - 1));
	return exp + Math.floor(Math.random() * RETRY_POLICY.jitterMs);
}

// ---------- the request loop ----------

async function call(this: YandexContext, spec: CallSpec): Promise<RawResponse> {
	const baseUrl = await getBaseUrl.call(this);
	const options: IHttpRequestOptions = {
		method: spec.method,
		url: `${baseUrl}${spec.path}`,
		qs: spec.qs,
		body: spec.body,
		headers: {
			Accept: 'application/json',
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
		// Yandex gives up after 10 s on its side; a little slack avoids turning slow answers into 499s.
		timeout: LIMITS.serverTimeoutMs + 20_000,
	};
	const maxWait = spec.maxRateLimitWaitMs ?? DEFAULT_RATE_LIMIT_WAIT_MS;
	let retries = 0;
	let rateLimitRetries = 0;
	for (;;) {
		let facts: FailureFacts;
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_NAME,
				options,
			)) as RawResponse;
			if (response.statusCode < 400) return response;
			facts = responseFacts(response);
		} catch (error) {
			facts = networkFacts(error);
		}
		if (facts.status === 420) {
			// 420 means Yandex did not process the call, so waiting and repeating is safe even for sends.
			if (rateLimitRetries >= RETRY_POLICY.maxRateLimitRetries)
				throw toYandexApiError(this, facts, spec);
			let waitMs: number;
			if (isParallelLimit(facts)) {
				waitMs =
					RETRY_POLICY.parallelLimitDelayMs +
					Math.floor(Math.random() * RETRY_POLICY.parallelLimitDelayMs);
			} else {
				const at = resetTime(facts.headers);
				// The header is an RFC 822 date with whole seconds: waking up at that second can still be inside the window.
				waitMs = at
					? Math.max(0, at.getTime() - Date.now()) + 1000
					: RETRY_POLICY.parallelLimitDelayMs;
			}
			if (waitMs > maxWait) {
				throw toYandexApiError(
					this,
					facts,
					spec,
					`Waiting ${Math.ceil(waitMs / 1000)} s would exceed the rate-limit wait budget of ${Math.round(maxWait / 1000)} s.`,
				);
			}
			rateLimitRetries++;
			await sleep(waitMs);
			continue;
		}
		const retryable =
			(facts.status !== undefined && (facts.status >= 500 || facts.status === 499)) ||
			(facts.status === undefined && facts.code !== undefined && NETWORK_CODES.has(facts.code));
		const safeToRepeat =
			spec.idempotent || (facts.status === undefined && NOT_SENT_CODES.has(facts.code ?? ''));
		if (retryable && safeToRepeat && retries < RETRY_POLICY.maxRetries) {
			retries++;
			await sleep(backoff(retries));
			continue;
		}
		throw toYandexApiError(this, facts, spec);
	}
}

function parseSuccess(raw: RawResponse): IDataObject {
	const parsed = decodeBody(raw.body);
	return parsed ?? {};
}

function stringQs(qs: IDataObject | undefined): IDataObject | undefined {
	if (!qs) return undefined;
	const out: IDataObject = {};
	for (const [k, v] of Object.entries(qs))
		if (v !== undefined && v !== null && v !== '') out[k] = String(v);
	return out;
}

/** Calls one chat method and returns its `result` (IDs as strings); `{}` for methods that return only a status. */
export async function yandexApiRequest(
	this: YandexContext,
	req: YandexRequest,
): Promise<IDataObject> {
	const { method } = ENDPOINTS[req.endpoint];
	// The POST list methods require a body even without filters.
	const body = method === 'POST' ? stringifyWithInt64(req.body ?? {}) : undefined;
	const raw = await call.call(this, {
		method,
		path: businessPath(req.businessId, req.endpoint),
		qs: stringQs(req.qs),
		body,
		// createChat returns the existing chat for a context, so repeating it is harmless.
		idempotent: !NON_IDEMPOTENT.has(req.endpoint),
		itemIndex: req.itemIndex,
		maxRateLimitWaitMs: req.maxRateLimitWaitMs,
		label: req.endpoint,
	});
	const parsed = parseSuccess(raw);
	return (parsed.result as IDataObject | undefined) ?? {};
}

/**
 * Follows Yandex's cursor (`pageToken` → `paging.nextPageToken`) at the API's maximum page size and stops as soon as
 * `limit` items are collected. A token seen twice would loop forever, so it stops the walk with an error.
 */
export async function yandexApiRequestAllItems(
	this: YandexContext,
	req: YandexRequest & { itemsKey: 'chats' | 'messages'; limit?: number },
): Promise<{ items: IDataObject[]; result: IDataObject }> {
	const pageSize = req.itemsKey === 'chats' ? LIMITS.chatsPageMax : LIMITS.historyPageMax;
	const items: IDataObject[] = [];
	const seen = new Set<string>();
	let token: string | undefined;
	let last: IDataObject = {};
	for (;;) {
		const result = await yandexApiRequest.call(this, {
			...req,
			qs: { ...req.qs, limit: pageSize, ...(token ? { pageToken: token } : {}) },
		});
		const page = (result[req.itemsKey] as IDataObject[] | undefined) ?? [];
		items.push(...page);
		last = { ...result };
		delete last[req.itemsKey];
		delete last.paging;
		token = (result.paging as IDataObject | undefined)?.nextPageToken as string | undefined;
		if (req.limit !== undefined && items.length >= req.limit)
			return { items: items.slice(0, req.limit), result: last };
		if (!token || page.length === 0) return { items, result: last };
		if (seen.has(token)) {
			throw new NodeOperationError(
				this.getNode(),
				`Yandex Market returned the same page token twice while listing ${req.itemsKey}; stopped to avoid an endless loop`,
				{ itemIndex: req.itemIndex },
			);
		}
		seen.add(token);
	}
}

function quoteFileName(name: string): string {
	return name.replace(/["\\\r\n]/g, '_');
}

/** sendFileToChat: a multipart body built by hand, because the package may not ship a form-data dependency. */
export async function yandexSendFile(
	this: YandexContext,
	req: {
		businessId: string;
		chatId: string;
		file: Buffer;
		fileName: string;
		mimeType: string;
		itemIndex?: number;
		maxRateLimitWaitMs?: number;
	},
): Promise<IDataObject> {
	const boundary = `----n8nYandexMarket${randomBytes(12).toString('hex')}`;
	const head = Buffer.from(
		`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoteFileName(req.fileName)}"\r\n` +
			`Content-Type: ${req.mimeType || 'application/octet-stream'}\r\n\r\n`,
		'utf8',
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
	const raw = await call.call(this, {
		method: 'POST',
		path: businessPath(req.businessId, 'sendFileToChat'),
		qs: { chatId: req.chatId },
		body: Buffer.concat([head, req.file, tail]),
		headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
		idempotent: false,
		itemIndex: req.itemIndex,
		maxRateLimitWaitMs: req.maxRateLimitWaitMs,
		label: 'sendFileToChat',
	});
	return (parseSuccess(raw).result as IDataObject | undefined) ?? {};
}

/** GET /v2/campaigns: the stores of the key's cabinet, used to discover business IDs. No `status` wrapper here. */
export async function yandexGetCampaigns(
	this: YandexContext,
	req: { pageToken?: string; limit?: number } = {},
): Promise<{ campaigns: IDataObject[]; nextPageToken?: string }> {
	const raw = await call.call(this, {
		method: 'GET',
		path: '/v2/campaigns',
		qs: stringQs({ limit: req.limit ?? LIMITS.campaignsPageMax, pageToken: req.pageToken }),
		idempotent: true,
		label: 'getCampaigns',
	});
	const parsed = parseSuccess(raw);
	return {
		campaigns: (parsed.campaigns as IDataObject[] | undefined) ?? [],
		nextPageToken:
			((parsed.paging as IDataObject | undefined)?.nextPageToken as string | undefined) ||
			undefined,
	};
}

/**
 * Downloads an attachment. The key is sent only when the file lives on the API host itself: attachment links may
 * point at a storage host, which must never see the seller's API key.
 */
export async function downloadAttachment(
	this: YandexContext,
	url: string,
	itemIndex?: number,
): Promise<Buffer> {
	const baseUrl = await getBaseUrl.call(this);
	const sameHost = new URL(url, baseUrl).origin === new URL(baseUrl).origin;
	const options: IHttpRequestOptions = {
		method: 'GET',
		url: new URL(url, baseUrl).toString(),
		encoding: 'arraybuffer',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		headers: { 'X-Market-Integration': INTEGRATION_HEADER_VALUE },
	};
	const spec: CallSpec = {
		method: 'GET',
		path: url,
		idempotent: true,
		itemIndex,
		label: 'attachment download',
	};
	let response: RawResponse;
	try {
		response = (
			sameHost
				? await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, options)
				: await this.helpers.httpRequest(options)
		) as RawResponse;
	} catch (error) {
		throw toYandexApiError(this, networkFacts(error), spec);
	}
	if (response.statusCode >= 400) throw toYandexApiError(this, responseFacts(response), spec);
	const data = response.body;
	return Buffer.isBuffer(data) ? data : Buffer.from((data ?? '') as string);
}
