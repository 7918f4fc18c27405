import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { yandexApiRequest } from '../actions/calls';
import { errorDetails } from '../helpers/errors';
import type { ChatNotification, ChatNotificationType } from '../shared/notifications';

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

const TIMED_OUT = Symbol('timed out');

/** The call's result, or TIMED_OUT after `ms` (the call itself goes on, and its outcome is ignored). */
async function within<T>(call: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
	call.catch(() => undefined);
	return await Promise.race([call, sleep(ms).then((): typeof TIMED_OUT => TIMED_OUT)]);
}

export type Outcome = { value: IDataObject } | { error: IDataObject };

export async function lookup(
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
		return { error: { lookup: lookupName, ...errorDetails(error) } };
	}
}

/** Looks up one piece of an event's details; a resolver per event type combines them (CHAT_DETAILS). */
export type DetailsResolver = (
	this: IWebhookFunctions,
	event: ChatNotification,
	options: DetailsOptions,
) => Promise<ResolvedDetails>;

const rateLimitWait = (ms: number) => Math.min(DETAILS_RATE_LIMIT_WAIT_MS, ms);

async function lookupChat(
	this: IWebhookFunctions,
	event: ChatNotification,
	budgetMs: number,
): Promise<Outcome> {
	const { businessId, chatId } = event;
	return await lookup(
		'getChat',
		async () =>
			await yandexApiRequest.call(this, {
				endpoint: 'getChat',
				businessId,
				qs: { chatId },
				maxRateLimitWaitMs: rateLimitWait(budgetMs),
			}),
		budgetMs,
	);
}

/** The message through getChatMessage; when that fails and the sender matters, through the chat history. */
async function lookupMessage(
	this: IWebhookFunctions,
	event: ChatNotification,
	options: DetailsOptions,
): Promise<Outcome> {
	const { businessId, chatId, messageId } = event;
	const started = Date.now();
	const messageMs = options.senderNeeded
		? Math.min(MESSAGE_LOOKUP_SHARE_MS, options.budgetMs)
		: options.budgetMs;
	const message = await lookup(
		'getChatMessage',
		async () =>
			await yandexApiRequest.call(this, {
				endpoint: 'getChatMessage',
				businessId,
				qs: { chatId, messageId },
				maxRateLimitWaitMs: rateLimitWait(messageMs),
			}),
		messageMs,
	);
	const left = options.budgetMs - (Date.now() - started);
	if (!('error' in message) || !options.senderNeeded || left < MIN_FALLBACK_MS) return message;
	const fallback = await lookup(
		'getChatHistory',
		async () => await messageFromHistory.call(this, event, left),
		left,
	);
	// Found in the history: the item is as complete as with getChatMessage.
	return 'value' in fallback ? fallback : { error: { ...message.error, others: [fallback.error] } };
}

async function messageFromHistory(
	this: IWebhookFunctions,
	event: ChatNotification,
	budgetMs: number,
): Promise<IDataObject> {
	const { businessId, chatId, messageId } = event;
	const page = await yandexApiRequest.call(this, {
		endpoint: 'getChatHistory',
		businessId,
		qs: { chatId, limit: HISTORY_FALLBACK_LIMIT },
		body: { messageIdFrom: messageId },
		maxRateLimitWaitMs: rateLimitWait(budgetMs),
	});
	const messages = Array.isArray(page.messages) ? (page.messages as IDataObject[]) : [];
	const found = messages.find((m) => String(m.messageId) === messageId);
	if (!found) {
		throw new Error(
			`Message ${messageId} is not among the ${messages.length} messages the history returned from it on`,
		);
	}
	return found;
}

/** The details of the lookups' outcomes: values as they are, failures in one detailsError, the message's first. */
export function combineDetails(chat: Outcome, message?: Outcome): ResolvedDetails {
	const details: ResolvedDetails = {};
	const errors: IDataObject[] = [];
	if ('value' in chat) details.chat = chat.value;
	else errors.push(chat.error);
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

/** Chat events point at a chat: getChat. */
const chatDetails: DetailsResolver = async function (event, options) {
	return combineDetails(await lookupChat.call(this, event, options.budgetMs));
};

/** Message Sent points at a chat and a message (the notification does not even say who wrote it). */
const messageDetails: DetailsResolver = async function (event, options) {
	const chat = lookupChat.call(this, event, options.budgetMs);
	const message = await lookupMessage.call(this, event, options);
	return combineDetails(await chat, message);
};

/** What each chat event type looks up. A new event type cannot compile without its entry. */
export const CHAT_DETAILS: Record<ChatNotificationType, DetailsResolver> = {
	CHAT_CREATED: chatDetails,
	CHAT_MESSAGE_SENT: messageDetails,
	CHAT_ARBITRAGE_STARTED: chatDetails,
	CHAT_ARBITRAGE_FINISHED: chatDetails,
};

/**
 * Fetches what the notification only points at, by its type's resolver. A failed lookup is reported, never
 * thrown: the caller decides.
 */
export async function resolveDetails(
	this: IWebhookFunctions,
	event: ChatNotification,
	options: DetailsOptions,
): Promise<ResolvedDetails> {
	return await CHAT_DETAILS[event.notificationType].call(this, event, options);
}
