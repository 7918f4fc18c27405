import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as send from './send.operation';
import * as sendFile from './sendFile.operation';

export { get, send, sendFile };

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['message'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			description: 'Get one message of a chat by its ID: sender, text and attachments',
			action: 'Get a message',
		},
		{
			name: 'Send',
			value: 'send',
			description: 'Send a text message to the buyer in a chat',
			action: 'Send a message',
		},
		{
			name: 'Send File',
			value: 'sendFile',
			description: 'Send a file (up to 5 MB) from a binary field to the buyer in a chat',
			action: 'Send a file',
		},
	],
	default: 'send',
};

export const description: INodeProperties[] = [
	...get.description,
	...send.description,
	...sendFile.description,
];
