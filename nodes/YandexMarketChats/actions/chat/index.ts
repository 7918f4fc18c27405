import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getHistory from './getHistory.operation';

export { create, get, getAll, getHistory };

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['chat'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			description:
				'Open a chat with the buyer about an order or a return, or get the one already open',
			action: 'Create a chat',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a chat by ID with its status and context: order, return, store and buyer',
			action: 'Get a chat',
		},
		{
			name: 'Get History',
			value: 'getHistory',
			description: 'Get the messages of a chat, optionally only those from a given message ID on',
			action: 'Get the history of a chat',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description:
				'Get many chats, filtered by status, type, context or order/return. Use status Waiting for Partner to find chats that need an answer.',
			action: 'Get many chats',
		},
	],
	default: 'getAll',
};

export const description: INodeProperties[] = [
	...get.description,
	...getAll.description,
	...create.description,
	...getHistory.description,
];
