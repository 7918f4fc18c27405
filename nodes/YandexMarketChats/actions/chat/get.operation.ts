import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	chatRLC,
	optionsCollection,
	parallelRequestsOption,
	rateLimitWaitOption,
	simplifyOption,
} from '../../descriptions/common';
import { formatChat } from '../../helpers/format';
import type { Chat } from '../../shared/contract';
import { getBusinessId, getChatId, getOptions, rateLimitWaitMs } from '../../helpers/parameters';
import { yandexApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	chatRLC,
	optionsCollection(parallelRequestsOption, rateLimitWaitOption, simplifyOption),
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
	return [{ json: formatChat(chat as Chat, businessId, options.simplify !== false) }];
}
