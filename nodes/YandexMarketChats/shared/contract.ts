/**
 * The Yandex Market chat contract: the package's identity towards Yandex, the API hosts, enums, limits, quotas,
 * scopes, the shape of an API method and the shapes of what the chat methods return. The action node, both triggers and the sandbox
 * import it; int64-safe JSON lives in ./int64 and the push notifications in ./notifications.
 * The methods themselves (path, quota, ...) are declared by the operations that call them (see ApiMethod).
 * Source: the official OpenAPI spec (spec/yandex-market-chats.openapi.json); a test keeps the quotas and scopes
 * equal to the spec's.
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

/**
 * One Yandex API method, as an operation file declares the method it calls (actions/<resource>/<op>.operation.ts):
 * the operation is the one place that knows it. Facts from the official spec; spec/ tests keep them equal.
 */
export interface ApiMethod {
	/** The spec's operationId; the sandbox and the spec tests find the method by it. */
	readonly operationId: string;
	readonly httpMethod: 'GET' | 'POST';
	/**
	 * The API version of the path: the chat and review methods live under /v2/, the question methods only under /v1/
	 * (there is no /v2/ question path). Default v2.
	 */
	readonly apiVersion?: 'v1' | 'v2';
	/** The path under /<apiVersion>/businesses/{businessId}; chatId and messageId always travel as query parameters. */
	readonly path: string;
	/**
	 * Calls per hour per business (x-resource-limit-config) on the lower tariff (`none`). The chat methods have one
	 * quota for every tariff; the review and question methods allow more on the `medium` tariff
	 * (hourlyQuotaMedium). The package cannot see a cabinet's tariff, so it plans with the lower numbers.
	 */
	readonly hourlyQuota: number;
	/** The `medium` tariff's hourly quota, where it differs from hourlyQuota. */
	readonly hourlyQuotaMedium?: number;
	/** What the seller was doing, for errors: "Yandex Market answered HTTP 500 when listing chats". */
	readonly doing: string;
	/**
	 * Whether the call may be repeated after an ambiguous failure (a timeout, a 5xx). false for methods that post
	 * something the buyer sees: a repeated send would post it twice.
	 */
	readonly repeatable: boolean;
	/**
	 * For writes that are not repeated: where the seller checks whether an ambiguous one went through ("the review's
	 * comments in the seller cabinet"); the chat history when not set.
	 */
	readonly checkFirst?: string;
}

/** Hourly quotas of the methods no operation calls: the editor's business list and the sandbox's key check. */
export const OTHER_HOURLY_QUOTAS = {
	getCampaigns: 1000,
	getAuthTokenInfo: 100,
} as const;

/** Scopes accepted per chat method (x-auth-scopes), as names returned by POST /v2/auth/token. */
export const READ_SCOPES = ['COMMUNICATION', 'ALL_METHODS', 'ALL_METHODS_READ_ONLY'] as const;
export const WRITE_SCOPES = ['COMMUNICATION', 'ALL_METHODS'] as const;

/** Every method the package calls lives under the cabinet (business), under /v2/ or (questions) /v1/. */
export function businessPath(
	businessId: string,
	method: Pick<ApiMethod, 'path' | 'apiVersion'>,
): string {
	return `/${method.apiVersion ?? 'v2'}/businesses/${encodeURIComponent(businessId)}${method.path}`;
}

/** The spec's path template of a method, e.g. /v1/businesses/{businessId}/goods-questions. */
export function businessPathTemplate(method: Pick<ApiMethod, 'path' | 'apiVersion'>): string {
	return `/${method.apiVersion ?? 'v2'}/businesses/{businessId}${method.path}`;
}

// ---------- what the chat methods return (IDs are strings: see ./int64) ----------
// They extend IDataObject because they travel as n8n item JSON, unknown fields included.
export interface ChatCustomer extends IDataObject {
	name?: string;
	publicId?: string;
}
export interface ChatFullContext extends IDataObject {
	type: ChatContextType | string;
	customer?: ChatCustomer;
	campaignId?: string;
	orderId?: string;
	returnId?: string;
}
export interface Chat extends IDataObject {
	chatId: string;
	context: ChatFullContext;
	type: ChatType | string;
	status: ChatStatus | string;
	createdAt: string;
	updatedAt: string;
}
export interface ChatMessagePayload extends IDataObject {
	name: string;
	url: string;
	size: number;
}
export interface ChatMessage extends IDataObject {
	messageId: string;
	createdAt: string;
	sender: MessageSender | string;
	message?: string;
	payload?: ChatMessagePayload[] | null;
}
export interface Paging extends IDataObject {
	nextPageToken?: string;
}
export interface ApiError extends IDataObject {
	code: string;
	message?: string;
}
