import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { eventsSubtitleExpression, readEvents } from './descriptions/events';
import { NodeConnectionTypes } from 'n8n-workflow';

import { NODE_DESCRIPTION } from './descriptions/common';
import { WEBHOOK_EVENT_TYPES } from './descriptions/communicationEvents';
import { TRIGGER_PROPERTIES, TRIGGER_WEBHOOKS } from './trigger/description';
import { handleNotification } from './trigger/webhook';

export class YandexMarketChatsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Yandex Market Chats Trigger',
		name: 'yandexMarketChatsTrigger',
		icon: { light: 'file:yandexMarket.svg', dark: 'file:yandexMarket.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: eventsSubtitleExpression(),
		// n8n's node picker shows this node and Yandex Market Chats as one entry, with the trigger's description
		// (2.8.4 and 2.41.1): the entry should carry the action node's text, and lists the trigger events below it.
		description: NODE_DESCRIPTION,
		defaults: { name: 'Yandex Market Chats Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// Only the API lookups of "Resolve Details" need it; the notifications themselves carry no credentials.
		// `hide`, not `show: { resolveDetails: [true] }`: n8n 2.8 takes a boolean named in a credential's `show` for
		// the node's authentication selector and hides it from the panel, so Resolve Details could not be turned on.
		credentials: [
			{
				name: 'yandexMarketApi',
				required: true,
				displayOptions: { hide: { resolveDetails: [false] } },
			},
		],
		webhooks: TRIGGER_WEBHOOKS,
		properties: TRIGGER_PROPERTIES,
	};

	// The URL is registered by hand in the seller cabinet (Yandex has no API for it): nothing to create or delete.
	// Activation only checks the settings that would make the trigger useless (no Events, as in the poll trigger).
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				readEvents.call(this, WEBHOOK_EVENT_TYPES);
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleNotification.call(this);
	}
}
