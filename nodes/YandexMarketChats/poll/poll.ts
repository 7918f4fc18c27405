/**
 * One poll of the poll trigger: list the watched chats, read the new messages of the chats that moved, compare with
 * the state of the last poll and return one item per new event, shaped exactly like the webhook trigger's item with
 * Resolve Details on. The new state is written to the static data only when the poll returns, so a poll that throws
 * leaves the old state and the next poll repeats its work; each chat's new state goes in together with its events,
 * so a poll that stops early (420 past the wait budget, 5xx after retries) returns what it has and the next one
 * continues from there. Nothing is ever reported twice and nothing is skipped.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DEFAULT_EVENTS, DEFAULT_SENDERS } from '../descriptions/events';
import { errorDetails, errorText, toNodeError } from '../helpers/errors';
import { rateLimitWaitMs, requireId } from '../helpers/parameters';
import type { Chat, ChatMessage } from '../shared/contract';
import { compareIds } from '../shared/int64';
import { CHAT_NOTIFICATION_FIELDS, CHAT_NOTIFICATION_TYPES } from '../shared/notifications';
import type { ChatNotification, ChatNotificationType } from '../shared/notifications';
import { senderVerdict } from '../shared/senders';
import { chatEventItem } from '../trigger/output';
import { isWatched, listChats, readChat, readMessages } from './reads';
import type { ChatList, ReadSettings } from './reads';
import {
	CLOCK_MARGIN_MS,
	GONE_TTL_MS,
	MAX_FOLLOW_UPS_PER_POLL,
	STATE_VERSION,
	chatState,
	disputeEvents,
	evict,
	isRecent,
	newestId,
	readState,
	stateKey,
	timeMs,
	toStaticData,
} from './state';
import type { ChatState, PollState } from './state';

export interface PollSettings extends ReadSettings {
	events: Set<ChatNotificationType>;
	senders: Set<string>;
}

interface PollEvent {
	type: ChatNotificationType;
	chat: Chat;
	message?: ChatMessage;
	eventTime: string;
}

/** What one chat contributes to a poll: its new state (undefined: forget it) and its events. */
interface ChatOutcome {
	state?: ChatState;
	events: PollEvent[];
}

interface Run {
	ctx: IPollFunctions;
	settings: PollSettings;
	previous: PollState;
	scanStart: number;
}

/** Polls of one trigger node in this process. n8n starts a poll on schedule even while the last one still runs. */
const running = new Set<string>();

/** In the manual "Fetch Test Event", how many of the most recently active chats are searched for a message. */
const TEST_EVENT_CHATS = 5;

const RANK: Record<ChatNotificationType, number> = {
	CHAT_CREATED: 0,
	CHAT_ARBITRAGE_STARTED: 1,
	CHAT_MESSAGE_SENT: 2,
	CHAT_ARBITRAGE_FINISHED: 3,
};

export function readPollSettings(this: IPollFunctions): PollSettings {
	const businessId = requireId.call(
		this,
		this.getNodeParameter('businessId', '', { extractValue: true }),
		'Business ID',
		0,
	);
	const events = (this.getNodeParameter('events', DEFAULT_EVENTS) as string[]).filter((e) =>
		(CHAT_NOTIFICATION_TYPES as readonly string[]).includes(e),
	) as ChatNotificationType[];
	if (events.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Events: choose at least one chat event');
	}
	const options = this.getNodeParameter('options', {}) as IDataObject;
	return {
		businessId,
		events: new Set(events),
		senders: new Set(this.getNodeParameter('senders', DEFAULT_SENDERS) as string[]),
		watchFinished: options.watchFinished === true,
		waitMs: rateLimitWaitMs(options),
	};
}

export async function pollChats(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readPollSettings.call(this);
	if (this.getMode() === 'manual') return await latestEvent.call(this, settings);
	const lock = `${String(this.getWorkflow().id ?? '')}\u0000${this.getNode().id}`;
	if (running.has(lock)) {
		this.logger.debug('Yandex Market poll trigger: the previous poll is still running; skipped');
		return null;
	}
	running.add(lock);
	try {
		return await poll.call(this, settings);
	} finally {
		running.delete(lock);
	}
}

async function poll(
	this: IPollFunctions,
	settings: PollSettings,
): Promise<INodeExecutionData[][] | null> {
	const staticData = this.getWorkflowStaticData('node');
	const key = stateKey(settings.businessId, settings.events, settings.watchFinished);
	const previous = readState(staticData.state, key);
	const scanStart = Date.now();
	if (!previous) {
		staticData.state = toStaticData(await baseline.call(this, settings, key, scanStart));
		return null;
	}

	const run: Run = { ctx: this, settings, previous, scanStart };
	const next: PollState = { ...previous, chats: { ...previous.chats } };
	const events: PollEvent[] = [];
	const apply = (chatId: string, outcome: ChatOutcome) => {
		if (outcome.state) next.chats[chatId] = outcome.state;
		else delete next.chats[chatId];
		events.push(...outcome.events);
	};
	const deadline = pollDeadline.call(this, scanStart);
	let stoppedEarly = false;

	const list = await listChats.call(this, settings);
	let failure = list.error;
	try {
		for (const chat of list.chats.values()) {
			if (Date.now() > deadline) {
				stoppedEarly = true;
				break;
			}
			const before = previous.chats[chat.chatId];
			try {
				if (before) apply(chat.chatId, await knownChat(run, chat, before));
				else if ((timeMs(chat.createdAt) ?? 0) > previous.createdFloor)
					apply(chat.chatId, await newChat(run, chat));
				else apply(chat.chatId, await untrackedChat(run, chat));
			} catch (error) {
				// One chat Yandex will not serve must not hold up the others; it keeps its old state and is tried
				// again next poll. Rate limits, 5xx and key problems concern every chat: they stop the poll.
				if (!concernsOneChat(error)) throw toNodeError(this.getNode(), error);
				stoppedEarly = true;
				this.logger.warn(
					`Yandex Market poll trigger: skipped chat ${chat.chatId} this time: ${errorText(error)}`,
				);
			}
		}
		if (list.complete && !stoppedEarly) stoppedEarly = !(await followUp(run, list, apply));
	} catch (error) {
		failure = error;
	}
	if (list.complete && failure === undefined && !stoppedEarly) next.lastScan = scanStart;
	evict(next, Date.now());
	staticData.state = toStaticData(next);

	const items = toItems(settings.businessId, events);
	if (failure !== undefined) {
		if (items.length === 0) throw toNodeError(this.getNode(), failure);
		this.logger.warn(
			`Yandex Market poll trigger: the poll stopped early (${errorText(failure)}); the next poll continues where it stopped`,
		);
	} else if (stoppedEarly) {
		this.logger.info(
			'Yandex Market poll trigger: the poll ran out of time; the next poll continues',
		);
	}
	return items.length > 0 ? [this.helpers.returnJsonArray(items)] : null;
}

/** 400 and 404 answers are about the request for one chat (it vanished, its history cursor broke). */
function concernsOneChat(error: unknown): boolean {
	if (error instanceof UnknownSenderError) return true;
	const code = errorDetails(error).httpCode;
	return code === '400' || code === '404';
}

/**
 * n8n's durable scheduler (2.41+) gives each poll a time budget and abandons a poll that overruns it; stopping at
 * 80 % of it leaves time to hand the events over. Older n8n has no budget.
 */
function pollDeadline(this: IPollFunctions, scanStart: number): number {
	const budget = typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : undefined;
	return typeof budget === 'number' && budget > 0 ? scanStart + budget * 0.8 : Infinity;
}

/**
 * Chats the state tracks that the complete list no longer shows: they finished (not watched) or were skipped
 * while the list moved under the pager. One getChat each tells which, and reads what happened in them last.
 * Returns false when the per-poll cap left some for the next poll.
 */
async function followUp(
	run: Run,
	list: ChatList,
	apply: (chatId: string, outcome: ChatOutcome) => void,
): Promise<boolean> {
	let done = 0;
	let complete = true;
	for (const [chatId, before] of Object.entries(run.previous.chats)) {
		if (list.chats.has(chatId) || before.g !== undefined) continue;
		if (done >= MAX_FOLLOW_UPS_PER_POLL) return false;
		done++;
		try {
			const chat = await readChat.call(run.ctx, run.settings, chatId);
			if (!chat) {
				apply(chatId, { events: [] });
				continue;
			}
			const outcome = await knownChat(run, chat, before);
			if (outcome.state && !isWatched(run.settings, String(chat.status))) {
				outcome.state.g = run.scanStart;
			}
			apply(chatId, outcome);
		} catch (error) {
			if (!concernsOneChat(error)) throw toNodeError(run.ctx.getNode(), error);
			complete = false;
			run.ctx.logger.warn(
				`Yandex Market poll trigger: skipped chat ${chatId} this time: ${errorText(error)}`,
			);
		}
	}
	return complete;
}

/** A chat the last poll saw: its new messages (if it moved) and dispute changes. */
async function knownChat(run: Run, chat: Chat, before: ChatState): Promise<ChatOutcome> {
	const events: PollEvent[] = [];
	const state = chatState(chat, before);
	const moved = state.u !== before.u;
	if (wantsMessages(run) && (moved || before.r)) {
		const messages = await readMessages.call(run.ctx, run.settings, chat.chatId, before.m);
		// Without a last message ID (the chat was idle when the trigger started), what came after the updatedAt
		// recorded then is new: updatedAt is the time of the last message.
		const since = timeMs(before.u) ?? run.previous.lastScan - CLOCK_MARGIN_MS;
		const fresh = messages.filter((m) =>
			before.m !== undefined
				? compareIds(m.messageId, before.m) > 0
				: (timeMs(m.createdAt) ?? -Infinity) > since,
		);
		messageEvents(run, events, chat, fresh);
		setRead(state, before.m, chat, messages);
	} else if (before.m !== undefined) {
		state.m = before.m;
	}
	const disputeTime = moved ? String(chat.updatedAt) : new Date(run.scanStart).toISOString();
	for (const type of disputeEvents(before, chat)) addEvent(run, events, type, chat, disputeTime);
	return { state, events };
}

/** A chat created after the trigger started: Chat Created, a dispute it already is, and every message. */
async function newChat(run: Run, chat: Chat): Promise<ChatOutcome> {
	const events: PollEvent[] = [];
	const state = chatState(chat);
	addEvent(run, events, 'CHAT_CREATED', chat, String(chat.createdAt));
	for (const type of disputeEvents(undefined, chat)) {
		addEvent(run, events, type, chat, String(chat.updatedAt));
	}
	if (wantsMessages(run)) {
		const messages = await readMessages.call(run.ctx, run.settings, chat.chatId, undefined);
		messageEvents(run, events, chat, messages);
		setRead(state, undefined, chat, messages);
	}
	return { state, events };
}

/**
 * An older chat the state does not track: it came back after finishing more than GONE_TTL_MS ago, or it was
 * forgotten to keep the state small. If it moved since the last complete poll, what happened since then is new.
 */
async function untrackedChat(run: Run, chat: Chat): Promise<ChatOutcome> {
	const events: PollEvent[] = [];
	const state = chatState(chat);
	// A forgotten chat's events are all older than GONE_TTL_MS (it was gone that long), so a window that reaches no
	// further back cannot report them again, even when the last complete poll is long ago.
	const since = Math.max(run.previous.lastScan - CLOCK_MARGIN_MS, run.scanStart - GONE_TTL_MS);
	if ((timeMs(chat.updatedAt) ?? Infinity) <= since) return { state, events };
	// What it was before is unknown: only a dispute in progress is reported (once: the chat is tracked from now on).
	if (String(chat.type) === 'ARBITRAGE' && String(chat.status) !== 'FINISHED') {
		addEvent(run, events, 'CHAT_ARBITRAGE_STARTED', chat, String(chat.updatedAt));
	}
	if (wantsMessages(run)) {
		const messages = await readMessages.call(run.ctx, run.settings, chat.chatId, undefined);
		const fresh = messages.filter((m) => (timeMs(m.createdAt) ?? -Infinity) > since);
		messageEvents(run, events, chat, fresh);
		setRead(state, undefined, chat, messages);
	}
	return { state, events };
}

/**
 * The first poll after activation (or after Business, Events or Watch Finished Chats changed): remembers every
 * chat as it is now and reports nothing. The history is read only for chats active in the last seconds, whose
 * next message could otherwise carry the same updatedAt second as the one already there.
 */
async function baseline(
	this: IPollFunctions,
	settings: PollSettings,
	key: string,
	scanStart: number,
): Promise<PollState> {
	const list = await listChats.call(this, settings);
	if (!list.complete) throw toNodeError(this.getNode(), list.error);
	const state: PollState = {
		v: STATE_VERSION,
		key,
		createdFloor: scanStart - CLOCK_MARGIN_MS,
		lastScan: scanStart,
		chats: {},
	};
	const run: Run = { ctx: this, settings, previous: state, scanStart };
	for (const chat of list.chats.values()) {
		const chatNow = chatState(chat);
		if (wantsMessages(run) && isRecent(chat, [], Date.now())) {
			const messages = await readMessages.call(this, settings, chat.chatId, undefined);
			setRead(chatNow, undefined, chat, messages);
		}
		state.chats[chat.chatId] = chatNow;
	}
	evict(state, Date.now());
	return state;
}

function wantsMessages(run: Run): boolean {
	return run.settings.events.has('CHAT_MESSAGE_SENT');
}

/** Records what a history read learnt: the newest message ID and whether to read once more next poll. */
function setRead(
	state: ChatState,
	knownId: string | undefined,
	chat: Chat,
	messages: ChatMessage[],
): void {
	const m = newestId(knownId, messages);
	if (m !== undefined) state.m = m;
	if (isRecent(chat, messages, Date.now())) state.r = 1;
}

/**
 * The same Senders rule as the webhook trigger (shared/senders.ts). The history names every sender (the field is
 * required); a message without one is not guessed at: the chat is skipped this poll, keeps its state and is read
 * again next poll, so the message is neither started as if it were allowed nor lost.
 */
function messageEvents(run: Run, events: PollEvent[], chat: Chat, messages: ChatMessage[]) {
	const ordered = [...messages].sort((a, b) => compareIds(a.messageId, b.messageId));
	const senders = [...run.settings.senders];
	for (const message of ordered) {
		const verdict = senderVerdict(true, senders, message.sender);
		if (verdict === 'wait') {
			throw new UnknownSenderError(
				`message ${message.messageId} of chat ${chat.chatId} has no sender`,
			);
		}
		if (verdict === 'skip') continue;
		addEvent(run, events, 'CHAT_MESSAGE_SENT', chat, String(message.createdAt), message);
	}
}

/** A history page that does not say who wrote a message: about this chat only, read again next poll. */
class UnknownSenderError extends Error {}

function addEvent(
	run: Run,
	events: PollEvent[],
	type: ChatNotificationType,
	chat: Chat,
	eventTime: string,
	message?: ChatMessage,
) {
	if (run.settings.events.has(type)) events.push({ type, chat, message, eventTime });
}

/** Oldest first; at the same time a chat's creation comes before its dispute, its messages and its end. */
function ordered(events: PollEvent[]): PollEvent[] {
	return [...events].sort(
		(a, b) =>
			(timeMs(a.eventTime) ?? 0) - (timeMs(b.eventTime) ?? 0) ||
			RANK[a.type] - RANK[b.type] ||
			compareIds(a.chat.chatId, b.chat.chatId) ||
			compareIds(a.message?.messageId ?? '0', b.message?.messageId ?? '0'),
	);
}

/**
 * The webhook trigger's item for the same event: the notification Yandex would have sent, rebuilt from the API
 * (IDs as strings, messageId too, as the webhook keeps it), with `chat` and `message` as Resolve Details adds them.
 */
function toItems(businessId: string, events: PollEvent[]): IDataObject[] {
	const receivedAt = new Date();
	return ordered(events).map((e) => {
		const messageId = e.message?.messageId;
		const raw: IDataObject = {
			notificationType: e.type,
			businessId,
			chatId: e.chat.chatId,
			...(messageId !== undefined ? { messageId } : {}),
			[CHAT_NOTIFICATION_FIELDS[e.type].timeField]: e.eventTime,
		};
		const event: ChatNotification = {
			notificationType: e.type,
			businessId,
			chatId: e.chat.chatId,
			...(messageId !== undefined ? { messageId } : {}),
			eventTime: e.eventTime,
			raw,
		};
		return chatEventItem(event, receivedAt, {
			chat: e.chat,
			...(e.message ? { message: e.message } : {}),
		});
	});
}

/**
 * The editor's "Fetch Test Event": the most recent real event of the chosen kinds, read from the API without
 * touching the trigger's state.
 */
async function latestEvent(
	this: IPollFunctions,
	settings: PollSettings,
): Promise<INodeExecutionData[][]> {
	const list = await listChats.call(this, settings);
	if (!list.complete) throw toNodeError(this.getNode(), list.error);
	const byActivity = [...list.chats.values()].sort(
		(a, b) => (timeMs(b.updatedAt) ?? 0) - (timeMs(a.updatedAt) ?? 0),
	);
	const run: Run = {
		ctx: this,
		settings,
		previous: { v: STATE_VERSION, key: '', createdFloor: 0, lastScan: 0, chats: {} },
		scanStart: Date.now(),
	};
	const candidates: PollEvent[] = [];
	const newest = [...byActivity].sort(
		(a, b) => (timeMs(b.createdAt) ?? 0) - (timeMs(a.createdAt) ?? 0),
	)[0];
	if (newest) addEvent(run, candidates, 'CHAT_CREATED', newest, String(newest.createdAt));
	const dispute = byActivity.find((c) => String(c.type) === 'ARBITRAGE');
	if (dispute) {
		const type =
			String(dispute.status) === 'FINISHED' ? 'CHAT_ARBITRAGE_FINISHED' : 'CHAT_ARBITRAGE_STARTED';
		addEvent(run, candidates, type, dispute, String(dispute.updatedAt));
	}
	if (wantsMessages(run)) {
		for (const chat of byActivity.slice(0, TEST_EVENT_CHATS)) {
			const found: PollEvent[] = [];
			messageEvents(
				run,
				found,
				chat,
				await readMessages.call(this, settings, chat.chatId, undefined),
			);
			if (found.length > 0) candidates.push(found[found.length - 1]);
		}
	}
	const latest = ordered(candidates).pop();
	if (!latest) {
		throw new NodeOperationError(
			this.getNode(),
			`No chat event of the chosen kinds found in business ${settings.businessId}`,
			{
				description:
					'The test event is the most recent real one. Choose more Events or Senders, turn on Watch Finished Chats, or wait for a buyer to write.',
			},
		);
	}
	return [this.helpers.returnJsonArray(toItems(settings.businessId, [latest]))];
}
