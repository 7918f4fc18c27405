/**
 * Resolve Details for the review and question events: one read by the notification's ID (trigger/communication.ts
 * says which), within the webhook's time budget. A failed lookup is reported, never thrown: authorVerdict decides.
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { errorDetails } from '../helpers/errors';
import type { CommunicationNotification } from '../shared/communicationNotifications';
import { yandexApiRequest } from '../transport';
import { lookupFor, pickDetails } from './communication';
import type { CommunicationDetails } from './communication';
import { DETAILS_RATE_LIMIT_WAIT_MS, TIMED_OUT, within } from './details';

export async function resolveCommunicationDetails(
	this: IWebhookFunctions,
	event: CommunicationNotification,
	budgetMs: number,
): Promise<CommunicationDetails> {
	const plan = lookupFor(event);
	try {
		const result = await within(
			yandexApiRequest.call(this, {
				endpoint: plan.endpoint,
				businessId: event.businessId,
				body: plan.body,
				maxRateLimitWaitMs: Math.min(DETAILS_RATE_LIMIT_WAIT_MS, budgetMs),
			}),
			budgetMs,
		);
		if (result === TIMED_OUT) {
			return { error: { lookup: plan.endpoint, message: `No answer within ${budgetMs / 1000} s` } };
		}
		const listed = result[plan.itemsKey];
		const found = pickDetails(event, (Array.isArray(listed) ? listed : []) as IDataObject[]);
		return found ? { found } : { missing: true };
	} catch (error) {
		return { error: { lookup: plan.endpoint, ...errorDetails(error) } };
	}
}
