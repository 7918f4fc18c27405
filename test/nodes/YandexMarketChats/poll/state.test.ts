import type { Chat } from '../../../../nodes/YandexMarketChats/shared/contract';
import { compareIds } from '../../../../nodes/YandexMarketChats/shared/int64';
import {
	CLOCK_MARGIN_MS,
	GONE_TTL_MS,
	STATE_VERSION,
	disputeEvents,
	evict,
	isRecent,
	newestId,
	readState,
	stateKey,
	toMemory,
	toStored,
} from '../../../../nodes/YandexMarketChats/poll/state';
import type { ChatState, PollState } from '../../../../nodes/YandexMarketChats/poll/state';

const chat = (type: string, status: string, updatedAt = '2026-01-10T10:00:00+03:00'): Chat => ({
	chatId: '1',
	context: { type: 'ORDER' },
	type,
	status,
	createdAt: '2026-01-10T09:00:00+03:00',
	updatedAt,
});

describe('disputeEvents', () => {
	it.each([
		['CHAT', 'WAITING_FOR_PARTNER', 'ARBITRAGE', 'WAITING_FOR_ARBITER', ['CHAT_ARBITRAGE_STARTED']],
		['ARBITRAGE', 'WAITING_FOR_ARBITER', 'ARBITRAGE', 'FINISHED', ['CHAT_ARBITRAGE_FINISHED']],
		[
			'ARBITRAGE',
			'WAITING_FOR_ARBITER',
			'CHAT',
			'WAITING_FOR_PARTNER',
			['CHAT_ARBITRAGE_FINISHED'],
		],
		['CHAT', 'NEW', 'ARBITRAGE', 'FINISHED', ['CHAT_ARBITRAGE_STARTED', 'CHAT_ARBITRAGE_FINISHED']],
		['ARBITRAGE', 'WAITING_FOR_ARBITER', 'ARBITRAGE', 'WAITING_FOR_PARTNER', []],
		['ARBITRAGE', 'FINISHED', 'ARBITRAGE', 'FINISHED', []],
		['CHAT', 'NEW', 'CHAT', 'FINISHED', []],
		['ARBITRAGE', 'FINISHED', 'ARBITRAGE', 'WAITING_FOR_ARBITER', ['CHAT_ARBITRAGE_STARTED']],
	])('%s/%s -> %s/%s', (t, s, type, status, expected) => {
		expect(disputeEvents({ type: t, status: s }, chat(type, status))).toEqual(expected);
	});

	it('treats a chat seen for the first time as coming from no dispute', () => {
		expect(disputeEvents(undefined, chat('ARBITRAGE', 'WAITING_FOR_ARBITER'))).toEqual([
			'CHAT_ARBITRAGE_STARTED',
		]);
		expect(disputeEvents(undefined, chat('CHAT', 'NEW'))).toEqual([]);
	});
});

function stateWith(chats: Record<string, ChatState>): PollState {
	return { v: STATE_VERSION, key: 'k', createdFloor: 0, lastScan: 0, chats };
}

describe('evict', () => {
	const now = Date.parse('2026-12-01T00:00:00Z');
	const entry = (u: string, c: number, g?: number): ChatState => ({
		u,
		c,
		t: 'CHAT',
		s: 'NEW',
		...(g !== undefined ? { g } : {}),
	});

	it('forgets chats gone longer than the TTL and raises the creation floor to them', () => {
		const state = stateWith({
			old: entry('2026-11-01T00:00:00Z', 100, now - GONE_TTL_MS - 1),
			recent: entry('2026-11-30T00:00:00Z', 200, now - 1000),
			open: entry('2026-11-30T00:00:00Z', 300),
		});
		evict(state, now);
		expect(Object.keys(state.chats).sort()).toEqual(['open', 'recent']);
		expect(state.createdFloor).toBe(100);
	});

	it('caps the map, dropping gone chats first, then the longest idle', () => {
		const state = stateWith({
			a: entry('2026-11-03T00:00:00Z', 1),
			b: entry('2026-11-01T00:00:00Z', 2),
			gone: entry('2026-11-30T00:00:00Z', 3, now - 1000),
			c: entry('2026-11-02T00:00:00Z', 4),
		});
		evict(state, now, 2);
		expect(Object.keys(state.chats).sort()).toEqual(['a', 'c']);
		expect(state.createdFloor).toBe(3);
	});
});

describe('readState', () => {
	const key = stateKey({
		businessId: '10001',
		events: ['CHAT_MESSAGE_SENT', 'CHAT_CREATED'],
		watchFinished: false,
	});

	it('keys the state by business, events (in any order) and watched statuses', () => {
		expect(
			stateKey({
				businessId: '10001',
				events: ['CHAT_CREATED', 'CHAT_MESSAGE_SENT'],
				watchFinished: false,
			}),
		).toBe(key);
		expect(
			stateKey({
				businessId: '10002',
				events: ['CHAT_CREATED', 'CHAT_MESSAGE_SENT'],
				watchFinished: false,
			}),
		).not.toBe(key);
		expect(
			stateKey({
				businessId: '10001',
				events: ['CHAT_CREATED', 'CHAT_MESSAGE_SENT'],
				watchFinished: true,
			}),
		).not.toBe(key);
	});

	it('returns a plain copy of a valid state and nothing for another key or a broken shape', () => {
		const stored = { ...stateWith({ '1': { u: 'x', c: 1, t: 'CHAT', s: 'NEW' } }), key };
		const read = readState(stored, key);
		expect(read).toEqual(stored);
		expect(read).not.toBe(stored);
		expect(readState(stored, 'other')).toBeUndefined();
		expect(readState({ ...stored, v: 2 }, key)).toBeUndefined();
		expect(readState({ ...stored, chats: { '1': { c: 1 } } }, key)).toBeUndefined();
		expect(readState(undefined, key)).toBeUndefined();
		expect(readState('text', key)).toBeUndefined();
	});
});

describe('message IDs and recency', () => {
	it('compares IDs numerically beyond 2^53', () => {
		expect(compareIds('9007199254740995', '9007199254740993')).toBe(1);
		expect(compareIds('99', '100')).toBe(-1);
		expect(compareIds('0100', '100')).toBe(0);
		expect(newestId(undefined, [])).toBeUndefined();
		expect(
			newestId('5', [
				{ messageId: '9007199254740995', createdAt: '', sender: 'CUSTOMER' },
				{ messageId: '7', createdAt: '', sender: 'CUSTOMER' },
			]),
		).toBe('9007199254740995');
	});

	it('counts activity within the clock margin (or with an unreadable time) as recent', () => {
		const at = Date.parse('2026-01-10T10:00:00+03:00');
		const c = chat('CHAT', 'NEW');
		expect(isRecent(c, [], at + CLOCK_MARGIN_MS - 1)).toBe(true);
		expect(isRecent(c, [], at + CLOCK_MARGIN_MS + 1)).toBe(false);
		expect(isRecent(chat('CHAT', 'NEW', 'garbage'), [], at + 10 * CLOCK_MARGIN_MS)).toBe(true);
	});
});

describe('toMemory and toStored', () => {
	it('map the short stored keys to named fields and back, and bound the stored state', () => {
		const stored = stateWith({
			'1': {
				u: '2026-11-30T00:00:00Z',
				c: 5,
				t: 'ARBITRAGE',
				s: 'NEW',
				m: '9007199254740995',
				r: 1,
			},
			'2': { u: '2026-11-29T00:00:00Z', c: 6, t: 'CHAT', s: 'FINISHED', g: 1000 },
		});
		const memory = toMemory(stored);
		expect(memory.chats['1']).toEqual({
			updatedAt: '2026-11-30T00:00:00Z',
			createdMs: 5,
			type: 'ARBITRAGE',
			status: 'NEW',
			lastMessageId: '9007199254740995',
			readAgain: true,
		});
		expect(memory.chats['2']).toMatchObject({ goneSince: 1000 });
		expect(memory).not.toHaveProperty('v');
		expect(toStored(memory, 2000)).toEqual(stored);
		// Stored after the gone chat's TTL: it is forgotten and the creation floor moves up to it.
		const later = toStored(memory, 1000 + GONE_TTL_MS + 1);
		expect(Object.keys(later.chats)).toEqual(['1']);
		expect(later.createdFloor).toBe(6);
	});
});
