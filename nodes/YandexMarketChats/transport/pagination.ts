import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { Paging } from '../shared/contract';
import type { YandexContext } from './context';

export interface CursorPage {
	items: IDataObject[];
	nextPageToken?: string;
	/** The rest of the list result (getChatHistory's chat context). */
	result?: IDataObject;
}

export interface CursorOptions {
	/** Continue a walk where an earlier one stopped (the editor's "load more" in lists). */
	startToken?: string;
	/** Stop after this many pages even if Yandex has more; the last page still tells the next token. */
	maxPages?: number;
	/** What is listed, for the error text: "chats", "messages", "campaigns". */
	what: string;
	/**
	 * A token seen twice would loop forever: 'error' (default) fails the call, 'stop' ends the walk quietly (the
	 * editor's lists show what they have instead of an error).
	 */
	onRepeatedToken?: 'error' | 'stop';
	itemIndex?: number;
}

/** The next-page token of a Yandex list result (`paging.nextPageToken`), if there is a next page. */
export function nextPageToken(result: IDataObject): string | undefined {
	const token = (result.paging as Paging | undefined)?.nextPageToken;
	return typeof token === 'string' && token !== '' ? token : undefined;
}

/**
 * Walks Yandex's forward-only cursor (`pageToken` → `paging.nextPageToken`), one page per iteration. It ends after a
 * page without a token or without items, after `maxPages`, or at a token seen before (see onRepeatedToken).
 */
export async function* cursorPages(
	this: YandexContext,
	fetchPage: (pageToken: string | undefined) => Promise<CursorPage>,
	options: CursorOptions,
): AsyncGenerator<CursorPage> {
	const seen = new Set<string>();
	let token = options.startToken || undefined;
	if (token) seen.add(token);
	const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;
	for (let page = 0; page < maxPages; page++) {
		const current = await fetchPage(token);
		yield current;
		token = current.nextPageToken;
		if (!token || current.items.length === 0) return;
		if (seen.has(token)) {
			if (options.onRepeatedToken === 'stop') return;
			throw new NodeOperationError(
				this.getNode(),
				`Yandex Market returned the same page token twice while listing ${options.what}; stopped to avoid an endless loop`,
				{ itemIndex: options.itemIndex },
			);
		}
		seen.add(token);
	}
}
