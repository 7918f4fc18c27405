import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { properties, subtitleExpression } from './actions/description';
import { router } from './actions/router';
import { NODE_DESCRIPTION } from './descriptions/common';
import { listSearch } from './methods';

export class YandexMarketChats implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Yandex Market Chats',
		name: 'yandexMarketChats',
		icon: { light: 'file:yandexMarket.svg', dark: 'file:yandexMarket.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: subtitleExpression(),
		description: NODE_DESCRIPTION,
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
