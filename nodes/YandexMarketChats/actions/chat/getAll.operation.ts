import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	CHAT_CONTEXT_TYPES,
	CHAT_IDENTIFIABLE_CONTEXT_TYPES,
	CHAT_STATUSES,
	CHAT_TYPES,
} from '../../shared/contract';
import {
	optionsCollection,
	rateLimitWaitOption,
	returnAllAndLimit,
	simplifyOption,
} from '../../descriptions/common';
import {
	formatChat,
	getBusinessId,
	getLimit,
	getOptions,
	rateLimitWaitMs,
	requireId,
	toItems,
} from '../../helpers/utils';
import { yandexApiRequestAllItems } from '../../transport';

const STATUS_NAMES: Record<string, string> = {
	FINISHED: 'Finished',
	NEW: 'New',
	WAITING_FOR_ARBITER: 'Waiting for Arbiter',
	WAITING_FOR_CUSTOMER: 'Waiting for Customer',
	WAITING_FOR_MARKET: 'Waiting for Market',
	WAITING_FOR_PARTNER: 'Waiting for Partner (Seller Must Answer)',
};
const TYPE_NAMES: Record<string, string> = { ARBITRAGE: 'Arbitrage (Dispute)', CHAT: 'Chat' };
const CONTEXT_NAMES: Record<string, string> = {
	DIRECT: 'Direct (About a Product)',
	ORDER: 'Order',
	RETURN: 'Return',
};

function sortedOptions(values: readonly string[], names: Record<string, string>) {
	return values
		.map((value) => ({ name: names[value] ?? value, value }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

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
				options: sortedOptions(CHAT_CONTEXT_TYPES, CONTEXT_NAMES),
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
								options: sortedOptions(CHAT_IDENTIFIABLE_CONTEXT_TYPES, CONTEXT_NAMES),
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
				options: sortedOptions(CHAT_STATUSES, STATUS_NAMES),
				default: [],
				description:
					'Only chats in these statuses. "Waiting for Partner" are the chats where the seller must answer.',
			},
			{
				displayName: 'Types',
				name: 'types',
				type: 'multiOptions',
				options: sortedOptions(CHAT_TYPES, TYPE_NAMES),
				default: [],
				description: 'Only chats of these types',
			},
		],
	},
	optionsCollection(rateLimitWaitOption, simplifyOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['chat'], operation: ['getAll'] } },
	properties,
);

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
		const type = String(entry.type ?? 'ORDER');
		if (!(CHAT_IDENTIFIABLE_CONTEXT_TYPES as readonly string[]).includes(type)) {
			throw new NodeOperationError(
				this.getNode(),
				`Context type must be ORDER or RETURN, got "${type}"`,
				{
					itemIndex: i,
				},
			);
		}
		const id = requireId.call(this, entry.id, type === 'ORDER' ? 'Order ID' : 'Return ID', i);
		if (seen.has(`${type}:${id}`)) continue;
		seen.add(`${type}:${id}`);
		// Never the deprecated orderIds filter (switched off 19.10.2026).
		contexts.push({ type, id });
	}
	if (contexts.length > 0) body.contexts = contexts;
	return body;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const businessId = getBusinessId.call(this, i);
	const limit = getLimit.call(this, i);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const options = getOptions.call(this, i);
	const { items } = await yandexApiRequestAllItems.call(this, {
		endpoint: 'getChats',
		businessId,
		body: buildChatsFilter.call(this, filters, i),
		itemsKey: 'chats',
		limit,
		itemIndex: i,
		maxRateLimitWaitMs: rateLimitWaitMs(options),
	});
	const simplify = options.simplify !== false;
	return toItems(items.map((chat) => formatChat(chat, businessId, simplify)));
}
