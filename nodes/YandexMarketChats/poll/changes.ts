/**
 * Change detection: what happened in each chat since the last poll, read from the API and compared with what the
 * trigger remembers (state.ts holds the pure rules). Each function returns the chat's new memory and its events;
 * poll.ts applies them together, so a poll that stops early keeps what it has.
 */
import type { IPollFunctions } from 'n8n-workflow';
import { errorDetails, errorText, toNodeError } from '../helpers/errors';
import type { Chat, ChatMessage } from '../shared/contract';
import { compareIds } from '../shared/int64';
import type { ChatNotificationType } from '../shared/notifications';
import { UnknownSenderError, chosenEvent, messageEvents } from './events';
import type { PollEvent } from './events';
import { isWatched, readChat, readMessages } from './reads';
import type { ChatList } from './reads';
import type { PollSettings } from './settings';
import {
	CLOCK_MARGIN_MS,
	GONE_TTL_MS,
	MAX_FOLLOW_UPS_PER_POLL,
	disputeEvents,
	isRecent,
	newestId,
	timeMs,
	trackChat,
} from './state';
import type { PollMemory, TrackedChat } from './state';

/** What one chat contributes to a poll: its new memory (undefined: forget it) and its events. */
export interface ChatOutcome {
	chat?: TrackedChat;
	events: PollEvent[];
}

export interface Run {
	ctx: IPollFunctions;
	settings: PollSettings;
	previous: PollMemory;
	scanStart: number;
}

export type Apply = (chatId: string, outcome: ChatOutcome) => void;

export function wantsMessages(run: Pick<Run, 'settings'>): boolean {
	return run.settings.events.has('CHAT_MESSAGE_SENT');
}

function event(
	run: Pick<Run, 'settings'>,
	type: ChatNotificationType,
	chat: Chat,
	eventTime: string,
): PollEvent[] {
	return chosenEvent(run.settings, { type, chat, eventTime });
}

/** 400 and 404 answers are about the request for one chat (it vanished, its history cursor broke). */
export function concernsOneChat(error: unknown): boolean {
	if (error instanceof UnknownSenderError) return true;
	const code = errorDetails(error).httpCode;
	return code === '400' || code === '404';
}

/** Records what a history read learnt: the newest message ID and whether to read once more next poll. */
function recordRead(
	tracked: TrackedChat,
	knownId: string | undefined,
	chat: Chat,
	messages: ChatMessage[],
): void {
	const newest = newestId(knownId, messages);
	if (newest !== undefined) tracked.lastMessageId = newest;
	if (isRecent(chat, messages, Date.now())) tracked.readAgain = true;
}

/** Which chat of the list this is to the trigger: known, new since it started, or older but not tracked. */
export async function chatOutcome(run: Run, chat: Chat): Promise<ChatOutcome> {
	const before = run.previous.chats[chat.chatId];
	if (before) return await knownChat(run, chat, before);
	if ((timeMs(chat.createdAt) ?? 0) > run.previous.createdFloor) return await newChat(run, chat);
	return await untrackedChat(run, chat);
}

/** A chat the last poll saw: its new messages (if it moved) and dispute changes. */
async function knownChat(run: Run, chat: Chat, before: TrackedChat): Promise<ChatOutcome> {
	const events: PollEvent[] = [];
	const tracked = trackChat(chat, before);
	const moved = tracked.updatedAt !== before.updatedAt;
	const known = before.lastMessageId;
	if (wantsMessages(run) && (moved || before.readAgain)) {
		const messages = await readMessages.call(run.ctx, run.settings, chat.chatId, known);
		// Without a last message ID (the chat was idle when the trigger started), what came after the updatedAt
		// recorded then is new: updatedAt is the time of the last message.
		const since = timeMs(before.updatedAt) ?? run.previous.lastScan - CLOCK_MARGIN_MS;
		const fresh = messages.filter((m) =>
			known !== undefined
				? compareIds(m.messageId, known) > 0
				: (timeMs(m.createdAt) ?? -Infinity) > since,
		);
		events.push(...messageEvents(run.settings, chat, fresh));
		recordRead(tracked, known, chat, messages);
	} else if (known !== undefined) {
		tracked.lastMessageId = known;
	}
	const disputeTime = moved ? String(chat.updatedAt) : new Date(run.scanStart).toISOString();
	for (const type of disputeEvents(before, chat)) {
		events.push(...event(run, type, chat, disputeTime));
	}
	return { chat: tracked, events };
}

/** A chat created after the trigger started: Chat Created, a dispute it already is, and every message. */
async function newChat(run: Run, chat: Chat): Promise<ChatOutcome> {
	const tracked = trackChat(chat);
	const events = event(run, 'CHAT_CREATED', chat, String(chat.createdAt));
	for (const type of disputeEvents(undefined, chat)) {
		events.push(...event(run, type, chat, String(chat.updatedAt)));
	}
	if (wantsMessages(run)) {
		const messages = await readMessages.call(run.ctx, run.settings, chat.chatId, undefined);
		events.push(...messageEvents(run.settings, chat, messages));
		recordRead(tracked, undefined, chat, messages);
	}
	return { chat: tracked, events };
}

/**
 * An older chat the state does not track: it came back after finishing more than GONE_TTL_MS ago, or it was
 * forgotten to keep the state small. If it moved since the last complete poll, what happened since then is new.
 */
async function untrackedChat(run: Run, chat: Chat): Promise<ChatOutcome> {
	const tracked = trackChat(chat);
	// A forgotten chat's events are all older than GONE_TTL_MS (it was gone that long), so a window that reaches no
	// further back cannot report them again, even when the last complete poll is long ago.
	const since = Math.max(run.previous.lastScan - CLOCK_MARGIN_MS, run.scanStart - GONE_TTL_MS);
	if ((timeMs(chat.updatedAt) ?? Infinity) <= since) return { chat: tracked, events: [] };
	const events: PollEvent[] = [];
	// What it was before is unknown: only a dispute in progress is reported (once: the chat is tracked from now on).
	if (String(chat.type) === 'ARBITRAGE' && String(chat.status) !== 'FINISHED') {
		events.push(...event(run, 'CHAT_ARBITRAGE_STARTED', chat, String(chat.updatedAt)));
	}
	if (wantsMessages(run)) {
		const messages = await readMessages.call(run.ctx, run.settings, chat.chatId, undefined);
		const fresh = messages.filter((m) => (timeMs(m.createdAt) ?? -Infinity) > since);
		events.push(...messageEvents(run.settings, chat, fresh));
		recordRead(tracked, undefined, chat, messages);
	}
	return { chat: tracked, events };
}

/**
 * Chats the state tracks that the complete list no longer shows: they finished (not watched) or were skipped
 * while the list moved under the pager. One getChat each tells which, and reads what happened in them last.
 * Returns false when the per-poll cap or a chat Yandex would not serve left some for the next poll.
 */
export async function followUp(run: Run, list: ChatList, apply: Apply): Promise<boolean> {
	let done = 0;
	let complete = true;
	for (const [chatId, before] of Object.entries(run.previous.chats)) {
		if (list.chats.has(chatId) || before.goneSince !== undefined) continue;
		if (done >= MAX_FOLLOW_UPS_PER_POLL) return false;
		done++;
		const ok = await oneChatOrSkip(run, chatId, async () => {
			apply(chatId, await followUpChat(run, chatId, before));
		});
		complete &&= ok;
	}
	return complete;
}

async function followUpChat(run: Run, chatId: string, before: TrackedChat): Promise<ChatOutcome> {
	const chat = await readChat.call(run.ctx, run.settings, chatId);
	if (!chat) return { events: [] };
	const outcome = await knownChat(run, chat, before);
	if (outcome.chat && !isWatched(run.settings, String(chat.status))) {
		outcome.chat.goneSince = run.scanStart;
	}
	return outcome;
}

/**
 * Runs the work for one chat. One chat Yandex will not serve must not hold up the others: it keeps its old state,
 * is tried again next poll, and this returns false. Rate limits, 5xx and key problems concern every chat: they
 * stop the poll (thrown).
 */
export async function oneChatOrSkip(
	run: Run,
	chatId: string,
	work: () => Promise<void>,
): Promise<boolean> {
	try {
		await work();
		return true;
	} catch (error) {
		if (!concernsOneChat(error)) throw toNodeError(run.ctx.getNode(), error);
		run.ctx.logger.warn(
			`Yandex Market poll trigger: skipped chat ${chatId} this time: ${errorText(error)}`,
		);
		return false;
	}
}

/**
 * The first poll after activation (or after Business, Events or Watch Finished Chats changed): remembers every
 * chat as it is now and reports nothing. The history is read only for chats active in the last seconds, whose
 * next message could otherwise carry the same updatedAt second as the one already there.
 */
export async function baseline(run: Run, list: ChatList, key: string): Promise<PollMemory> {
	const memory: PollMemory = {
		key,
		createdFloor: run.scanStart - CLOCK_MARGIN_MS,
		lastScan: run.scanStart,
		chats: {},
	};
	for (const chat of list.chats.values()) {
		const tracked = trackChat(chat);
		if (wantsMessages(run) && isRecent(chat, [], Date.now())) {
			const messages = await readMessages.call(run.ctx, run.settings, chat.chatId, undefined);
			recordRead(tracked, undefined, chat, messages);
		}
		memory.chats[chat.chatId] = tracked;
	}
	return memory;
}
