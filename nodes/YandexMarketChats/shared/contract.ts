/**
 * The Yandex Market chat contract: the one place that knows Yandex's enums, limits, DTO shapes, the push
 * notification format and the answer Yandex expects. The action node, the trigger and the sandbox import it.
 * Sources: the official OpenAPI spec (spec/yandex-market-chats.openapi.json) and Yandex's notification docs.
 */
import type { IDataObject } from 'n8n-workflow';
import { version as PACKAGE_VERSION } from '../../../package.json';

export { PACKAGE_VERSION };
export const PACKAGE_NAME = 'n8n-nodes-yandex-market';
export const CREDENTIAL_NAME = 'yandexMarketApi';

/** Sent on every API call so our requests are labelled in the cabinet's request log (≤100 ASCII chars). */
export const INTEGRATION_HEADER_VALUE = `${PACKAGE_NAME}/${PACKAGE_VERSION}`;

export const BASE_URLS = {
	production: 'https://api.partner.market.yandex.ru',
	// Market Yandex Go (Uzbekistan) sellers use the .net host; chat methods are allowed for them.
	yandexGo: 'https://api.partner.market.yandex.net',
} as const;

// ---------- enums (may grow: unknown values are passed through, never rejected) ----------
export const CHAT_TYPES = ['CHAT', 'ARBITRAGE'] as const;
export const CHAT_STATUSES = [
	'NEW',
	'WAITING_FOR_CUSTOMER',
	'WAITING_FOR_PARTNER',
	'WAITING_FOR_ARBITER',
	'WAITING_FOR_MARKET',
	'FINISHED',
] as const;
export const CHAT_CONTEXT_TYPES = ['ORDER', 'RETURN', 'DIRECT'] as const;
/** Contexts a seller can name when creating or filtering chats; DIRECT chats are opened by buyers only. */
export const CHAT_IDENTIFIABLE_CONTEXT_TYPES = ['ORDER', 'RETURN'] as const;
export const MESSAGE_SENDERS = ['PARTNER', 'CUSTOMER', 'MARKET', 'SUPPORT'] as const;

export type ChatType = (typeof CHAT_TYPES)[number];
export type ChatStatus = (typeof CHAT_STATUSES)[number];
export type ChatContextType = (typeof CHAT_CONTEXT_TYPES)[number];
export type ChatIdentifiableContextType = (typeof CHAT_IDENTIFIABLE_CONTEXT_TYPES)[number];
export type MessageSender = (typeof MESSAGE_SENDERS)[number];

// ---------- limits ----------
export const LIMITS = {
	messageMinLength: 1,
	messageMaxLength: 4096,
	/** sendFileToChat: the method's own limit (the generic 512 KB body limit does not apply to it). */
	fileMaxBytes: 5 * 1024 * 1024,
	chatsPageMax: 20,
	historyPageMax: 100,
	campaignsPageMax: 100,
	/** Yandex counts at most 4 concurrent requests per business (older docs said 2 per login). */
	parallelRequests: 4,
	/** Server-side timeout; a longer client timeout only produces 499s. */
	serverTimeoutMs: 10_000,
} as const;

/** Per-hour quotas per method (x-resource-limit-config, identical for every tariff). */
export const HOURLY_QUOTAS = {
	getChats: 5000,
	getChat: 1000,
	getChatHistory: 10000,
	getChatMessage: 1000,
	sendMessageToChat: 1000,
	createChat: 1000,
	sendFileToChat: 1000,
	getCampaigns: 1000,
	getAuthTokenInfo: 100,
} as const;
export type OperationId = keyof typeof HOURLY_QUOTAS;

/** Scopes accepted per chat method (x-auth-scopes), as names returned by POST /v2/auth/token. */
export const READ_SCOPES = ['COMMUNICATION', 'ALL_METHODS', 'ALL_METHODS_READ_ONLY'] as const;
export const WRITE_SCOPES = ['COMMUNICATION', 'ALL_METHODS'] as const;

// ---------- endpoints ----------
/** Every chat method lives under the cabinet (business); chatId and messageId always travel as query parameters. */
export const ENDPOINTS = {
	getChats: { method: 'POST', path: '/chats' },
	// Singular "/chat": the only chat path without the plural.
	getChat: { method: 'GET', path: '/chat' },
	getChatHistory: { method: 'POST', path: '/chats/history' },
	getChatMessage: { method: 'GET', path: '/chats/message' },
	sendMessageToChat: { method: 'POST', path: '/chats/message' },
	createChat: { method: 'POST', path: '/chats/new' },
	sendFileToChat: { method: 'POST', path: '/chats/file/send' },
} as const;
export type ChatEndpoint = keyof typeof ENDPOINTS;

export function businessPath(businessId: string, endpoint: ChatEndpoint): string {
	return `/v2/businesses/${encodeURIComponent(businessId)}${ENDPOINTS[endpoint].path}`;
}

/** Write methods that post something the buyer sees: never repeated after an ambiguous failure. */
export const NON_IDEMPOTENT: ReadonlySet<ChatEndpoint> = new Set([
	'sendMessageToChat',
	'sendFileToChat',
]);

// ---------- DTOs (IDs are strings: see normalizeIds) ----------
export interface ChatCustomer {
	name?: string;
	publicId?: string;
}
export interface ChatFullContext {
	type: ChatContextType | string;
	customer?: ChatCustomer;
	campaignId?: string;
	orderId?: string;
	returnId?: string;
}
export interface Chat {
	chatId: string;
	context: ChatFullContext;
	type: ChatType | string;
	status: ChatStatus | string;
	createdAt: string;
	updatedAt: string;
}
export interface ChatMessagePayload {
	name: string;
	url: string;
	size: number;
}
export interface ChatMessage {
	messageId: string;
	createdAt: string;
	sender: MessageSender | string;
	message?: string;
	payload?: ChatMessagePayload[] | null;
}
export interface Paging {
	nextPageToken?: string;
}
export interface ApiError {
	code: string;
	message?: string;
}

// ---------- int64-safe JSON ----------
// `IdFrom$`: getChatHistory's messageIdFrom is an int64 too and must reach Yandex as a bare JSON integer.
const ID_KEY = /(^id$|Id$|Ids$|IdFrom$)/;

/** True for keys that hold Yandex int64 identifiers (id, chatId, orderIds, messageIdFrom, ...). */
export function isIdKey(key: string): boolean {
	return ID_KEY.test(key);
}

/**
 * JSON.parse that keeps integers beyond Number.MAX_SAFE_INTEGER exact by turning them into strings.
 * Yandex IDs are int64; JSON.parse would silently round 9007199254740993 to ...992.
 */
export function parseJsonKeepingBigInts(text: string): unknown {
	let out = '';
	let i = 0;
	const n = text.length;
	while (i < n) {
		const c = text[i];
		if (c === '"') {
			let j = i + 1;
			while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
			out += text.slice(i, j + 1);
			i = j + 1;
		} else if (c === '-' || (c >= '0' && c <= '9')) {
			let j = i + 1;
			while (j < n && /[0-9eE.+-]/.test(text[j])) j++;
			const literal = text.slice(i, j);
			const isInteger = /^-?\d+$/.test(literal);
			out += isInteger && !Number.isSafeInteger(Number(literal)) ? `"${literal}"` : literal;
			i = j;
		} else {
			out += c;
			i++;
		}
	}
	return JSON.parse(out);
}

/** Returns a copy in which every ID field (see isIdKey) that holds a number is a decimal string. */
export function normalizeIds<T>(value: T): T {
	if (Array.isArray(value)) return value.map((v) => normalizeIds(v)) as unknown as T;
	if (value === null || typeof value !== 'object') return value;
	const result: IDataObject = {};
	for (const [key, v] of Object.entries(value as IDataObject)) {
		if (isIdKey(key) && typeof v === 'number') result[key] = String(v);
		else if (isIdKey(key) && Array.isArray(v))
			result[key] = v.map((x) => (typeof x === 'number' ? String(x) : normalizeIds(x)));
		else result[key] = normalizeIds(v) as IDataObject[keyof IDataObject];
	}
	return result as T;
}

/**
 * JSON.stringify that writes ID fields holding decimal strings as bare JSON integers, so an ID above 2^53 reaches
 * Yandex exactly. Only digit strings under ID keys are touched.
 */
export function stringifyWithInt64(value: unknown): string {
	const marker = '\u0000int64:';
	const mark = (v: unknown) => (typeof v === 'string' && /^\d+$/.test(v) ? `${marker}${v}` : v);
	const json = JSON.stringify(value, (key, v: unknown) => {
		if (!isIdKey(key)) return v;
		return Array.isArray(v) ? v.map(mark) : mark(v);
	});
	return json.replace(/"\\u0000int64:(\d+)"/g, '$1');
}

/** A decimal ID ≥ 1, as Yandex's int64 IDs are; returns the trimmed string or undefined when invalid. */
export function normalizeIdInput(value: unknown): string | undefined {
	const s =
		typeof value === 'number'
			? Number.isSafeInteger(value)
				? String(value)
				: ''
			: String(value ?? '');
	const trimmed = s.trim();
	if (!/^\d{1,19}$/.test(trimmed) || /^0+$/.test(trimmed)) return undefined;
	if (BigInt(trimmed) > BigInt('9223372036854775807')) return undefined;
	return trimmed.replace(/^0+/, '');
}

// ---------- push notifications ----------
export const CHAT_NOTIFICATION_TYPES = [
	'CHAT_CREATED',
	'CHAT_MESSAGE_SENT',
	'CHAT_ARBITRAGE_STARTED',
	'CHAT_ARBITRAGE_FINISHED',
] as const;
export type ChatNotificationType = (typeof CHAT_NOTIFICATION_TYPES)[number];

/** Required fields per chat notification type, with the name of its time field. */
export const CHAT_NOTIFICATION_FIELDS: Record<
	ChatNotificationType,
	{ timeField: string; messageId: boolean }
> = {
	CHAT_CREATED: { timeField: 'createdAt', messageId: false },
	CHAT_MESSAGE_SENT: { timeField: 'sentAt', messageId: true },
	CHAT_ARBITRAGE_STARTED: { timeField: 'startedAt', messageId: false },
	CHAT_ARBITRAGE_FINISHED: { timeField: 'finishedAt', messageId: false },
};

/** Yandex's documented sender ranges for notifications (no signature exists: the source IP is the only check). */
export const YANDEX_NOTIFICATION_CIDRS = [
	'5.45.207.0/25',
	'141.8.142.0/25',
	'5.255.253.0/25',
] as const;

/** Deadlines Yandex gives our endpoint before it counts a delivery as failed. */
export const NOTIFICATION_TIMEOUTS_MS = { PING: 1000, other: 10_000 } as const;

export interface ChatNotification {
	notificationType: ChatNotificationType;
	businessId: string;
	chatId: string;
	/** Only for CHAT_MESSAGE_SENT. Yandex documents it as a string there (int64 elsewhere): kept as a string. */
	messageId?: string;
	/** The event time (createdAt / sentAt / startedAt / finishedAt, whichever the type carries). */
	eventTime: string;
	raw: IDataObject;
}

export type ParsedNotification =
	| { kind: 'ping'; time?: string; raw: IDataObject }
	| { kind: 'chat'; event: ChatNotification }
	| { kind: 'other'; notificationType: string; raw: IDataObject }
	| { kind: 'invalid'; problem: string };

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

function idField(body: IDataObject, field: string, problems: string[]): string | undefined {
	const v = body[field];
	if (v === undefined || v === null) {
		problems.push(`"${field}" is required`);
		return undefined;
	}
	// Numbers and numeric strings are both accepted for every ID (Yandex documents messageId as a string and the
	// other IDs as integers): a stricter check would risk refusing, and so losing, a real event.
	const id = typeof v === 'number' || typeof v === 'string' ? normalizeIdInput(v) : undefined;
	if (id) return id;
	problems.push(`"${field}" must be a positive integer ID, got ${JSON.stringify(v)}`);
	return undefined;
}

/**
 * Classifies and validates a notification body (already parsed with parseJsonKeepingBigInts). Chat events are
 * checked for their required fields and types; PING and other types are only checked for a notificationType.
 */
export function parseNotification(body: unknown): ParsedNotification {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		return { kind: 'invalid', problem: 'the body must be a JSON object' };
	}
	const raw = body as IDataObject;
	const type = raw.notificationType;
	if (type === undefined || type === null || type === '') {
		return { kind: 'invalid', problem: '"notificationType" is required' };
	}
	if (typeof type !== 'string') {
		return { kind: 'invalid', problem: '"notificationType" must be a string' };
	}
	if (type === 'PING') {
		return { kind: 'ping', time: typeof raw.time === 'string' ? raw.time : undefined, raw };
	}
	if (!(CHAT_NOTIFICATION_TYPES as readonly string[]).includes(type)) {
		return { kind: 'other', notificationType: type, raw };
	}
	const chatType = type as ChatNotificationType;
	const spec = CHAT_NOTIFICATION_FIELDS[chatType];
	const problems: string[] = [];
	const businessId = idField(raw, 'businessId', problems);
	const chatId = idField(raw, 'chatId', problems);
	const messageId = spec.messageId ? idField(raw, 'messageId', problems) : undefined;
	const time = raw[spec.timeField];
	if (time === undefined || time === null) problems.push(`"${spec.timeField}" is required`);
	else if (typeof time !== 'string' || !DATE_TIME.test(time))
		problems.push(`"${spec.timeField}" must be an ISO 8601 date-time, got ${JSON.stringify(time)}`);
	if (problems.length > 0) {
		return { kind: 'invalid', problem: `${chatType}: ${problems.join('; ')}` };
	}
	return {
		kind: 'chat',
		event: {
			notificationType: chatType,
			businessId: businessId as string,
			chatId: chatId as string,
			...(messageId ? { messageId } : {}),
			eventTime: time as string,
			raw: normalizeIds(raw),
		},
	};
}

/** The key duplicates share: Yandex may deliver the same event several times. */
export function notificationDedupKey(event: ChatNotification): string {
	return [
		event.notificationType,
		event.businessId,
		event.chatId,
		event.messageId ?? '',
		event.eventTime,
	].join('|');
}

/** The body Yandex requires in a 200 answer (version, name and time are all mandatory). */
export function notificationAnswer(now: Date = new Date()): {
	version: string;
	name: string;
	time: string;
} {
	return { version: PACKAGE_VERSION, name: PACKAGE_NAME, time: now.toISOString() };
}

export type NotificationErrorType = 'UNKNOWN' | 'WRONG_EVENT_FORMAT' | 'DUPLICATED_EVENT';

/** Error body: 400 (Yandex never retries) or 500 (Yandex retries for up to 14 days). */
export function notificationError(type: NotificationErrorType, message: string) {
	return { error: { type, message } };
}
