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
import {
	getBusinessId,
	getChatId,
	getOptions,
	rateLimitWaitMs,
	requireId,
} from '../../helpers/parameters';
import { withAttachments } from '../attachments';
import { yandexApiRequest } from '../../transport';

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

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const businessId = getBusinessId.call(this, i);
	const chatId = getChatId.call(this, i);
	const messageId = requireId.call(
		this,
		this.getNodeParameter('messageId', i, ''),
		'Message ID',
		i,
	);
	const options = getOptions.call(this, i);
	const message = await yandexApiRequest.call(this, {
		endpoint: 'getChatMessage',
		businessId,
		qs: { chatId, messageId },
		itemIndex: i,
		maxRateLimitWaitMs: rateLimitWaitMs(options),
	});
	const json = formatMessage(message as ChatMessage, businessId, chatId, undefined, true);
	return [
		options.downloadAttachments === true ? await withAttachments.call(this, json, i) : { json },
	];
}
