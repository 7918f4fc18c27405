import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	chatRLC,
	downloadAttachmentsOption,
	optionsCollection,
	parallelRequestsOption,
	rateLimitWaitOption,
	returnAllAndLimit,
	simplifyOption,
} from '../../descriptions/common';
import { chronological, formatHistory, formatMessage } from '../../helpers/format';
import type { ChatFullContext, ChatMessage } from '../../shared/contract';
import { getChatId, getLimit, readItemBasics, requireId } from '../../helpers/parameters';
import { withAttachments } from '../attachments';
import type { ApiMethod } from '../../shared/contract';
import { callMethodAllItems } from '../../transport/api';
import { TOOL_ID_ARGUMENTS, TOOL_SENDER_VALUES } from '../../descriptions/tool';

/**
 * The defaults differ for the AI tool (n8n's `@tool` display option): an agent needs the latest messages and the
 * chat context once, while workflows built on the node keep their oldest-first, one-item-per-message output.
 */
const WHICH_OPTIONS = [
	{
		name: 'Newest',
		value: 'newest',
		description:
			'The latest Limit messages, the oldest of them first. Every page of the history is read to find them, because Yandex does not document its order.',
	},
	{
		name: 'Oldest',
		value: 'oldest',
		description: 'The first Limit messages, from the start of the chat',
	},
];

const OUTPUT_OPTIONS = [
	{
		name: 'Chat With Messages',
		value: 'chat',
		description:
			"One item: the chat's context (order, return, buyer) once, then its messages in a list",
	},
	{
		name: 'One Item per Message',
		value: 'messages',
		description: "Each message as its own item, with the chat's context fields",
	},
];

const whichMessages: INodeProperties[] = [
	{
		displayName: 'Messages',
		name: 'which',
		type: 'options',
		options: WHICH_OPTIONS,
		default: 'oldest',
		description: 'Which end of the history the Limit keeps',
		displayOptions: { show: { returnAll: [false], '@tool': [false] } },
	},
	{
		displayName: 'Messages',
		name: 'which',
		type: 'options',
		options: WHICH_OPTIONS,
		default: 'newest',
		description: 'Which end of the history the Limit keeps',
		displayOptions: { show: { returnAll: [false], '@tool': [true] } },
	},
];

const output: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: OUTPUT_OPTIONS,
		default: 'messages',
		displayOptions: { show: { '@tool': [false] } },
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: OUTPUT_OPTIONS,
		default: 'chat',
		displayOptions: { show: { '@tool': [true] } },
	},
];

const properties: INodeProperties[] = [
	chatRLC,
	...returnAllAndLimit,
	...whichMessages,
	{
		displayName: 'Messages From ID',
		name: 'messageIdFrom',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1234567',
		description:
			'Only this message and the later ones, to read just what is new since the last run (pass the last seen message ID and skip it, or that ID + 1). Leave empty for the whole history.',
	},
	...output,
	optionsCollection(
		downloadAttachmentsOption,
		parallelRequestsOption,
		rateLimitWaitOption,
		simplifyOption,
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['chat'], operation: ['getHistory'] } },
	properties,
);

export const option = {
	name: 'Get History',
	description: 'Get the messages of a chat, optionally only those from a given message ID on',
	action: 'Get the history of a chat',
};

export const access = 'read';

export const apiMethod = {
	operationId: 'getChatHistory',
	httpMethod: 'POST',
	path: '/chats/history',
	hourlyQuota: 10000,
	doing: 'reading the chat history',
	repeatable: true,
} as const satisfies ApiMethod;

export const toolDescription =
	'Read the messages of a Yandex Market buyer chat: by default the newest ones, in time order (the last one is the latest). ' +
	`Arguments: ${TOOL_ID_ARGUMENTS} Limit: how many of the newest messages to read, 1 or more (when the model sets it). ` +
	'Returns the chat once (businessId, chatId, contextType, orderId, returnId, customerName, messageCount, totalMessages) and messages: a list of { messageId, createdAt, sender, message (the text), payload (attachments: name, url, size) }, where ' +
	`${TOOL_SENDER_VALUES}.`;

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { businessId, options, maxRateLimitWaitMs } = readItemBasics.call(this, i);
	const chatId = getChatId.call(this, i);
	const limit = getLimit.call(this, i);
	const newest =
		limit !== undefined && (this.getNodeParameter('which', i, 'oldest') as string) === 'newest';
	const asChat = (this.getNodeParameter('output', i, 'messages') as string) === 'chat';
	const rawFrom = this.getNodeParameter('messageIdFrom', i, '') as string | number;
	const body: IDataObject = {};
	if (String(rawFrom).trim() !== '') {
		body.messageIdFrom = requireId.call(this, rawFrom, 'Messages From ID', i);
	}
	if (asChat && options.downloadAttachments === true) {
		throw new NodeOperationError(
			this.getNode(),
			'Download Attachments needs Output "One Item per Message": each message item carries its own files',
			{ itemIndex: i },
		);
	}
	const { items, result } = await callMethodAllItems.call(this, {
		apiMethod,
		businessId,
		qs: { chatId },
		body,
		itemsKey: 'messages',
		// The newest messages can be anywhere in the answer, so the whole history is read.
		limit: newest ? undefined : limit,
		itemIndex: i,
		maxRateLimitWaitMs,
	});
	let messages = items as ChatMessage[];
	const totalMessages = limit === undefined || newest ? messages.length : undefined;
	if (newest) messages = chronological(messages).slice(-(limit as number));
	const context = result.context as ChatFullContext | undefined;
	const shape = { businessId, chatId, context, simplify: options.simplify !== false };
	if (asChat) {
		return [{ json: formatHistory(messages, { ...shape, totalMessages }) }];
	}
	const out: INodeExecutionData[] = [];
	for (const message of messages) {
		const json = formatMessage(message, shape);
		out.push(
			options.downloadAttachments === true ? await withAttachments.call(this, json, i) : { json },
		);
	}
	return out;
}
