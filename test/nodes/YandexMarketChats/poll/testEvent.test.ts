import { chatListEvents } from '../../../../nodes/YandexMarketChats/poll/testEvent';
import type { PollSettings } from '../../../../nodes/YandexMarketChats/poll/settings';
import type { Chat } from '../../../../nodes/YandexMarketChats/shared/contract';
import type { ChatNotificationType } from '../../../../nodes/YandexMarketChats/shared/notifications';

const chat = (chatId: string, type: string, status: string, createdAt: string): Chat => ({
	chatId,
	context: { type: 'ORDER' },
	type,
	status,
	createdAt,
	updatedAt: '2026-01-10T10:00:00Z',
});

const settings = (events: ChatNotificationType[]): PollSettings => ({
	businessId: '1',
	events: new Set(events),
	communicationEvents: new Set(),
	senders: new Set(['CUSTOMER']),
	watchFinished: true,
	maxRateLimitWaitMs: 0,
});

describe('chatListEvents', () => {
	const byActivity = [
		chat('1', 'CHAT', 'NEW', '2026-01-10T08:00:00Z'),
		chat('2', 'ARBITRAGE', 'FINISHED', '2026-01-09T08:00:00Z'),
		chat('3', 'CHAT', 'NEW', '2026-01-10T09:00:00Z'),
	];

	it.each<[ChatNotificationType[], string[]]>([
		[['CHAT_CREATED'], ['CHAT_CREATED:3']],
		[['CHAT_ARBITRAGE_FINISHED'], ['CHAT_ARBITRAGE_FINISHED:2']],
		[['CHAT_ARBITRAGE_STARTED'], []],
		[['CHAT_MESSAGE_SENT'], []],
	])('%j -> %j', (events, expected) => {
		const found = chatListEvents(settings(events), byActivity);
		expect(found.map((e) => `${e.type}:${e.chat.chatId}`)).toEqual(expected);
	});

	it('finds nothing in an empty list', () => {
		expect(chatListEvents(settings(['CHAT_CREATED']), [])).toEqual([]);
	});
});
