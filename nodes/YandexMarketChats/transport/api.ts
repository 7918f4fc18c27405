/**
 * The calls to Yandex's API methods: one method with its `result` (IDs as strings), one page of a list, a whole
 * list up to a limit, a file upload, the cabinet's campaigns, and attachment downloads. Each call is described by
 * the ApiMethod the operation declares (path, HTTP method, whether it may be repeated, the wording of errors).
 */
import type { IDataObject } from 'n8n-workflow';
import { randomBytes } from 'crypto';
import { COMMUNICATION_LIMITS } from '../shared/communication';
import { LIMITS, businessPath } from '../shared/contract';
import type { ApiMethod } from '../shared/contract';
import { stringifyWithInt64 } from '../shared/int64';
import type { YandexContext } from './context';
import { decodeBody } from './errors';
import type { RawResponse } from './errors';
import { cursorPages, nextPageToken } from './pagination';
import type { CursorOptions, CursorPage } from './pagination';
import { getBaseUrl, sendRequest } from './request';

export interface MethodRequest {
	apiMethod: ApiMethod;
	businessId: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/** How long a 420 may be waited out before the call fails with the reset time. */
	maxRateLimitWaitMs?: number;
}

/** The list field of each list method's result, and the largest page Yandex serves of it. */
const PAGE_MAX = {
	chats: LIMITS.chatsPageMax,
	messages: LIMITS.historyPageMax,
	feedbacks: COMMUNICATION_LIMITS.pageMax,
	comments: COMMUNICATION_LIMITS.pageMax,
	questions: COMMUNICATION_LIMITS.pageMax,
	answers: COMMUNICATION_LIMITS.pageMax,
} as const;
export type ListKey = keyof typeof PAGE_MAX;
export type PageRequest = MethodRequest & {
	itemsKey: ListKey;
	pageSize: number;
	pageToken?: string;
};
export type ListRequest = MethodRequest & { itemsKey: ListKey; limit?: number };

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

/** Calls one method and returns its `result` (IDs as strings); `{}` for methods that return only a status. */
export async function callMethod(this: YandexContext, req: MethodRequest): Promise<IDataObject> {
	const { httpMethod } = req.apiMethod;
	// The POST list methods require a body even without filters.
	const body = httpMethod === 'POST' ? stringifyWithInt64(req.body ?? {}) : undefined;
	const raw = await sendRequest.call(this, {
		method: httpMethod,
		url: businessPath(req.businessId, req.apiMethod),
		qs: stringQs(req.qs),
		body,
		idempotent: req.apiMethod.repeatable,
		checkFirst: req.apiMethod.checkFirst,
		itemIndex: req.itemIndex,
		maxRateLimitWaitMs: req.maxRateLimitWaitMs,
		doing: req.apiMethod.doing,
	});
	return resultOf(raw);
}

/** One page of a list method, with the rest of the result (the history's chat context, questions' totalCount). */
export async function callMethodPage(this: YandexContext, req: PageRequest): Promise<CursorPage> {
	const result = await callMethod.call(this, {
		...req,
		qs: { ...req.qs, limit: req.pageSize, ...(req.pageToken ? { pageToken: req.pageToken } : {}) },
	});
	const items = (result[req.itemsKey] as IDataObject[] | undefined) ?? [];
	const rest = { ...result };
	delete rest[req.itemsKey];
	delete rest.paging;
	return { items, nextPageToken: nextPageToken(result), result: rest };
}

/** The pages of a list method at a fixed page size, walked with cursorPages (pagination.ts). */
export function methodPages(
	this: YandexContext,
	req: MethodRequest & { itemsKey: ListKey; pageSize: number },
	options: CursorOptions,
): AsyncGenerator<CursorPage> {
	return cursorPages.call(
		this,
		async (pageToken) => await callMethodPage.call(this, { ...req, pageToken }),
		options,
	);
}

/**
 * Return All / Limit: follows the cursor and stops once `limit` items are in. Pages are the API's maximum size, or
 * the limit when that is smaller (a Limit of 5 asks for 5 messages, not for a page of 100).
 */
export async function callMethodAllItems(
	this: YandexContext,
	req: ListRequest,
): Promise<{ items: IDataObject[]; result: IDataObject }> {
	const pageMax = PAGE_MAX[req.itemsKey];
	const pageSize = req.limit === undefined ? pageMax : Math.max(1, Math.min(pageMax, req.limit));
	const items: IDataObject[] = [];
	let result: IDataObject = {};
	const pages = methodPages.call(
		this,
		{ ...req, pageSize },
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

export interface FileUpload {
	apiMethod: ApiMethod;
	businessId: string;
	chatId: string;
	file: Buffer;
	fileName: string;
	mimeType: string;
	itemIndex?: number;
	maxRateLimitWaitMs?: number;
}

/** sendFileToChat: a multipart body built by hand, because the package may not ship a form-data dependency. */
export async function uploadFile(this: YandexContext, req: FileUpload): Promise<IDataObject> {
	const boundary = `----n8nYandexMarket${randomBytes(12).toString('hex')}`;
	const head = Buffer.from(
		`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoteFileName(req.fileName)}"\r\n` +
			`Content-Type: ${req.mimeType || 'application/octet-stream'}\r\n\r\n`,
		'utf8',
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
	const raw = await sendRequest.call(this, {
		method: req.apiMethod.httpMethod,
		url: businessPath(req.businessId, req.apiMethod),
		qs: { chatId: req.chatId },
		body: Buffer.concat([head, req.file, tail]),
		headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
		idempotent: req.apiMethod.repeatable,
		itemIndex: req.itemIndex,
		maxRateLimitWaitMs: req.maxRateLimitWaitMs,
		doing: req.apiMethod.doing,
	});
	return resultOf(raw);
}

/** GET /v2/campaigns: the stores of the key's cabinet, used to discover business IDs. No `result` wrapper here. */
export async function yandexGetCampaigns(
	this: YandexContext,
	req: { pageToken?: string; limit?: number } = {},
): Promise<CursorPage> {
	const raw = await sendRequest.call(this, {
		method: 'GET',
		url: '/v2/campaigns',
		qs: stringQs({ limit: req.limit ?? LIMITS.campaignsPageMax, pageToken: req.pageToken }),
		idempotent: true,
		doing: "listing the cabinet's businesses",
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
	const raw = await sendRequest.call(this, {
		method: 'GET',
		url: absolute.toString(),
		authenticate: absolute.origin === new URL(baseUrl).origin,
		accept: '*/*',
		idempotent: true,
		itemIndex,
		doing: 'downloading an attachment',
	});
	const data = raw.body;
	return Buffer.isBuffer(data) ? data : Buffer.from((data ?? '') as string);
}
