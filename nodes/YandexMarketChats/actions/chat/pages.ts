import { LIMITS } from '../../shared/contract';
import type { YandexContext } from '../../transport/context';
import { cursorPages } from '../../transport/pagination';
import type { CursorOptions, CursorPage } from '../../transport/pagination';
import { yandexApiRequestPage } from '../calls';

export interface ChatPagesRequest {
	businessId: string;
	/** Only chats in these statuses; all of them when absent. */
	statuses?: readonly string[];
	maxRateLimitWaitMs?: number;
}

/**
 * The pages of getChats at the largest page size, for the poll trigger's scan and the editor's chat list: the one
 * place that fetches a page of chats outside the Get Many operation.
 */
export function chatPages(
	this: YandexContext,
	req: ChatPagesRequest,
	options: CursorOptions,
): AsyncGenerator<CursorPage> {
	return cursorPages.call(
		this,
		async (pageToken) =>
			await yandexApiRequestPage.call(this, {
				endpoint: 'getChats',
				businessId: req.businessId,
				body: req.statuses ? { statuses: [...req.statuses] } : {},
				itemsKey: 'chats',
				pageSize: LIMITS.chatsPageMax,
				pageToken,
				...(req.maxRateLimitWaitMs !== undefined
					? { maxRateLimitWaitMs: req.maxRateLimitWaitMs }
					: {}),
			}),
		options,
	);
}
