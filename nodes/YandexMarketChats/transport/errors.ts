/**
 * What a failed call tells us (status, Yandex's error list, rate-limit headers, or a network code) and how it becomes
 * a NodeApiError that says what Yandex said and what to do. The error n8n's helper throws carries the request
 * config, headers included (the API key): it is never rethrown or attached, only plain facts are copied out of it.
 */
import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { LIMITS } from '../shared/contract';
import type { ApiError } from '../shared/contract';
import { normalizeIds, parseJsonKeepingBigInts } from '../shared/int64';
import type { YandexContext } from './context';

export interface RawResponse {
	body: Buffer | string | undefined;
	headers: IDataObject;
	statusCode: number;
}

export interface FailureFacts {
	status?: number;
	code?: string;
	headers: IDataObject;
	body?: IDataObject;
	errors: ApiError[];
	/** No answer within the attempt's timeout (as opposed to a refused or dropped connection). */
	timedOut?: boolean;
	/** Requests made for this call and the time they took, for the error text. */
	attempts?: number;
	elapsedMs?: number;
}

/** What the error text needs to know about the call that failed. */
export interface CallLabel {
	/** What the seller was doing, from the ApiMethod: "listing chats", "sending a message". */
	doing: string;
	/** Sends post something the buyer sees: after an ambiguous failure they must not be repeated. */
	idempotent: boolean;
	/** Where the seller looks whether an unrepeated write went through (default: the chat history). */
	checkFirst?: string;
	itemIndex?: number;
}

/** Network failures where the request surely never reached Yandex, so even a send may be repeated. */
export const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
export const NETWORK_CODES = new Set([
	...NOT_SENT_CODES,
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ESOCKETTIMEDOUT',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

/** A response body as an object with IDs as strings; undefined when empty, `{ text }` when it is not JSON. */
export function decodeBody(data: unknown): IDataObject | undefined {
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

export function responseFacts(response: RawResponse): FailureFacts {
	const body = decodeBody(response.body);
	return {
		status: response.statusCode,
		headers: response.headers ?? {},
		body,
		errors: errorList(body),
	};
}

/**
 * A request that got no HTTP answer (HTTP statuses come back as responses, see request.ts). Where the error code
 * lives differs between n8n versions: 2.4x keeps the axios error as `cause`, 2.8 puts the code in `httpCode`.
 */
export function networkFacts(error: unknown): FailureFacts {
	const e = error as {
		cause?: { code?: string; message?: string };
		httpCode?: string | null;
		code?: string;
		message?: string;
		messages?: string[];
	};
	const fromMessages = (e.messages ?? [])
		.map((m) => /\b(E[A-Z_]{3,})\b/.exec(m)?.[1])
		.find((c) => c);
	const httpCode = e.httpCode && !/^\d{3}$/.test(e.httpCode) ? e.httpCode : undefined;
	const code = e.cause?.code ?? e.code ?? httpCode ?? fromMessages ?? 'NETWORK_ERROR';
	// axios reports its own timeout as ECONNABORTED ("timeout of 15000ms exceeded"), the same code as an abort.
	const texts = [e.cause?.message, e.message, ...(e.messages ?? [])].filter(
		(t): t is string => typeof t === 'string',
	);
	const timedOut =
		TIMEOUT_CODES.has(code) || (code === 'ECONNABORTED' && texts.some((t) => /timeout/i.test(t)));
	return { code, headers: {}, errors: [], ...(timedOut ? { timedOut } : {}) };
}

function header(headers: IDataObject, name: string): string | undefined {
	const found = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
	const value = found === undefined ? undefined : headers[found];
	return value === undefined || value === null ? undefined : String(value);
}

/** X-RateLimit-Resource-Until: when the hourly window of the method ends (RFC 822, whole seconds). */
export function resetTime(headers: IDataObject): Date | undefined {
	const until = header(headers, 'X-RateLimit-Resource-Until');
	if (!until) return undefined;
	const at = new Date(until);
	return Number.isNaN(at.getTime()) ? undefined : at;
}

/** 420 "Hit rate limit of N parallel requests" (a slot frees up soon) rather than an hourly quota. */
export function isParallelLimit(facts: FailureFacts): boolean {
	return facts.errors.some((x) => /parallel/i.test(x.message ?? ''));
}

// Hints and messages speak the seller's language: cabinet screens and node fields, never API paths or method names.
const KEY_ACCESS_HINT =
	'in the seller cabinet give the key the "Customer communication" or "Full management" permission (read-only keys cannot send)';

function hintFor(facts: FailureFacts, call: CallLabel): string {
	const s = facts.status;
	if (s === 400)
		return 'Yandex Market rejected the request as invalid: check the field named in the message.';
	if (s === 401)
		return 'The API key is invalid or revoked. Create or copy a key in the seller cabinet (Settings → API and modules) and update the credential.';
	if (s === 403)
		return `The API key has no access to this method or cabinet: ${KEY_ACCESS_HINT}, check that API access is not turned off for the cabinet, and that the Business belongs to this key.`;
	if (s === 404)
		return 'Not found: check the Business (the cabinet, not one of its stores: choose it from the list) and the ID of the chat, message, order, return, review, comment, question or answer.';
	if (s === 420) {
		const at = resetTime(facts.headers);
		return isParallelLimit(facts)
			? `Too many parallel requests for this cabinet (Yandex allows ${LIMITS.parallelRequests}): run fewer workflows against it at the same time.`
			: `The hourly quota of this method is used up${at ? `; it resets at ${at.toISOString()}` : ''}. Raise "Rate Limit Wait" in the node options, or spread the work out.`;
	}
	if (s === 499) return 'The request took too long and was closed. Try again later.';
	const unsure = `${call.checkFirst ? 'It may or may not have gone through' : 'The message may or may not have been delivered'}, so it was not sent again: check ${call.checkFirst ?? 'the chat history'} before sending it once more.`;
	if (s !== undefined && s >= 500) {
		return call.idempotent
			? 'Yandex Market had a problem on its side and did not recover after retries. Try again later.'
			: `Yandex Market had a problem on its side. ${unsure}`;
	}
	if (facts.timedOut) {
		const waited = `${Math.round((facts.elapsedMs ?? 0) / 1000)} s`;
		const attempts = facts.attempts ?? 1;
		return call.idempotent
			? `No answer to ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'} in ${waited} (Yandex itself gives up on a request after ${LIMITS.serverTimeoutMs / 1000} s). Try again later.`
			: `No answer within ${waited}. ${unsure}`;
	}
	if (!call.idempotent && !(facts.code && NOT_SENT_CODES.has(facts.code))) {
		return `The connection failed before Yandex answered. ${unsure}`;
	}
	return "Could not reach Yandex Market. Check the network and the credential's environment, then try again.";
}

/** A fresh NodeApiError from plain facts: Yandex's own messages first, then the codes and a hint. */
export function toYandexApiError(
	this: YandexContext,
	facts: FailureFacts,
	call: CallLabel,
	extra?: string,
): NodeApiError {
	const yandexMessage = facts.errors
		.map((x) => x.message ?? x.code)
		.filter((m) => m)
		.join('; ');
	const { doing } = call;
	const message =
		yandexMessage ||
		(facts.status !== undefined
			? `Yandex Market answered HTTP ${facts.status} when ${doing}`
			: facts.timedOut
				? `Yandex Market did not answer in time when ${doing}`
				: `Could not reach Yandex Market (${facts.code ?? 'network error'}) when ${doing}`);
	const codes = facts.errors.map((x) => x.code).join(', ');
	const description = [codes ? `${codes}.` : '', hintFor(facts, call), extra ?? '']
		.filter((x) => x)
		.join(' ');
	const httpCode = facts.status !== undefined ? String(facts.status) : (facts.code ?? null);
	const fresh = new NodeApiError(this.getNode(), { message, description, httpCode } as JsonObject, {
		message,
		description,
		httpCode: httpCode ?? undefined,
		...(call.itemIndex !== undefined ? { itemIndex: call.itemIndex } : {}),
	});
	// NodeApiError swaps messages that mention network codes for its own generic text; ours names Yandex and the code.
	fresh.message = message;
	// The raw Yandex body stays visible in n8n's error pane; it never contains request headers.
	if (facts.body) fresh.context.data = facts.body;
	return fresh;
}
