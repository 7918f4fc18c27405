/** The poll trigger's output items: the webhook trigger's item for the same event, with Resolve Details on. */
import type { IDataObject } from 'n8n-workflow';
import { CHAT_NOTIFICATION_FIELDS } from '../shared/notifications';
import type { ChatNotification } from '../shared/notifications';
import { chatEventItem } from '../trigger/output';
import { inOrder } from './events';
import type { PollEvent } from './events';

/** The notification Yandex would have sent for the event, rebuilt from the API (IDs as strings, messageId too). */
export function notificationFor(businessId: string, event: PollEvent): ChatNotification {
	const messageId = event.message?.messageId;
	const common = {
		notificationType: event.type,
		businessId,
		chatId: event.chat.chatId,
		...(messageId !== undefined ? { messageId } : {}),
	};
	const raw: IDataObject = {
		...common,
		[CHAT_NOTIFICATION_FIELDS[event.type].timeField]: event.eventTime,
	};
	return { ...common, eventTime: event.eventTime, raw };
}

/** One item per event, oldest first, with `chat` and `message` as Resolve Details adds them. */
export function pollItems(businessId: string, events: PollEvent[]): IDataObject[] {
	const receivedAt = new Date();
	return inOrder(events).map((e) =>
		chatEventItem(notificationFor(businessId, e), receivedAt, {
			chat: e.chat,
			...(e.message ? { message: e.message } : {}),
		}),
	);
}
