import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { yandexApiRequest } from '../transport';
import { errorDetails } from '../helpers/errors';
import type { ChatNotification } from '../shared/notifications';

/**
 * These calls run before n8n registers the execution and answers Yandex (webhook.ts gives them a budget in all), so
 * a 420 may be waited out only briefly; past this it becomes a detailsError instead of a wait.
 */
export const DETAILS_RATE_LIMIT_WAIT_MS = 3_000;

/**
 * The part of the budget getChatMessage gets when the sender matters: the rest is left for the fallback through
 * the chat history, which has its own quota (10,000 an hour against getChatMessage's 1,000).
 */
export const MESSAGE_LOOKUP_SHARE_MS = 2_500;

/** The fallback reads one page this long from the message on: the order of a history page is not documented. */
export const HISTORY_FALLBACK_LIMIT = 100;

/** Below this, the fallback is not worth starting: it would time out before Yandex could answer. */
const MIN_FALLBACK_MS = 500;

export interface ResolvedDetails {
	chat?: IDataObject;
	message?: IDataObject;
	detailsError?: IDataObject;
}

export interface DetailsOptions {
	/** All the lookups must end within this (Yandex waits 10 s, and n8n still has to register the event). */
	budgetMs: number;
	/** The Senders filter depends on the sender: if getChatMessage fails, look the message up in the history. */
	senderNeeded: boolean;
}

function describeError(error: unknown, lookup: string): IDataObject {
	return { lookup, ...errorDetails(error) };
}

export const TIMED_OUT = Symbol('timed out');

/** The call's result, or TIMED_OUT after `ms` (the call itself goes on, and its outcome is ignored). */
export async function within<T>(call: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
	call.catch(() => undefined);
	return await Promise.race([call, sleep(ms).then((): typeof TIMED_OUT => TIMED_OUT)]);
}

type Outcome = { value: IDataObject } | { error: IDataObject };

async function lookup(
	lookupName: string,
	call: () => Promise<IDataObject>,
	ms: number,
): Promise<Outcome> {
	try {
		const value = await within(call(), ms);
		if (value === TIMED_OUT) {
			return {
				error: {
					lookup: lookupName,
					message: `No answer within ${ms / 1000} s`,
				},
			};
		}
		return { value };
	} catch (error) {
		return { error: describeError(error, lookupName) };
	}
}

/**
 * Fetches what the notification only points at: the chat for every chat event, plus the message for Message Sent
 * (the notification does not even say who wrote it). When the sender matters and getChatMessage fails, the message
 * is looked for in the chat history. A failed lookup is reported, never thrown: the caller decides.
 */
export async function resolveDetails(
	this: IWebhookFunctions,
	event: ChatNotification,
	options: DetailsOptions,
): Promise<ResolvedDetails> {
	const { businessId, chatId, messageId } = event;
	const started = Date.now();
	const waitMs = (ms: number) => Math.min(DETAILS_RATE_LIMIT_WAIT_MS, ms);
	const chat = lookup(
		'getChat',
		async () =>
			await yandexApiRequest.call(this, {
				endpoint: 'getChat',
				businessId,
				qs: { chatId },
				maxRateLimitWaitMs: waitMs(options.budgetMs),
			}),
		options.budgetMs,
	);
	let message: Outcome | undefined;
	if (messageId !== undefined) {
		const messageMs = options.senderNeeded
			? Math.min(MESSAGE_LOOKUP_SHARE_MS, options.budgetMs)
			: options.budgetMs;
		message = await lookup(
			'getChatMessage',
			async () =>
				await yandexApiRequest.call(this, {
					endpoint: 'getChatMessage',
					businessId,
					qs: { chatId, messageId },
					maxRateLimitWaitMs: waitMs(messageMs),
				}),
			messageMs,
		);
		const left = options.budgetMs - (Date.now() - started);
		if ('error' in message && options.senderNeeded && left >= MIN_FALLBACK_MS) {
			const fallback = await lookup(
				'getChatHistory',
				async () => {
					const page = await yandexApiRequest.call(this, {
						endpoint: 'getChatHistory',
						businessId,
						qs: { chatId, limit: HISTORY_FALLBACK_LIMIT },
						body: { messageIdFrom: messageId },
						maxRateLimitWaitMs: waitMs(left),
					});
					const messages = Array.isArray(page.messages) ? (page.messages as IDataObject[]) : [];
					const found = messages.find((m) => String(m.messageId) === messageId);
					if (!found) {
						throw new Error(
							`Message ${messageId} is not among the ${messages.length} messages the history returned from it on`,
						);
					}
					return found;
				},
				left,
			);
			// Found in the history: the item is as complete as with getChatMessage.
			if ('value' in fallback) message = fallback;
			else message = { error: { ...message.error, others: [fallback.error] } };
		}
	}
	const chatOutcome = await chat;
	const details: ResolvedDetails = {};
	const errors: IDataObject[] = [];
	if ('value' in chatOutcome) details.chat = chatOutcome.value;
	else errors.push(chatOutcome.error);
	if (message) {
		if ('value' in message) details.message = message.value;
		// The message lookup matters most (it names the sender), so its error leads.
		else errors.unshift(message.error);
	}
	if (errors.length > 0) {
		const [first, ...rest] = errors;
		const others = [...((first.others as IDataObject[] | undefined) ?? []), ...rest];
		details.detailsError = { ...first, ...(others.length > 0 ? { others } : {}) };
		if (others.length === 0) delete details.detailsError.others;
	}
	return details;
}
