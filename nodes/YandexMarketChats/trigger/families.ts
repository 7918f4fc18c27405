/**
 * The event families the webhook trigger handles, each with what the handler needs to know about it: its types,
 * its dedup key, which types have an author (the Senders rule), the details resolver per type, the author a lookup
 * found, and the output item. The review and question family has its parser in shared/communicationNotifications.ts
 * and its decisions in communication.ts.
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { CHAT_NOTIFICATION_TYPES, notificationDedupKey } from '../shared/notifications';
import type { ChatNotification } from '../shared/notifications';
import { resolveDetails } from './details';
import type { DetailsOptions, ResolvedDetails } from './details';
import { chatEventItem } from './output';
import { MESSAGE_SENDERS } from '../shared/contract';
import {
	COMMUNICATION_NOTIFICATION_TYPES,
	communicationDedupKey,
} from '../shared/communicationNotifications';
import type { CommunicationNotification } from '../shared/communicationNotifications';
import { AUTHORED_EVENTS, KNOWN_AUTHORS, authorOf, communicationEventItem } from './communication';
import type { CommunicationDetails } from './communication';
import { resolveCommunicationDetails } from './communicationDetails';
import type { WebhookSettings } from './settings';

/** What every event of every family has. */
export interface FamilyEvent {
	notificationType: string;
	businessId: string;
}

/** What the details of every family report about failed lookups (named in the "wait" answer). */
export interface FamilyDetails {
	detailsError?: IDataObject;
}

export interface EventFamily<E extends FamilyEvent, D extends FamilyDetails = ResolvedDetails> {
	types: readonly string[];
	dedupKey(event: E): string;
	/** Whether the Senders rule applies to this event (it has an author that may be the seller). */
	hasAuthor(event: E): boolean;
	/** The authors the trigger lets through for this family (Senders, or Authors), and every author there is. */
	allowedAuthors(settings: Pick<WebhookSettings, 'senders' | 'authors'>): readonly string[];
	knownAuthors: readonly string[];
	resolveDetails(this: IWebhookFunctions, event: E, options: DetailsOptions): Promise<D>;
	/** The author the lookups found; undefined when they failed. */
	authorOf(details: D): unknown;
	/** The lookups whose failure leaves the author unknown (named in the "wait" answer). */
	authorLookups: readonly string[];
	item(event: E, receivedAt: Date, details?: D): IDataObject;
	/** A short name of the event for logs. */
	describe(event: E): string;
}

export const CHAT_EVENTS: EventFamily<ChatNotification> = {
	types: CHAT_NOTIFICATION_TYPES,
	dedupKey: notificationDedupKey,
	hasAuthor: (event) => event.messageId !== undefined,
	allowedAuthors: (settings) => settings.senders,
	knownAuthors: MESSAGE_SENDERS,
	resolveDetails,
	authorOf: (details) => details.message?.sender,
	authorLookups: ['getChatMessage', 'getChatHistory'],
	item: chatEventItem,
	describe: (event) =>
		event.messageId !== undefined
			? `message ${event.messageId} in chat ${event.chatId}`
			: `chat ${event.chatId}`,
};

/** Resolve Details of a review or question event, with the failure in detailsError like the chat lookups'. */
export interface CommunicationResolved extends FamilyDetails {
	communication: CommunicationDetails;
}

/**
 * Reviews and questions: one lookup by the notification's ID; answers and comments have an author (Authors: the
 * shop's own, BUSINESS, is left out by default, so an auto-reply cannot answer itself).
 */
export const COMMUNICATION_EVENTS: EventFamily<CommunicationNotification, CommunicationResolved> = {
	types: COMMUNICATION_NOTIFICATION_TYPES,
	dedupKey: communicationDedupKey,
	hasAuthor: (event) => AUTHORED_EVENTS.includes(event.notificationType),
	allowedAuthors: (settings) => settings.authors,
	knownAuthors: KNOWN_AUTHORS,
	async resolveDetails(event, options) {
		const communication = await resolveCommunicationDetails.call(this, event, options.budgetMs);
		return {
			communication,
			...('error' in communication ? { detailsError: communication.error } : {}),
		};
	},
	authorOf: (details) => authorOf(details.communication),
	authorLookups: ['getGoodsFeedbackComments', 'getGoodsQuestionAnswers'],
	item: (event, receivedAt, details) =>
		communicationEventItem(event, receivedAt, details?.communication),
	describe: (event) =>
		`${event.notificationType} ${Object.values(event.ids).join('/')} of business ${event.businessId}`,
};
