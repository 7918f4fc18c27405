/** The API reads of one poll: the chat list, new messages of one chat, and one chat that left the list. */
import type { IPollFunctions } from 'n8n-workflow';
import { errorDetails, toNodeError } from '../helpers/errors';
import { CHAT_STATUSES } from '../shared/contract';
import type { Chat, ChatMessage } from '../shared/contract';
import { yandexApiRequest, yandexApiRequestAllItems } from '../actions/calls';
import { chatPages } from '../actions/chat/pages';
import { timeMs } from './state';

export interface ReadSettings {
	businessId: string;
	/** Also list FINISHED chats (costs getChats calls for every chat the cabinet ever had). */
	watchFinished: boolean;
	/** How long a 420 may be waited out before the call fails. */
	maxRateLimitWaitMs: number;
}

/** Every status but FINISHED. A status Yandex adds later is not watched until this list learns it. */
export const OPEN_STATUSES = CHAT_STATUSES.filter((s) => s !== 'FINISHED');

export function isWatched(settings: ReadSettings, status: string): boolean {
	return settings.watchFinished || (OPEN_STATUSES as readonly string[]).includes(status);
}

export interface ChatList {
	chats: Map<string, Chat>;
	/** false when a page failed: chats missing from the list are then not taken as gone */
	complete: boolean;
	error?: unknown;
}

/**
 * All watched chats, page by page at the maximum page size. Yandex documents no order, so the whole list is read;
 * a chat listed twice (the list moved while paging) keeps its newest state.
 */
export async function listChats(this: IPollFunctions, settings: ReadSettings): Promise<ChatList> {
	const chats = new Map<string, Chat>();
	const pages = chatPages.call(
		this,
		{
			businessId: settings.businessId,
			...(settings.watchFinished ? {} : { statuses: OPEN_STATUSES }),
			maxRateLimitWaitMs: settings.maxRateLimitWaitMs,
		},
		{ what: 'chats' },
	);
	try {
		for await (const page of pages) {
			for (const item of page.items as Chat[]) {
				const earlier = chats.get(item.chatId);
				if (!earlier || (timeMs(item.updatedAt) ?? 0) >= (timeMs(earlier.updatedAt) ?? 0)) {
					chats.set(item.chatId, item);
				}
			}
		}
	} catch (error) {
		return { chats, complete: false, error };
	}
	return { chats, complete: true };
}

/**
 * The chat's messages from `fromId` on (Yandex's messageIdFrom; whether it includes that message is not documented,
 * so callers filter), or all of them. Every page is read: the order within the history is not documented either.
 */
export async function readMessages(
	this: IPollFunctions,
	settings: ReadSettings,
	chatId: string,
	fromId: string | undefined,
): Promise<ChatMessage[]> {
	const { items } = await yandexApiRequestAllItems.call(this, {
		endpoint: 'getChatHistory',
		businessId: settings.businessId,
		qs: { chatId },
		body: fromId ? { messageIdFrom: fromId } : {},
		itemsKey: 'messages',
		maxRateLimitWaitMs: settings.maxRateLimitWaitMs,
	});
	return items as ChatMessage[];
}

/** One chat by ID; undefined when Yandex no longer knows it (404). */
export async function readChat(
	this: IPollFunctions,
	settings: ReadSettings,
	chatId: string,
): Promise<Chat | undefined> {
	try {
		return (await yandexApiRequest.call(this, {
			endpoint: 'getChat',
			businessId: settings.businessId,
			qs: { chatId },
			maxRateLimitWaitMs: settings.maxRateLimitWaitMs,
		})) as Chat;
	} catch (error) {
		if (errorDetails(error).httpCode === '404') return undefined;
		throw toNodeError(this.getNode(), error);
	}
}
