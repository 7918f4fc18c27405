import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	chatRLC,
	downloadAttachmentsOption,
	optionsCollection,
	rateLimitWaitOption,
	returnAllAndLimit,
	simplifyOption,
} from '../../descriptions/common';
import { formatMessage } from '../../helpers/format';
import type { ChatFullContext, ChatMessage } from '../../shared/contract';
import {
	getBusinessId,
	getChatId,
	getLimit,
	getOptions,
	rateLimitWaitMs,
	requireId,
} from '../../helpers/parameters';
import { withAttachments } from '../attachments';
import { yandexApiRequestAllItems } from '../../transport';

const properties: INodeProperties[] = [
	chatRLC,
	...returnAllAndLimit,
	{
		displayName: 'Messages From ID',
		name: 'messageIdFrom',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1234567',
		description:
			'Only this message and the later ones, to read just what is new since the last run (pass the last seen message ID and skip it, or that ID + 1). Leave empty for the whole history.',
	},
	optionsCollection(downloadAttachmentsOption, rateLimitWaitOption, simplifyOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['chat'], operation: ['getHistory'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const businessId = getBusinessId.call(this, i);
	const chatId = getChatId.call(this, i);
	const limit = getLimit.call(this, i);
	const rawFrom = this.getNodeParameter('messageIdFrom', i, '') as string | number;
	const body: IDataObject = {};
	if (String(rawFrom).trim() !== '') {
		body.messageIdFrom = requireId.call(this, rawFrom, 'Messages From ID', i);
	}
	const options = getOptions.call(this, i);
	const { items, result } = await yandexApiRequestAllItems.call(this, {
		endpoint: 'getChatHistory',
		businessId,
		qs: { chatId },
		body,
		itemsKey: 'messages',
		limit,
		itemIndex: i,
		maxRateLimitWaitMs: rateLimitWaitMs(options),
	});
	const context = result.context as ChatFullContext | undefined;
	const simplify = options.simplify !== false;
	const out: INodeExecutionData[] = [];
	for (const message of items) {
		const json = formatMessage(message as ChatMessage, businessId, chatId, context, simplify);
		out.push(
			options.downloadAttachments === true ? await withAttachments.call(this, json, i) : { json },
		);
	}
	return out;
}
