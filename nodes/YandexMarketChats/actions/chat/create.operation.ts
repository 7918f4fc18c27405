import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, rateLimitWaitOption } from '../../descriptions/common';
import {
	getBusinessId,
	getOptions,
	rateLimitWaitMs,
	requireContext,
} from '../../helpers/parameters';
import { yandexApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Context Type',
		name: 'contextType',
		type: 'options',
		options: [
			{ name: 'Order', value: 'ORDER', description: 'A chat about an order' },
			{
				name: 'Return',
				value: 'RETURN',
				description: 'A chat about a return (FBY, FBS and Express only)',
			},
		],
		default: 'ORDER',
		description:
			'What the chat is about. Yandex returns the existing chat when one is already open for it. Buyers open chats about products (Direct) themselves.',
	},
	{
		displayName: 'Order ID',
		name: 'contextId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 123456789',
		description: 'The ID of the order to open a chat about',
		displayOptions: { show: { contextType: ['ORDER'] } },
	},
	{
		displayName: 'Return ID',
		name: 'contextId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 123456789',
		description: 'The ID of the return (not of its order) to open a chat about',
		displayOptions: { show: { contextType: ['RETURN'] } },
	},
	optionsCollection(rateLimitWaitOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['chat'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const businessId = getBusinessId.call(this, i);
	const context = requireContext.call(
		this,
		this.getNodeParameter('contextType', i, 'ORDER'),
		this.getNodeParameter('contextId', i, ''),
		i,
	);
	const options = getOptions.call(this, i);
	// `context`, never the deprecated `orderId` (switched off 19.10.2026).
	const result = await yandexApiRequest.call(this, {
		endpoint: 'createChat',
		businessId,
		body: { context },
		itemIndex: i,
		maxRateLimitWaitMs: rateLimitWaitMs(options),
	});
	return [
		{
			json: {
				businessId,
				chatId: result.chatId,
				contextType: context.type,
				...(context.type === 'ORDER' ? { orderId: context.id } : { returnId: context.id }),
			},
		},
	];
}
