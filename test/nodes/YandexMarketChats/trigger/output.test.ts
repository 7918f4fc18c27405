import { chatEventItem, pingItem } from '../../../../nodes/YandexMarketChats/trigger/output';
import { formatChat } from '../../../../nodes/YandexMarketChats/helpers/format';
import type { Chat } from '../../../../nodes/YandexMarketChats/shared/contract';
import type { ChatNotification } from '../../../../nodes/YandexMarketChats/shared/notifications';

const receivedAt = new Date('2025-01-16T10:00:05Z');
const event: ChatNotification = {
	notificationType: 'CHAT_MESSAGE_SENT',
	businessId: '10001',
	chatId: '9007199254740993',
	messageId: '7',
	eventTime: '2025-01-16T10:00:00Z',
	raw: { notificationType: 'CHAT_MESSAGE_SENT' },
};
const chat: Chat = {
	chatId: '9007199254740993',
	context: { type: 'ORDER', orderId: '40001' },
	type: 'CHAT',
	status: 'NEW',
	createdAt: '2025-01-16T09:00:00Z',
	updatedAt: '2025-01-16T10:00:00Z',
};

describe('chatEventItem', () => {
	it('puts the common fields first, the type time field under its own name and the body last', () => {
		const item = chatEventItem(event, receivedAt);
		expect(item).toEqual({
			notificationType: 'CHAT_MESSAGE_SENT',
			businessId: '10001',
			chatId: '9007199254740993',
			messageId: '7',
			eventTime: '2025-01-16T10:00:00Z',
			sentAt: '2025-01-16T10:00:00Z',
			receivedAt: '2025-01-16T10:00:05.000Z',
			dedupKey: 'CHAT_MESSAGE_SENT|10001|9007199254740993|7|2025-01-16T10:00:00Z',
			notification: { notificationType: 'CHAT_MESSAGE_SENT' },
		});
		expect(Object.keys(item).pop()).toBe('notification');
	});

	it("gives `chat` Get Chat's shape with Simplify off, and the sender at the top", () => {
		const item = chatEventItem(event, receivedAt, { chat, message: { sender: 'CUSTOMER' } });
		expect(item.chat).toEqual(formatChat(chat, { businessId: '10001', simplify: false }));
		expect(item.chat).toMatchObject({ businessId: '10001', context: { orderId: '40001' } });
		expect(item.sender).toBe('CUSTOMER');
	});

	it('carries a lookup failure as detailsError', () => {
		const item = chatEventItem(event, receivedAt, { detailsError: { lookup: 'getChat' } });
		expect(item).toMatchObject({ detailsError: { lookup: 'getChat' } });
		expect(item.chat).toBeUndefined();
	});
});

describe('pingItem', () => {
	it('keeps the time only when Yandex sent one', () => {
		expect(pingItem({ notificationType: 'PING' }, undefined, receivedAt)).toEqual({
			notificationType: 'PING',
			receivedAt: '2025-01-16T10:00:05.000Z',
			notification: { notificationType: 'PING' },
		});
		expect(pingItem({}, 'T', receivedAt).time).toBe('T');
	});
});
