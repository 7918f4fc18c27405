import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { yandexApiRequest } from '../transport';
import { errorDetails } from '../helpers/errors';
import type { ChatNotification } from '../shared/notifications';

/**
 * These calls run before n8n registers the execution and answers Yandex (webhook.ts gives them DETAILS_BUDGET_MS in
 * all), so a 420 may be waited out only briefly; past this it becomes a detailsError instead of a wait.
 */
export const DETAILS_RATE_LIMIT_WAIT_MS = 3_000;

export interface ResolvedDetails {
	chat?: IDataObject;
	message?: IDataObject;
	detailsError?: IDataObject;
}

function describeError(error: unknown, lookup: string): IDataObject {
	return { lookup, ...errorDetails(error) };
}

/**
 * Fetches what the notification only points at: the chat for every chat event, plus the message for Message Sent
 * (the notification does not even say who wrote it). A failed lookup is reported, never thrown: the event must still
 * start the workflow.
 */
export async function resolveDetails(
	this: IWebhookFunctions,
	event: ChatNotification,
): Promise<ResolvedDetails> {
	const { businessId, chatId, messageId } = event;
	const lookups: Array<Promise<IDataObject>> = [
		yandexApiRequest.call(this, {
			endpoint: 'getChat',
			businessId,
			qs: { chatId },
			maxRateLimitWaitMs: DETAILS_RATE_LIMIT_WAIT_MS,
		}),
	];
	if (messageId !== undefined) {
		lookups.push(
			yandexApiRequest.call(this, {
				endpoint: 'getChatMessage',
				businessId,
				qs: { chatId, messageId },
				maxRateLimitWaitMs: DETAILS_RATE_LIMIT_WAIT_MS,
			}),
		);
	}
	const [chat, message] = await Promise.allSettled(lookups);
	const details: ResolvedDetails = {};
	const errors: IDataObject[] = [];
	if (chat.status === 'fulfilled') details.chat = chat.value;
	else errors.push(describeError(chat.reason, 'getChat'));
	if (message) {
		if (message.status === 'fulfilled') details.message = message.value;
		else errors.push(describeError(message.reason, 'getChatMessage'));
	}
	if (errors.length > 0) {
		// The message lookup matters most (it names the sender), so its error leads.
		const ordered = errors.sort((a) => (a.lookup === 'getChatMessage' ? -1 : 1));
		details.detailsError = {
			...ordered[0],
			...(ordered.length > 1 ? { others: ordered.slice(1) } : {}),
		};
	}
	return details;
}
