/**
 * What the poll trigger remembers between polls (kept in the workflow's static data) and the pure rules that compare
 * it with what Yandex shows now. No network here: changes.ts reads the API and applies these rules. The stored form
 * (ChatState, PollState) has short keys to keep the saved workflow small; only readState/toStored and the eviction
 * here see them, everything else works on the named form (TrackedChat, PollMemory).
 */
import type { IDataObject } from 'n8n-workflow';
import type { Chat, ChatMessage } from '../shared/contract';
import { compareIds } from '../shared/int64';
import type { ChatNotificationType } from '../shared/notifications';

export const STATE_VERSION = 1;

/**
 * The state is saved with the workflow on every emitting poll: at about 80 bytes a chat this caps it near 400 KB.
 * Chats that left the watched set are dropped first, then the longest idle ones.
 */
export const MAX_TRACKED_CHATS = 5000;

/** How long a chat that left the watched set (finished) is remembered, so a reopened chat continues exactly. */
export const GONE_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Yandex writes times in whole seconds, and its clock and ours differ a little. Activity this close to a read may
 * be followed by a message with the same updatedAt second, so such a chat is read once more on the next poll; the
 * same margin widens every time window that compares our clock with Yandex's.
 */
export const CLOCK_MARGIN_MS = 15_000;

/** getChat calls per poll for chats that vanished from the list (getChat has a quota of 1,000 an hour). */
export const MAX_FOLLOW_UPS_PER_POLL = 50;

/** Per chat, as stored: what the last poll saw. Short keys because the state is saved with the workflow. */
export interface ChatState {
	/** updatedAt as Yandex wrote it (compared as text: any change means activity) */
	u: string;
	/** createdAt, epoch ms */
	c: number;
	/** type (CHAT / ARBITRAGE) */
	t: string;
	/** status */
	s: string;
	/** ID of the newest message read so far; absent until the history was first read */
	m?: string;
	/** read the history again next poll: the last read came too soon after the last activity to be sure */
	r?: 1;
	/** epoch ms when the chat left the watched set (finished); dropped GONE_TTL_MS later */
	g?: number;
}

export interface PollState {
	v: typeof STATE_VERSION;
	/** business, events and watched statuses the state belongs to: a change starts from now again */
	key: string;
	/** chats created at or before this (epoch ms) are not reported as new when first seen */
	createdFloor: number;
	/** start of the last poll that read the whole list and every chat it had to (epoch ms) */
	lastScan: number;
	chats: Record<string, ChatState>;
}

/** What the state belongs to: the poll settings that, changed, make the trigger start from now again. */
export interface StateScope {
	businessId: string;
	events: Iterable<string>;
	watchFinished: boolean;
}

export function stateKey({ businessId, events, watchFinished }: StateScope): string {
	return [businessId, [...events].sort().join(','), watchFinished ? 'all' : 'open'].join('|');
}

/** The stored state when it belongs to these settings and has the expected shape; undefined means start from now. */
export function readState(raw: unknown, key: string): PollState | undefined {
	if (raw === null || typeof raw !== 'object') return undefined;
	// A plain copy: the stored object is n8n's change-tracking proxy, and the poll must not touch it before it commits.
	const state = JSON.parse(JSON.stringify(raw)) as Partial<PollState>;
	if (state.v !== STATE_VERSION || state.key !== key) return undefined;
	if (typeof state.createdFloor !== 'number' || typeof state.lastScan !== 'number')
		return undefined;
	if (state.chats === null || typeof state.chats !== 'object') return undefined;
	for (const chat of Object.values(state.chats)) {
		if (!chat || typeof chat.u !== 'string' || typeof chat.t !== 'string') return undefined;
	}
	return state as PollState;
}

/** Per chat, named: what the last poll saw (see ChatState for each field). */
export interface TrackedChat {
	updatedAt: string;
	createdMs: number;
	type: string;
	status: string;
	lastMessageId?: string;
	readAgain?: boolean;
	goneSince?: number;
}

export interface PollMemory {
	key: string;
	createdFloor: number;
	lastScan: number;
	chats: Record<string, TrackedChat>;
}

/** The stored key of each named field but readAgain (stored as r: 1). */
const STORED_KEYS: ReadonlyArray<[Exclude<keyof TrackedChat, 'readAgain'>, keyof ChatState]> = [
	['updatedAt', 'u'],
	['createdMs', 'c'],
	['type', 't'],
	['status', 's'],
	['lastMessageId', 'm'],
	['goneSince', 'g'],
];

function trackedChat(stored: ChatState): TrackedChat {
	const chat: Record<string, unknown> = {};
	for (const [name, key] of STORED_KEYS) if (stored[key] !== undefined) chat[name] = stored[key];
	if (stored.r) chat.readAgain = true;
	return chat as unknown as TrackedChat;
}

function storedChat(chat: TrackedChat): ChatState {
	const stored: Record<string, unknown> = {};
	for (const [name, key] of STORED_KEYS) if (chat[name] !== undefined) stored[key] = chat[name];
	if (chat.readAgain) stored.r = 1;
	return stored as unknown as ChatState;
}

/** The named form of a stored state. */
export function toMemory(state: PollState): PollMemory {
	const chats: Record<string, TrackedChat> = {};
	for (const [id, chat] of Object.entries(state.chats)) chats[id] = trackedChat(chat);
	return { key: state.key, createdFloor: state.createdFloor, lastScan: state.lastScan, chats };
}

/** The stored form, bounded by evict; as static data it is plain JSON. */
export function toStored(memory: PollMemory, nowMs: number): IDataObject & PollState {
	const chats: Record<string, ChatState> = {};
	for (const [id, chat] of Object.entries(memory.chats)) chats[id] = storedChat(chat);
	const state: PollState = { v: STATE_VERSION, ...memory, chats };
	evict(state, nowMs);
	return state as IDataObject & PollState;
}

export function timeMs(value: unknown): number | undefined {
	if (typeof value !== 'string') return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Whether the latest activity (the chat's updatedAt or its newest message) is so recent that another message may
 * still carry the same updatedAt second. Unreadable times count as recent: one more read is cheap, a miss is not.
 */
export function isRecent(chat: Chat, messages: ChatMessage[], nowMs: number): boolean {
	const times = [chat.updatedAt, ...messages.map((m) => m.createdAt)].map(timeMs);
	if (times.some((t) => t === undefined)) return true;
	return nowMs - Math.max(...(times as number[])) < CLOCK_MARGIN_MS;
}

/** What a poll remembers of a chat as Yandex shows it now (its messages are recorded by the reads). */
export function trackChat(chat: Chat, previous?: TrackedChat): TrackedChat {
	return {
		updatedAt: String(chat.updatedAt),
		createdMs: timeMs(chat.createdAt) ?? previous?.createdMs ?? 0,
		type: String(chat.type),
		status: String(chat.status),
	};
}

/** The newest of the given message IDs and `current`. */
export function newestId(current: string | undefined, messages: ChatMessage[]): string | undefined {
	let newest = current;
	for (const m of messages) {
		if (newest === undefined || compareIds(m.messageId, newest) > 0) newest = m.messageId;
	}
	return newest;
}

const inDispute = (type: string, status: string) => type === 'ARBITRAGE' && status !== 'FINISHED';
const finishedDispute = (type: string, status: string) =>
	type === 'ARBITRAGE' && status === 'FINISHED';

export type DisputeEvent = Extract<
	ChatNotificationType,
	'CHAT_ARBITRAGE_STARTED' | 'CHAT_ARBITRAGE_FINISHED'
>;

/**
 * Dispute events between two observations of a chat. A dispute is a chat of type ARBITRAGE that is not FINISHED
 * (Yandex sets the type when the buyer opens one and finishes the chat when the arbiter closes it). A chat that was
 * a plain chat last time and is a finished dispute now had a whole dispute in between: both events. A dispute that
 * ends and a new one that starts between two polls look like nothing happened and cannot be told apart.
 */
export function disputeEvents(
	before: { type: string; status: string } | undefined,
	chat: Chat,
): DisputeEvent[] {
	const was = before ? inDispute(before.type, before.status) : false;
	const wasFinished = before ? finishedDispute(before.type, before.status) : false;
	const type = String(chat.type);
	const status = String(chat.status);
	if (!was && inDispute(type, status)) return ['CHAT_ARBITRAGE_STARTED'];
	if (was && !inDispute(type, status)) return ['CHAT_ARBITRAGE_FINISHED'];
	if (!was && !wasFinished && finishedDispute(type, status)) {
		return ['CHAT_ARBITRAGE_STARTED', 'CHAT_ARBITRAGE_FINISHED'];
	}
	return [];
}

/**
 * Keeps the state bounded: forgets finished chats after GONE_TTL_MS, then the longest idle chats beyond
 * MAX_TRACKED_CHATS. A forgotten chat that shows up again must not count as new, so the creation floor moves up
 * to the newest forgotten chat.
 */
export function evict(state: PollState, nowMs: number, max = MAX_TRACKED_CHATS): void {
	const forget = (id: string) => {
		state.createdFloor = Math.max(state.createdFloor, state.chats[id].c);
		delete state.chats[id];
	};
	for (const [id, chat] of Object.entries(state.chats)) {
		if (chat.g !== undefined && nowMs - chat.g > GONE_TTL_MS) forget(id);
	}
	const ids = Object.keys(state.chats);
	if (ids.length <= max) return;
	const idleFirst = ids.sort((a, b) => {
		const x = state.chats[a];
		const y = state.chats[b];
		if ((x.g === undefined) !== (y.g === undefined)) return x.g === undefined ? 1 : -1;
		return (timeMs(x.u) ?? 0) - (timeMs(y.u) ?? 0);
	});
	for (const id of idleFirst.slice(0, ids.length - max)) forget(id);
}
