import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { LIMITS, normalizeIdInput } from '../shared/contract';
import { yandexApiRequest, yandexGetCampaigns } from '../transport';

/** A cabinet with thousands of stores is unlikely; the cap keeps a misbehaving cursor from looping. */
const MAX_CAMPAIGN_PAGES = 100;
/** While a search text filters pages down to nothing, read a few more pages before handing back a token. */
const MAX_CHAT_PAGES_PER_SEARCH = 5;

function matches(filter: string | undefined, ...texts: Array<string | undefined>): boolean {
	const needle = (filter ?? '').trim().toLowerCase();
	return needle === '' || texts.some((t) => (t ?? '').toLowerCase().includes(needle));
}

/**
 * Businesses (cabinets) of the API key. Yandex has no "list businesses" method: they are collected from all
 * campaigns (stores) of GET /v2/campaigns, deduplicated by business.id.
 */
export async function searchBusinesses(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const businesses = new Map<string, { name: string; stores: string[] }>();
	const seenTokens = new Set<string>();
	let pageToken: string | undefined;
	for (let page = 0; page < MAX_CAMPAIGN_PAGES; page++) {
		const { campaigns, nextPageToken } = await yandexGetCampaigns.call(this, {
			pageToken,
			limit: LIMITS.campaignsPageMax,
		});
		for (const campaign of campaigns) {
			const business = (campaign.business ?? {}) as IDataObject;
			const id = business.id === undefined ? undefined : String(business.id);
			if (!id) continue;
			const entry = businesses.get(id) ?? { name: String(business.name ?? ''), stores: [] };
			if (campaign.domain) entry.stores.push(String(campaign.domain));
			businesses.set(id, entry);
		}
		if (!nextPageToken || campaigns.length === 0 || seenTokens.has(nextPageToken)) break;
		seenTokens.add(nextPageToken);
		pageToken = nextPageToken;
	}
	const results: INodeListSearchItems[] = [];
	for (const [id, { name, stores }] of businesses) {
		if (!matches(filter, id, name, ...stores)) continue;
		results.push({ name: name ? `${name} (${id})` : id, value: id });
	}
	results.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

const STATUS_LABELS: Record<string, string> = {
	FINISHED: 'finished',
	NEW: 'new',
	WAITING_FOR_ARBITER: 'waiting for arbiter',
	WAITING_FOR_CUSTOMER: 'waiting for buyer',
	WAITING_FOR_MARKET: 'waiting for Market',
	WAITING_FOR_PARTNER: 'needs your answer',
};

export function chatLabel(chat: IDataObject): string {
	const context = (chat.context ?? {}) as IDataObject;
	const customer = (context.customer ?? {}) as IDataObject;
	let subject: string;
	if (context.type === 'RETURN')
		subject = `Return ${context.returnId ?? '?'}${context.orderId ? ` (order ${context.orderId})` : ''}`;
	else if (context.type === 'ORDER') subject = `Order ${context.orderId ?? '?'}`;
	else if (context.type === 'DIRECT') subject = 'Direct';
	else subject = String(context.type ?? 'Chat');
	const parts = [subject];
	if (chat.type === 'ARBITRAGE') parts.push('dispute');
	parts.push(STATUS_LABELS[String(chat.status)] ?? String(chat.status ?? ''));
	if (customer.name) parts.push(String(customer.name));
	return `${parts.filter((p) => p).join(' · ')} — chat ${chat.chatId}`;
}

/**
 * One page of chats per call (n8n asks for the next with paginationToken = Yandex's nextPageToken). Yandex has no text
 * search, so the search text filters each page client-side over the label (order/return number, status, buyer, ID).
 */
export async function searchChats(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const raw = this.getCurrentNodeParameter('businessId', { extractValue: true });
	const businessId = normalizeIdInput(raw);
	if (businessId === undefined) {
		throw new NodeOperationError(
			this.getNode(),
			'Choose a Business first: the chat list depends on it',
			{
				description: `Business ID must be a positive integer ID, got ${raw === '' || raw === undefined ? 'nothing' : JSON.stringify(raw)}`,
			},
		);
	}
	const results: INodeListSearchItems[] = [];
	let token = paginationToken || undefined;
	for (let page = 0; page < MAX_CHAT_PAGES_PER_SEARCH; page++) {
		const result = await yandexApiRequest.call(this, {
			endpoint: 'getChats',
			businessId,
			qs: { limit: LIMITS.chatsPageMax, ...(token ? { pageToken: token } : {}) },
			body: {},
		});
		const chats = (result.chats as IDataObject[] | undefined) ?? [];
		for (const chat of chats) {
			const name = chatLabel(chat);
			if (matches(filter, name)) results.push({ name, value: String(chat.chatId) });
		}
		const next = (result.paging as IDataObject | undefined)?.nextPageToken as string | undefined;
		token = next && next !== token && chats.length > 0 ? next : undefined;
		if (!token || results.length > 0) break;
	}
	return { results, ...(token ? { paginationToken: token } : {}) };
}
