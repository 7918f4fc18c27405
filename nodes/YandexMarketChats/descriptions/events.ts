/** The Events and Senders parameters both triggers offer, so a workflow can switch triggers and keep its settings. */
import type { INodeProperties } from 'n8n-workflow';
import type { MessageSender } from '../shared/contract';
import { CHAT_NOTIFICATION_TYPES } from '../shared/notifications';
import type { ChatNotificationType } from '../shared/notifications';

/** Senders whose messages start the workflow by default: everyone but the seller, so an auto-reply cannot loop. */
export const DEFAULT_SENDERS: MessageSender[] = ['CUSTOMER', 'MARKET', 'SUPPORT'];

export const DEFAULT_EVENTS: ChatNotificationType[] = [...CHAT_NOTIFICATION_TYPES];

export function eventsProperty(description: string): INodeProperties {
	return {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: [
			{
				name: 'Arbitrage Finished',
				value: 'CHAT_ARBITRAGE_FINISHED',
				description: 'A dispute in an order or return chat ended',
			},
			{
				name: 'Arbitrage Started',
				value: 'CHAT_ARBITRAGE_STARTED',
				description: 'The buyer opened a dispute in an order or return chat',
			},
			{
				name: 'Chat Created',
				value: 'CHAT_CREATED',
				description: 'A buyer opened a chat (order, return or direct)',
			},
			{
				name: 'Message Sent',
				value: 'CHAT_MESSAGE_SENT',
				description: 'A new message in a chat (Yandex sends none for stickers)',
			},
		],
		default: [...DEFAULT_EVENTS],
		description,
	};
}

export function sendersProperty(extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Senders',
		name: 'senders',
		type: 'multiOptions',
		options: [
			{ name: 'Customer', value: 'CUSTOMER', description: 'The buyer' },
			{ name: 'Market', value: 'MARKET', description: 'Yandex Market itself (automatic messages)' },
			{
				name: 'Partner (Your Own Messages)',
				value: 'PARTNER',
				description:
					'The seller, including messages this workflow sends: can make an auto-reply loop',
			},
			{ name: 'Support', value: 'SUPPORT', description: 'Yandex Market support or an arbiter' },
		],
		default: [...DEFAULT_SENDERS],
		description: 'Message Sent events start the workflow only for messages from these senders',
		...extra,
	};
}
