import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { POLL_COMMUNICATION_EVENT_OPTIONS } from './descriptions/communicationEvents';
import { eventsSubtitleExpression } from './descriptions/events';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchBusinesses } from './methods/listSearch';
import { POLL_TRIGGER_PROPERTIES } from './poll/description';
import { pollChats } from './poll/poll';

export class YandexMarketChatsPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Yandex Market Chats Poll Trigger',
		name: 'yandexMarketChatsPollTrigger',
		icon: { light: 'file:yandexMarket.svg', dark: 'file:yandexMarket.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: eventsSubtitleExpression(POLL_COMMUNICATION_EVENT_OPTIONS),
		description:
			'Checks Yandex Market on a schedule for new chats, chat messages and disputes; needs no public URL',
		defaults: { name: 'Yandex Market Chats Poll Trigger' },
		// n8n adds the Poll Times parameter to nodes marked as polling.
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'yandexMarketApi', required: true }],
		properties: POLL_TRIGGER_PROPERTIES,
	};

	methods = { listSearch: { searchBusinesses } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollChats.call(this);
	}
}
