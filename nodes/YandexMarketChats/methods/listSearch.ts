import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { chatLabel } from '../helpers/format';
import { LIMITS } from '../shared/contract';
import type { Chat } from '../shared/contract';
import { invalidIdMessage, normalizeIdInput } from '../shared/int64';
import { chatPages } from '../actions/chat/pages';
import { yandexGetCampaigns } from '../transport';
import { cursorPages } from '../transport/pagination';

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
	const pages = cursorPages.call(
		this,
		async (pageToken) =>
			await yandexGetCampaigns.call(this, { pageToken, limit: LIMITS.campaignsPageMax }),
		{ maxPages: MAX_CAMPAIGN_PAGES, what: 'campaigns', onRepeatedToken: 'stop' },
	);
	for await (const { items: campaigns } of pages) {
		for (const campaign of campaigns) {
			const business = (campaign.business ?? {}) as IDataObject;
			const id = business.id === undefined ? undefined : String(business.id);
			if (!id) continue;
			const entry = businesses.get(id) ?? { name: String(business.name ?? ''), stores: [] };
			if (campaign.domain) entry.stores.push(String(campaign.domain));
			businesses.set(id, entry);
		}
	}
	const results: INodeListSearchItems[] = [];
	for (const [id, { name, stores }] of businesses) {
		if (!matches(filter, id, name, ...stores)) continue;
		results.push({ name: name ? `${name} (${id})` : id, value: id });
	}
	results.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
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
			{ description: invalidIdMessage('Business ID', raw) },
		);
	}
	const results: INodeListSearchItems[] = [];
	let next: string | undefined;
	const pages = chatPages.call(
		this,
		{ businessId },
		{
			startToken: paginationToken,
			maxPages: MAX_CHAT_PAGES_PER_SEARCH,
			what: 'chats',
			onRepeatedToken: 'stop',
		},
	);
	let current = paginationToken || undefined;
	for await (const page of pages) {
		for (const chat of page.items) {
			const name = chatLabel(chat as Chat);
			if (matches(filter, name)) results.push({ name, value: String(chat.chatId) });
		}
		// A token that points back at the page just read would make the editor's "load more" repeat it forever.
		next = page.items.length > 0 && page.nextPageToken !== current ? page.nextPageToken : undefined;
		current = next;
		if (results.length > 0 || !next) break;
	}
	return { results, ...(next ? { paginationToken: next } : {}) };
}
