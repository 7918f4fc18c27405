import type { INodeProperties } from 'n8n-workflow';

import * as chat from './chat';
import * as message from './message';
import { businessRLC } from '../descriptions/common';
import { toolDescriptionProperties } from '../descriptions/tool';

/**
 * The node's parameters. The class description itself stays in YandexMarketChats.node.ts because n8n's lint rules
 * (icon-validation, node-filename-against-convention, node-usable-as-tool) only read it there.
 */
export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Chat', value: 'chat' },
			{ name: 'Message', value: 'message' },
		],
		default: 'chat',
	},
	chat.operationProperty,
	message.operationProperty,
	...toolDescriptionProperties,
	businessRLC,
	...chat.description,
	...message.description,
];
