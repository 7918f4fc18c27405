import type { IDataObject } from 'n8n-workflow';
import { CHAT_NOTIFICATION_FIELDS, notificationDedupKey } from '../shared/notifications';
import type { ChatNotification } from '../shared/notifications';
import { formatChat } from '../helpers/format';
import type { Chat } from '../shared/contract';
import type { ResolvedDetails } from './details';

/**
 * One output item per chat event. IDs are decimal strings (int64 can exceed 2^53); `eventTime` is the type's own
 * time field under a common name, which is also kept as sent (createdAt / sentAt / startedAt / finishedAt).
 */
export function chatEventItem(
	event: ChatNotification,
	receivedAt: Date,
	details?: ResolvedDetails,
): IDataObject {
	const timeField = CHAT_NOTIFICATION_FIELDS[event.notificationType].timeField;
	const item: IDataObject = {
		notificationType: event.notificationType,
		businessId: event.businessId,
		chatId: event.chatId,
		...(event.messageId !== undefined ? { messageId: event.messageId } : {}),
		eventTime: event.eventTime,
		[timeField]: event.eventTime,
		receivedAt: receivedAt.toISOString(),
		dedupKey: notificationDedupKey(event),
	};
	if (details) {
		const sender = details.message?.sender;
		if (sender !== undefined) item.sender = sender;
		// The shape of Get Chat with Simplify off: Yandex's chat with its `context` object, plus businessId.
		if (details.chat) {
			item.chat = formatChat(details.chat as Chat, {
				businessId: event.businessId,
				simplify: false,
			});
		}
		if (details.message) item.message = details.message;
		if (details.detailsError) item.detailsError = details.detailsError;
	}
	item.notification = event.raw;
	return item;
}

export function pingItem(
	raw: IDataObject,
	time: string | undefined,
	receivedAt: Date,
): IDataObject {
	return {
		notificationType: 'PING',
		...(time !== undefined ? { time } : {}),
		receivedAt: receivedAt.toISOString(),
		notification: raw,
	};
}
