import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	chatRLC,
	optionsCollection,
	rateLimitWaitOption,
	simplifyOption,
} from '../../descriptions/common';
import {
	formatChat,
	getBusinessId,
	getChatId,
	getOptions,
	rateLimitWaitMs,
} from '../../helpers/utils';
import { yandexApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	chatRLC,
	optionsCollection(rateLimitWaitOption, simplifyOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['chat'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const businessId = getBusinessId.call(this, i);
	const chatId = getChatId.call(this, i);
	const options = getOptions.call(this, i);
	const chat = await yandexApiRequest.call(this, {
		endpoint: 'getChat',
		businessId,
		qs: { chatId },
		itemIndex: i,
		maxRateLimitWaitMs: rateLimitWaitMs(options),
	});
	return [{ json: formatChat(chat as IDataObject, businessId, options.simplify !== false) }];
}
