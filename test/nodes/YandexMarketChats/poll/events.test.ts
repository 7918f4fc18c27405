import {
	UnknownSenderError,
	chosenEvent,
	inOrder,
	messageEvents,
} from '../../../../nodes/YandexMarketChats/poll/events';
import type { EventFilter, PollEvent } from '../../../../nodes/YandexMarketChats/poll/events';
import type { Chat, ChatMessage } from '../../../../nodes/YandexMarketChats/shared/contract';

const chat = (chatId: string): Chat => ({
	chatId,
	context: { type: 'ORDER' },
	type: 'CHAT',
	status: 'NEW',
	createdAt: '2026-01-10T09:00:00Z',
	updatedAt: '2026-01-10T10:00:00Z',
});
const message = (
	messageId: string,
	sender: string | undefined,
	createdAt = '2026-01-10T10:00:00Z',
) => ({ messageId, sender, createdAt }) as ChatMessage;

const filter: EventFilter = {
	businessId: '1',
	events: new Set(['CHAT_CREATED', 'CHAT_MESSAGE_SENT']),
	senders: new Set(['CUSTOMER', 'MARKET', 'SUPPORT']),
};

describe('chosenEvent', () => {
	it.each([
		['CHAT_CREATED', 1],
		['CHAT_ARBITRAGE_STARTED', 0],
	] as const)('%s -> %i event(s)', (type, count) => {
		expect(chosenEvent(filter, { type, chat: chat('5'), eventTime: 'T' })).toHaveLength(count);
	});
});

describe('messageEvents', () => {
	it("orders messages by ID and leaves out the seller's own", () => {
		const events = messageEvents(filter, chat('5'), [
			message('9007199254740995', 'CUSTOMER'),
			message('12', 'PARTNER'),
			message('11', 'SUPPORT'),
		]);
		expect(events.map((e) => e.message?.messageId)).toEqual(['11', '9007199254740995']);
		expect(events[0]).toMatchObject({
			type: 'CHAT_MESSAGE_SENT',
			eventTime: '2026-01-10T10:00:00Z',
		});
	});

	it('refuses to guess a missing sender while Senders excludes someone', () => {
		expect(() => messageEvents(filter, chat('5'), [message('1', undefined)])).toThrow(
			UnknownSenderError,
		);
		const everyone = { ...filter, senders: new Set(['CUSTOMER', 'MARKET', 'SUPPORT', 'PARTNER']) };
		expect(messageEvents(everyone, chat('5'), [message('1', undefined)])).toHaveLength(1);
	});
});

describe('inOrder', () => {
	it('sorts by time, then creation before dispute before message before end, then chat and message ID', () => {
		const e = (
			type: PollEvent['type'],
			chatId: string,
			eventTime: string,
			messageId?: string,
		): PollEvent => ({
			type,
			chat: chat(chatId),
			eventTime,
			...(messageId ? { message: message(messageId, 'CUSTOMER') } : {}),
		});
		const events = [
			e('CHAT_ARBITRAGE_FINISHED', '1', '2026-01-10T10:00:00Z'),
			e('CHAT_MESSAGE_SENT', '1', '2026-01-10T10:00:00Z', '20'),
			e('CHAT_MESSAGE_SENT', '1', '2026-01-10T10:00:00Z', '3'),
			e('CHAT_CREATED', '2', '2026-01-10T10:00:00Z'),
			e('CHAT_CREATED', '1', '2026-01-10T10:00:00Z'),
			e('CHAT_ARBITRAGE_STARTED', '1', '2026-01-10T10:00:00Z'),
			e('CHAT_CREATED', '9', '2026-01-10T09:59:59Z'),
		];
		expect(
			inOrder(events).map((x) => `${x.type}:${x.chat.chatId}:${x.message?.messageId ?? ''}`),
		).toEqual([
			'CHAT_CREATED:9:',
			'CHAT_CREATED:1:',
			'CHAT_CREATED:2:',
			'CHAT_ARBITRAGE_STARTED:1:',
			'CHAT_MESSAGE_SENT:1:3',
			'CHAT_MESSAGE_SENT:1:20',
			'CHAT_ARBITRAGE_FINISHED:1:',
		]);
	});
});
