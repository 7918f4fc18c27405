import { CHAT_EVENTS } from '../../../../nodes/YandexMarketChats/trigger/families';
import type { ChatNotification } from '../../../../nodes/YandexMarketChats/shared/notifications';

const created: ChatNotification = {
	notificationType: 'CHAT_CREATED',
	businessId: '1',
	chatId: '5',
	eventTime: '2025-01-16T10:00:00Z',
	raw: {},
};
const message: ChatNotification = {
	...created,
	notificationType: 'CHAT_MESSAGE_SENT',
	messageId: '7',
};

describe('CHAT_EVENTS', () => {
	it('applies the Senders rule to messages only, with the sender the message lookup found', () => {
		expect(CHAT_EVENTS.hasAuthor(created)).toBe(false);
		expect(CHAT_EVENTS.hasAuthor(message)).toBe(true);
		expect(CHAT_EVENTS.authorOf({ message: { sender: 'PARTNER' } })).toBe('PARTNER');
		expect(CHAT_EVENTS.authorOf({ detailsError: { lookup: 'getChatMessage' } })).toBeUndefined();
		expect(CHAT_EVENTS.authorLookups).toEqual(['getChatMessage', 'getChatHistory']);
	});

	it('names the event for logs and keys duplicates by type, business, chat, message and time', () => {
		expect(CHAT_EVENTS.describe(message)).toBe('message 7 in chat 5');
		expect(CHAT_EVENTS.describe(created)).toBe('chat 5');
		expect(CHAT_EVENTS.dedupKey(message)).toBe('CHAT_MESSAGE_SENT|1|5|7|2025-01-16T10:00:00Z');
		expect(CHAT_EVENTS.types).toContain('CHAT_ARBITRAGE_FINISHED');
	});
});
