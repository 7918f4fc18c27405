/** The events one poll finds: chosen-or-not, the Senders rule for messages, and their order. */
import type { Chat, ChatMessage } from '../shared/contract';
import { decideDelivery } from '../shared/delivery';
import { compareIds } from '../shared/int64';
import type { ChatNotificationType } from '../shared/notifications';
import { timeMs } from './state';

export interface PollEvent {
	type: ChatNotificationType;
	chat: Chat;
	message?: ChatMessage;
	eventTime: string;
}

/** What the event rules need of the settings. */
export interface EventFilter {
	businessId: string;
	events: ReadonlySet<ChatNotificationType>;
	senders: ReadonlySet<string>;
}

const RANK: Record<ChatNotificationType, number> = {
	CHAT_CREATED: 0,
	CHAT_ARBITRAGE_STARTED: 1,
	CHAT_MESSAGE_SENT: 2,
	CHAT_ARBITRAGE_FINISHED: 3,
};

/** A history page that does not say who wrote a message: about this chat only, read again next poll. */
export class UnknownSenderError extends Error {}

/** The event, if its type is among the chosen Events. */
export function chosenEvent(filter: EventFilter, event: PollEvent): PollEvent[] {
	const facts = {
		eventType: event.type,
		businessId: filter.businessId,
		events: [...filter.events],
	};
	return decideDelivery(facts) === 'deliver' ? [event] : [];
}

/**
 * The same Senders rule as the webhook trigger (shared/delivery.ts). The history names every sender (the field is
 * required); a message without one is not guessed at: the chat is skipped this poll, keeps its state and is read
 * again next poll, so the message is neither started as if it were allowed nor lost.
 */
export function messageEvents(
	filter: EventFilter,
	chat: Chat,
	messages: ChatMessage[],
): PollEvent[] {
	const ordered = [...messages].sort((a, b) => compareIds(a.messageId, b.messageId));
	const events: PollEvent[] = [];
	const chosen = [...filter.events];
	const senders = [...filter.senders];
	for (const message of ordered) {
		const decision = decideDelivery({
			eventType: 'CHAT_MESSAGE_SENT',
			businessId: filter.businessId,
			events: chosen,
			sender: { applies: true, senders, author: message.sender },
		});
		if (decision === 'unknown-sender') {
			throw new UnknownSenderError(
				`message ${message.messageId} of chat ${chat.chatId} has no sender`,
			);
		}
		if (decision !== 'deliver') continue;
		events.push({ type: 'CHAT_MESSAGE_SENT', chat, message, eventTime: String(message.createdAt) });
	}
	return events;
}

/** Oldest first; at the same time a chat's creation comes before its dispute, its messages and its end. */
export function inOrder(events: PollEvent[]): PollEvent[] {
	return [...events].sort(
		(a, b) =>
			(timeMs(a.eventTime) ?? 0) - (timeMs(b.eventTime) ?? 0) ||
			RANK[a.type] - RANK[b.type] ||
			compareIds(a.chat.chatId, b.chat.chatId) ||
			compareIds(a.message?.messageId ?? '0', b.message?.messageId ?? '0'),
	);
}
