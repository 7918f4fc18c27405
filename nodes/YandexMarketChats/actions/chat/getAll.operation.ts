import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	CHAT_CONTEXT_TYPES,
	CHAT_IDENTIFIABLE_CONTEXT_TYPES,
	CHAT_STATUSES,
	CHAT_TYPES,
} from '../../shared/contract';
import {
	optionsCollection,
	parallelRequestsOption,
	rateLimitWaitOption,
	returnAllAndLimit,
	simplifyOption,
} from '../../descriptions/common';
import {
	CHAT_CONTEXT_NAMES,
	CHAT_STATUS_NAMES,
	CHAT_TYPE_NAMES,
	sortedOptions,
} from '../../descriptions/labels';
import { formatChat } from '../../helpers/format';
import { getLimit, readItemBasics, requireContext } from '../../helpers/parameters';
import type { Chat } from '../../shared/contract';
import type { ApiMethod } from '../../shared/contract';
import { callMethodAllItems } from '../../transport/api';

const properties: INodeProperties[] = [
	...returnAllAndLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Context Types',
				name: 'contextTypes',
				type: 'multiOptions',
				options: sortedOptions(CHAT_CONTEXT_TYPES, CHAT_CONTEXT_NAMES),
				default: [],
				description: 'Only chats about these kinds of subject',
			},
			{
				displayName: 'Orders or Returns',
				name: 'contexts',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Order or Return',
				default: {},
				description: 'Only chats about these orders or returns',
				options: [
					{
						displayName: 'Context',
						name: 'context',
						values: [
							{
								displayName: 'Type',
								name: 'type',
								type: 'options',
								options: sortedOptions(CHAT_IDENTIFIABLE_CONTEXT_TYPES, CHAT_CONTEXT_NAMES),
								default: 'ORDER',
							},
							{
								displayName: 'ID',
								name: 'id',
								type: 'string',
								default: '',
								placeholder: 'e.g. 123456789',
								description: 'The order ID for Order, the return ID for Return',
							},
						],
					},
				],
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: sortedOptions(CHAT_STATUSES, CHAT_STATUS_NAMES),
				default: [],
				description:
					'Only chats in these statuses. "Waiting for Partner" are the chats where the seller must answer.',
			},
			{
				displayName: 'Types',
				name: 'types',
				type: 'multiOptions',
				options: sortedOptions(CHAT_TYPES, CHAT_TYPE_NAMES),
				default: [],
				description: 'Only chats of these types',
			},
		],
	},
	optionsCollection(parallelRequestsOption, rateLimitWaitOption, simplifyOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['chat'], operation: ['getAll'] } },
	properties,
);

export const option = {
	name: 'Get Many',
	description:
		'Get many chats, filtered by status, type, context or order/return. Use status Waiting for Partner to find chats that need an answer.',
	action: 'Get many chats',
};

export const access = 'read';

export const apiMethod = {
	operationId: 'getChats',
	httpMethod: 'POST',
	path: '/chats',
	hourlyQuota: 5000,
	doing: 'listing chats',
	repeatable: true,
} as const satisfies ApiMethod;

export const toolDescription =
	'List the Yandex Market buyer chats of a business, most recently active first. ' +
	'Arguments: Business: the business (cabinet) ID, digits only, e.g. 10001. Limit: how many chats at most (when the model sets it). ' +
	'Returns one entry per chat: businessId, chatId, type, status (WAITING_FOR_PARTNER = needs an answer), contextType, orderId, returnId, customerName, updatedAt.';

function unique(values: unknown): string[] {
	return Array.isArray(values) ? [...new Set(values.map(String))] : [];
}

/** GetChatsRequest. Yandex rejects empty filter arrays (minItems 1) and duplicates (uniqueItems), so both are dropped. */
export function buildChatsFilter(
	this: IExecuteFunctions,
	filters: IDataObject,
	i: number,
): IDataObject {
	const body: IDataObject = {};
	for (const key of ['statuses', 'types', 'contextTypes'] as const) {
		const values = unique(filters[key]);
		if (values.length > 0) body[key] = values;
	}
	const entries = ((filters.contexts as IDataObject | undefined)?.context ?? []) as IDataObject[];
	const seen = new Set<string>();
	const contexts: IDataObject[] = [];
	for (const entry of entries) {
		const { type, id } = requireContext.call(this, entry.type ?? 'ORDER', entry.id, i);
		if (seen.has(`${type}:${id}`)) continue;
		seen.add(`${type}:${id}`);
		// Never the deprecated orderIds filter (switched off 19.10.2026).
		contexts.push({ type, id });
	}
	if (contexts.length > 0) body.contexts = contexts;
	return body;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { businessId, options, maxRateLimitWaitMs } = readItemBasics.call(this, i);
	const limit = getLimit.call(this, i);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const { items } = await callMethodAllItems.call(this, {
		apiMethod,
		businessId,
		body: buildChatsFilter.call(this, filters, i),
		itemsKey: 'chats',
		limit,
		itemIndex: i,
		maxRateLimitWaitMs,
	});
	const shape = { businessId, simplify: options.simplify !== false };
	return items.map((chat) => ({ json: formatChat(chat as Chat, shape) }));
}
