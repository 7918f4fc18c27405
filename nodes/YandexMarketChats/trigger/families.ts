/**
 * The event families the webhook trigger handles, each with what the handler needs to know about it: its types,
 * its dedup key, which types have an author (the Senders rule), the details resolver per type, the author a lookup
 * found, and the output item. A new family (reviews, questions) is a new entry here with its own parser in
 * shared/notifications.ts; webhook.ts itself does not change.
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { CHAT_NOTIFICATION_TYPES, notificationDedupKey } from '../shared/notifications';
import type { ChatNotification } from '../shared/notifications';
import { resolveDetails } from './details';
import type { DetailsOptions, ResolvedDetails } from './details';
import { chatEventItem } from './output';

/** What every event of every family has. */
export interface FamilyEvent {
	notificationType: string;
	businessId: string;
}

export interface EventFamily<E extends FamilyEvent> {
	types: readonly string[];
	dedupKey(event: E): string;
	/** Whether the Senders rule applies to this event (it has an author that may be the seller). */
	hasAuthor(event: E): boolean;
	resolveDetails(
		this: IWebhookFunctions,
		event: E,
		options: DetailsOptions,
	): Promise<ResolvedDetails>;
	/** The author the lookups found; undefined when they failed. */
	authorOf(details: ResolvedDetails): unknown;
	/** The lookups whose failure leaves the author unknown (named in the "wait" answer). */
	authorLookups: readonly string[];
	item(event: E, receivedAt: Date, details?: ResolvedDetails): IDataObject;
	/** A short name of the event for logs. */
	describe(event: E): string;
}

export const CHAT_EVENTS: EventFamily<ChatNotification> = {
	types: CHAT_NOTIFICATION_TYPES,
	dedupKey: notificationDedupKey,
	hasAuthor: (event) => event.messageId !== undefined,
	resolveDetails,
	authorOf: (details) => details.message?.sender,
	authorLookups: ['getChatMessage', 'getChatHistory'],
	item: chatEventItem,
	describe: (event) =>
		event.messageId !== undefined
			? `message ${event.messageId} in chat ${event.chatId}`
			: `chat ${event.chatId}`,
};
