/**
 * Resolve Details for the review and question events: one read by the notification's ID (trigger/communication.ts
 * says which), within the webhook's time budget (details.ts's lookup). A failed lookup is reported, never thrown.
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { yandexApiRequest } from '../actions/calls';
import type { CommunicationNotification } from '../shared/communicationNotifications';
import { lookupFor, pickDetails } from './communication';
import type { CommunicationDetails } from './communication';
import { DETAILS_RATE_LIMIT_WAIT_MS, lookup } from './details';

export async function resolveCommunicationDetails(
	this: IWebhookFunctions,
	event: CommunicationNotification,
	budgetMs: number,
): Promise<CommunicationDetails> {
	const plan = lookupFor(event);
	const outcome = await lookup(
		plan.endpoint,
		async () =>
			await yandexApiRequest.call(this, {
				endpoint: plan.endpoint,
				businessId: event.businessId,
				body: plan.body,
				maxRateLimitWaitMs: Math.min(DETAILS_RATE_LIMIT_WAIT_MS, budgetMs),
			}),
		budgetMs,
	);
	if ('error' in outcome) return { error: outcome.error };
	const listed = outcome.value[plan.itemsKey];
	const found = pickDetails(event, (Array.isArray(listed) ? listed : []) as IDataObject[]);
	return found ? { found } : { missing: true };
}
