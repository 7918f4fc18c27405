/** The poll trigger's parameters: the same readers as the webhook trigger's where the parameters are the same. */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { DEFAULT_SENDERS, readEvents } from '../descriptions/events';
import { rateLimitBudgetMs, requireId } from '../helpers/parameters';
import type { ChatNotificationType } from '../shared/notifications';
import type { ReadSettings } from './reads';

export interface PollSettings extends ReadSettings {
	events: Set<ChatNotificationType>;
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
	return {
		businessId,
		events: new Set(readEvents.call(this)),
		senders: new Set(this.getNodeParameter('senders', DEFAULT_SENDERS) as string[]),
		watchFinished: options.watchFinished === true,
		maxRateLimitWaitMs: rateLimitBudgetMs(options),
	};
}
