import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, rateLimitWaitOption } from '../../descriptions/common';
import { readItemBasics, requireContext } from '../../helpers/parameters';
import type { ApiMethod } from '../../shared/contract';
import { callMethod } from '../../transport/api';

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

export const option = {
	name: 'Create',
	description: 'Open a chat with the buyer about an order or a return, or get the one already open',
	action: 'Create a chat',
};

/** Posts nothing the buyer sees, but opens a chat: runs in input order with the sends. */
export const access = 'write';

export const apiMethod = {
	operationId: 'createChat',
	httpMethod: 'POST',
	path: '/chats/new',
	hourlyQuota: 1000,
	doing: 'opening a chat',
	// Yandex returns the existing chat for a context, so repeating the call is harmless.
	repeatable: true,
} as const satisfies ApiMethod;

export const toolDescription =
	'Open a Yandex Market chat with the buyer of an order or a return, or get the chat that is already open for it. ' +
	'Arguments: Business: the business (cabinet) ID, digits only. Order ID: the ID of the order, digits only (for an order chat). Return ID: the ID of the return, digits only (for a return chat). ' +
	'Returns businessId, chatId (use it to send messages), contextType and orderId or returnId.';

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { businessId, maxRateLimitWaitMs } = readItemBasics.call(this, i);
	const context = requireContext.call(
		this,
		this.getNodeParameter('contextType', i, 'ORDER'),
		this.getNodeParameter('contextId', i, ''),
		i,
	);
	// `context`, never the deprecated `orderId` (switched off 19.10.2026).
	const result = await callMethod.call(this, {
		apiMethod,
		businessId,
		body: { context },
		itemIndex: i,
		maxRateLimitWaitMs,
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
