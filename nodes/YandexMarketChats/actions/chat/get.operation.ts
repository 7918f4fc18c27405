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
import { getChatId, readItemBasics } from '../../helpers/parameters';
import type { ApiMethod } from '../../shared/contract';
import { callMethod } from '../../transport/api';
import { TOOL_ID_ARGUMENTS } from '../../descriptions/tool';

const properties: INodeProperties[] = [
	chatRLC,
	optionsCollection(parallelRequestsOption, rateLimitWaitOption, simplifyOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['chat'], operation: ['get'] } },
	properties,
);

export const option = {
	name: 'Get',
	description: 'Get a chat by ID with its status and context: order, return, store and buyer',
	action: 'Get a chat',
};

export const access = 'read';

export const apiMethod = {
	operationId: 'getChat',
	httpMethod: 'GET',
	// Singular "/chat": the only chat path without the plural.
	path: '/chat',
	hourlyQuota: 1000,
	doing: 'getting a chat',
	repeatable: true,
} as const satisfies ApiMethod;

export const toolDescription =
	'Get one Yandex Market buyer chat: what it is about and where it stands. ' +
	`Arguments: ${TOOL_ID_ARGUMENTS} ` +
	'Returns businessId, chatId, type (CHAT, or ARBITRAGE for a dispute), status (WAITING_FOR_PARTNER means the seller must answer; FINISHED means closed), contextType (ORDER, RETURN or DIRECT = a question about a product), orderId, returnId, campaignId (the store), customerName, customerPublicId, createdAt, updatedAt.';

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { businessId, options, maxRateLimitWaitMs } = readItemBasics.call(this, i);
	const chatId = getChatId.call(this, i);
	const chat = await callMethod.call(this, {
		apiMethod,
		businessId,
		qs: { chatId },
		itemIndex: i,
		maxRateLimitWaitMs,
	});
	return [{ json: formatChat(chat as Chat, { businessId, simplify: options.simplify !== false }) }];
}
