import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	chatRLC,
	downloadAttachmentsOption,
	optionsCollection,
	parallelRequestsOption,
	rateLimitWaitOption,
} from '../../descriptions/common';
import { formatMessage } from '../../helpers/format';
import type { ChatMessage } from '../../shared/contract';
import { getChatId, readItemBasics, requireId } from '../../helpers/parameters';
import { withAttachments } from '../attachments';
import type { ApiMethod } from '../../shared/contract';
import { callMethod } from '../../transport/api';
import { TOOL_ID_ARGUMENTS, TOOL_SENDER_VALUES } from '../../descriptions/tool';

const properties: INodeProperties[] = [
	chatRLC,
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1234567',
		description:
			'The ID of the message, for example the messageId of a Chat Message Sent notification from the Yandex Market Chats Trigger',
	},
	optionsCollection(downloadAttachmentsOption, parallelRequestsOption, rateLimitWaitOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['get'] } },
	properties,
);

export const option = {
	name: 'Get',
	description: 'Get one message of a chat by its ID: sender, text and attachments',
	action: 'Get a message',
};

export const access = 'read';

export const apiMethod = {
	operationId: 'getChatMessage',
	httpMethod: 'GET',
	path: '/chats/message',
	hourlyQuota: 1000,
	doing: 'getting a message',
	repeatable: true,
} as const satisfies ApiMethod;

export const toolDescription =
	'Get one message of a Yandex Market buyer chat by its ID. ' +
	`Arguments: ${TOOL_ID_ARGUMENTS} Message ID: digits only (the messageId of the trigger item). ` +
	`Returns businessId, chatId, the chat's order/return and buyer fields, messageId, createdAt, sender, message (the text) and payload (attachments), where ${TOOL_SENDER_VALUES}.`;

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { businessId, options, maxRateLimitWaitMs } = readItemBasics.call(this, i);
	const chatId = getChatId.call(this, i);
	const messageId = requireId.call(
		this,
		this.getNodeParameter('messageId', i, ''),
		'Message ID',
		i,
	);
	const message = await callMethod.call(this, {
		apiMethod,
		businessId,
		qs: { chatId, messageId },
		itemIndex: i,
		maxRateLimitWaitMs,
	});
	const json = formatMessage(message as ChatMessage, { businessId, chatId });
	return [
		options.downloadAttachments === true ? await withAttachments.call(this, json, i) : { json },
	];
}
