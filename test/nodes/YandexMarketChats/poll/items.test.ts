import { notificationFor, pollItems } from '../../../../nodes/YandexMarketChats/poll/items';
import type { PollEvent } from '../../../../nodes/YandexMarketChats/poll/events';
import type { Chat, ChatMessage } from '../../../../nodes/YandexMarketChats/shared/contract';

const chat: Chat = {
	chatId: '5',
	context: { type: 'ORDER', orderId: '40001' },
	type: 'CHAT',
	status: 'NEW',
	createdAt: '2026-01-10T09:00:00Z',
	updatedAt: '2026-01-10T10:00:00Z',
};
const message = {
	messageId: '7',
	sender: 'CUSTOMER',
	createdAt: '2026-01-10T10:00:00Z',
} as ChatMessage;

describe('notificationFor', () => {
	it('rebuilds the notification Yandex would have sent, with the type own time field', () => {
		const sent: PollEvent = {
			type: 'CHAT_MESSAGE_SENT',
			chat,
			message,
			eventTime: message.createdAt,
		};
		expect(notificationFor('1', sent)).toEqual({
			notificationType: 'CHAT_MESSAGE_SENT',
			businessId: '1',
			chatId: '5',
			messageId: '7',
			eventTime: '2026-01-10T10:00:00Z',
			raw: {
				notificationType: 'CHAT_MESSAGE_SENT',
				businessId: '1',
				chatId: '5',
				messageId: '7',
				sentAt: '2026-01-10T10:00:00Z',
			},
		});
		const created: PollEvent = { type: 'CHAT_CREATED', chat, eventTime: chat.createdAt };
		expect(notificationFor('1', created).raw).toEqual({
			notificationType: 'CHAT_CREATED',
			businessId: '1',
			chatId: '5',
			createdAt: '2026-01-10T09:00:00Z',
		});
	});
});

describe('pollItems', () => {
	it("gives one item per event, oldest first, with the webhook trigger's fields", () => {
		const items = pollItems('1', [
			{ type: 'CHAT_MESSAGE_SENT', chat, message, eventTime: message.createdAt },
			{ type: 'CHAT_CREATED', chat, eventTime: chat.createdAt },
		]);
		expect(items.map((i) => i.notificationType)).toEqual(['CHAT_CREATED', 'CHAT_MESSAGE_SENT']);
		expect(items[1]).toMatchObject({
			sender: 'CUSTOMER',
			message,
			chat: { businessId: '1', chatId: '5', context: { orderId: '40001' } },
			dedupKey: 'CHAT_MESSAGE_SENT|1|5|7|2026-01-10T10:00:00Z',
		});
		expect(items[0].message).toBeUndefined();
	});
});
