import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { TRIGGER_PROPERTIES, TRIGGER_WEBHOOKS } from './trigger/description';
import { handleNotification } from './trigger/webhook';

export class YandexMarketChatsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Yandex Market Chats Trigger',
		name: 'yandexMarketChatsTrigger',
		icon: { light: 'file:yandexMarket.svg', dark: 'file:yandexMarket.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).length + " chat event type(s)"}}',
		description:
			'Starts the workflow when Yandex Market notifies about a new chat, a chat message or a dispute',
		defaults: { name: 'Yandex Market Chats Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// Only the API lookups of "Resolve Details" need it; the notifications themselves carry no credentials.
		credentials: [
			{
				name: 'yandexMarketApi',
				required: true,
				displayOptions: { show: { resolveDetails: [true] } },
			},
		],
		webhooks: TRIGGER_WEBHOOKS,
		properties: TRIGGER_PROPERTIES,
	};

	// The URL is registered by hand in the seller cabinet (Yandex has no API for it): nothing to create or delete.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
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
