/** The poll trigger's parameters: the same readers as the webhook trigger's where the parameters are the same. */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { DEFAULT_SENDERS, readEvents } from '../descriptions/events';
import { rateLimitBudgetMs, requireId } from '../helpers/parameters';
import { CHAT_NOTIFICATION_TYPES } from '../shared/notifications';
import type { ChatNotificationType } from '../shared/notifications';
import { POLL_EVENT_TYPES } from '../descriptions/communicationEvents';
import type { ReadSettings } from './reads';

export interface PollSettings extends ReadSettings {
	/** The chat events chosen (the chat scan runs only when there is one). */
	events: Set<ChatNotificationType>;
	/** The review and question events chosen (poll/communication.ts). */
	communicationEvents: Set<string>;
	senders: Set<string>;
}

export function readPollSettings(this: IPollFunctions): PollSettings {
	const businessId = requireId.call(
		this,
		this.getNodeParameter('businessId', '', { extractValue: true }),
		'Business ID',
		0,
	);
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const events = readEvents.call(this, POLL_EVENT_TYPES);
	const isChat = (e: string) => (CHAT_NOTIFICATION_TYPES as readonly string[]).includes(e);
	return {
		businessId,
		events: new Set(events.filter(isChat) as ChatNotificationType[]),
		communicationEvents: new Set(events.filter((e) => !isChat(e))),
		senders: new Set(this.getNodeParameter('senders', DEFAULT_SENDERS) as string[]),
		watchFinished: options.watchFinished === true,
		maxRateLimitWaitMs: rateLimitBudgetMs(options),
	};
}
