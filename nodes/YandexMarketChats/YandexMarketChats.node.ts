import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { properties } from './actions/description';
import { router } from './actions/router';
import { listSearch } from './methods';

export class YandexMarketChats implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Yandex Market Chats',
		name: 'yandexMarketChats',
		icon: { light: 'file:yandexMarket.svg', dark: 'file:yandexMarket.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Read and answer Yandex Market buyer chats: list and get chats, read chat history, send messages and files',
		defaults: { name: 'Yandex Market Chats' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'yandexMarketApi', required: true }],
		properties,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
