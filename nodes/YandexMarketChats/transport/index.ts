/**
 * The calls the nodes make to Yandex Market. transport/ is the only code that talks HTTP: base URL, auth through
 * n8n's credential system, the integration header, int64-safe parsing, cursor pagination, rate-limit waits, retries,
 * and fresh NodeApiErrors that carry Yandex's own message and never the API key.
 */
import type { IDataObject } from 'n8n-workflow';
import { randomBytes } from 'crypto';
import { ENDPOINTS, LIMITS, NON_IDEMPOTENT, businessPath } from '../shared/contract';
import type { ChatEndpoint } from '../shared/contract';
import { stringifyWithInt64 } from '../shared/int64';
import type { YandexContext } from './context';
import { decodeBody } from './errors';
import type { RawResponse } from './errors';
import { cursorPages, nextPageToken } from './pagination';
import type { CursorPage } from './pagination';
import { call, getBaseUrl } from './request';

export type { YandexContext } from './context';
export { cursorPages } from './pagination';
export type { CursorPage } from './pagination';
export { DEFAULT_RATE_LIMIT_WAIT_MS, RETRY_POLICY, TIMEOUT_POLICY, getBaseUrl } from './request';
export { RequestGate, executionScope, openExecutionScope } from './scope';
export type { ExecutionScope } from './scope';

export interface YandexRequest {
	endpoint: ChatEndpoint;
	businessId: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/** How long a 420 may be waited out before the call fails with the reset time. */
	maxRateLimitWaitMs?: number;
}

function resultOf(raw: RawResponse): IDataObject {
	return (decodeBody(raw.body)?.result as IDataObject | undefined) ?? {};
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
		url: businessPath(req.businessId, req.endpoint),
		qs: stringQs(req.qs),
		body,
		// createChat returns the existing chat for a context, so repeating it is harmless.
		idempotent: !NON_IDEMPOTENT.has(req.endpoint),
		itemIndex: req.itemIndex,
		maxRateLimitWaitMs: req.maxRateLimitWaitMs,
		label: req.endpoint,
	});
	return resultOf(raw);
}

type ListKey = 'chats' | 'messages';

/** One page of getChats or getChatHistory, with the rest of the result (the history's chat context). */
export async function yandexApiRequestPage(
	this: YandexContext,
	req: YandexRequest & { itemsKey: ListKey; pageSize: number; pageToken?: string },
): Promise<CursorPage> {
	const result = await yandexApiRequest.call(this, {
		...req,
		qs: { ...req.qs, limit: req.pageSize, ...(req.pageToken ? { pageToken: req.pageToken } : {}) },
	});
	const items = (result[req.itemsKey] as IDataObject[] | undefined) ?? [];
	const rest = { ...result };
	delete rest[req.itemsKey];
	delete rest.paging;
	return { items, nextPageToken: nextPageToken(result), result: rest };
}

/**
 * Return All / Limit: follows the cursor and stops once `limit` items are in. Pages are the API's maximum size, or
 * the limit when that is smaller (a Limit of 5 asks for 5 messages, not for a page of 100).
 */
export async function yandexApiRequestAllItems(
	this: YandexContext,
	req: YandexRequest & { itemsKey: ListKey; limit?: number },
): Promise<{ items: IDataObject[]; result: IDataObject }> {
	const pageMax = req.itemsKey === 'chats' ? LIMITS.chatsPageMax : LIMITS.historyPageMax;
	const pageSize = req.limit === undefined ? pageMax : Math.max(1, Math.min(pageMax, req.limit));
	const items: IDataObject[] = [];
	let result: IDataObject = {};
	const pages = cursorPages.call(
		this,
		async (pageToken) => await yandexApiRequestPage.call(this, { ...req, pageSize, pageToken }),
		{ what: req.itemsKey, itemIndex: req.itemIndex },
	);
	for await (const page of pages) {
		items.push(...page.items);
		result = page.result ?? {};
		if (req.limit !== undefined && items.length >= req.limit) {
			return { items: items.slice(0, req.limit), result };
		}
	}
	return { items, result };
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
		url: businessPath(req.businessId, 'sendFileToChat'),
		qs: { chatId: req.chatId },
		body: Buffer.concat([head, req.file, tail]),
		headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
		idempotent: false,
		itemIndex: req.itemIndex,
		maxRateLimitWaitMs: req.maxRateLimitWaitMs,
		label: 'sendFileToChat',
	});
	return resultOf(raw);
}

/** GET /v2/campaigns: the stores of the key's cabinet, used to discover business IDs. No `result` wrapper here. */
export async function yandexGetCampaigns(
	this: YandexContext,
	req: { pageToken?: string; limit?: number } = {},
): Promise<CursorPage> {
	const raw = await call.call(this, {
		method: 'GET',
		url: '/v2/campaigns',
		qs: stringQs({ limit: req.limit ?? LIMITS.campaignsPageMax, pageToken: req.pageToken }),
		idempotent: true,
		label: 'getCampaigns',
	});
	const parsed = decodeBody(raw.body) ?? {};
	return {
		items: (parsed.campaigns as IDataObject[] | undefined) ?? [],
		nextPageToken: nextPageToken(parsed),
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
	const absolute = new URL(url, baseUrl);
	const raw = await call.call(this, {
		method: 'GET',
		url: absolute.toString(),
		authenticate: absolute.origin === new URL(baseUrl).origin,
		accept: '*/*',
		idempotent: true,
		itemIndex,
		label: 'attachment download',
	});
	const data = raw.body;
	return Buffer.isBuffer(data) ? data : Buffer.from((data ?? '') as string);
}
