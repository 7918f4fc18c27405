import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	optionsCollection,
	parallelRequestsOption,
	rateLimitWaitOption,
	returnAllAndLimit,
} from '../../descriptions/common';
import { formatReview } from '../../helpers/communication';
import { optionalDateTime, requireIdList } from '../../helpers/parameters';
import { COMMUNICATION_LIMITS, reviewWindowProblem } from '../../shared/communication';
import type { ApiMethod } from '../../shared/contract';
import { TOOL_BUSINESS_ARGUMENT } from '../../descriptions/tool';
import type { YandexContext } from '../../transport/context';
import { listItems } from '../communication';

const L = COMMUNICATION_LIMITS;

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
				displayName: 'From',
				name: 'dateTimeFrom',
				type: 'dateTime',
				default: '',
				description:
					'Only reviews after this moment (exclusive). Yandex Market lists at most 6 months per request; without From it lists the 6 months before To.',
			},
			{
				displayName: 'Paid',
				name: 'paid',
				type: 'options',
				options: [
					{ name: 'Paid Only', value: 'paid', description: 'Reviews written for Plus points' },
					{ name: 'Unpaid Only', value: 'unpaid' },
				],
				default: 'paid',
				description: 'Only reviews the buyer got Plus points for, or only the others',
			},
			{
				displayName: 'Ratings',
				name: 'ratingValues',
				type: 'multiOptions',
				options: [
					{ name: '1 Star', value: 1 },
					{ name: '2 Stars', value: 2 },
					{ name: '3 Stars', value: 3 },
					{ name: '4 Stars', value: 4 },
					{ name: '5 Stars', value: 5 },
				],
				default: [],
				description: 'Only reviews with these star ratings',
			},
			{
				displayName: 'Reaction Status',
				name: 'reactionStatus',
				type: 'options',
				options: [
					{ name: 'All', value: 'ALL' },
					{
						name: 'Needs Reaction',
						value: 'NEED_REACTION',
						description:
							'Not answered, not marked as handled, and not yet opened in the seller cabinet',
					},
				],
				default: 'NEED_REACTION',
				description: 'Whether to list only the reviews that still need a reaction from the shop',
			},
			{
				displayName: 'Review IDs',
				name: 'feedbackIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 80001, 80002',
				description:
					'Only these reviews, 1 to 50 IDs separated by commas (any age). Yandex Market does not combine this with other filters.',
			},
			{
				displayName: 'SKUs',
				name: 'offerIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. KETTLE-1700-WHITE, 100256',
				description:
					'Only reviews of these products: your SKUs (offer IDs), 1 to 20 separated by commas',
			},
			{
				displayName: 'To',
				name: 'dateTimeTo',
				type: 'dateTime',
				default: '',
				description: 'Only reviews before this moment (exclusive); default now',
			},
		],
	},
	optionsCollection(parallelRequestsOption, rateLimitWaitOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['review'], operation: ['getAll'] } },
	properties,
);

export const option = {
	name: 'Get Many',
	description:
		'Get many product reviews, filtered by rating, SKU, date or whether they still need a reaction',
	action: 'Get many reviews',
};

export const access = 'read';

export const apiMethod = {
	operationId: 'getGoodsFeedbacks',
	httpMethod: 'POST',
	path: '/goods-feedback',
	hourlyQuota: 5000,
	hourlyQuotaMedium: 10000,
	doing: 'listing reviews',
	repeatable: true,
} as const satisfies ApiMethod;

export const toolDescription =
	'List the product reviews of a Yandex Market business, newest first. ' +
	`Arguments: ${TOOL_BUSINESS_ARGUMENT} ` +
	'Limit: how many reviews at most (when the model sets it). ' +
	'Returns one entry per review: businessId, feedbackId, createdAt, needReaction (true = the shop has not reacted yet), rating (1-5 stars), recommended, commentsCount, paidAmount (Plus points when it is a paid review), orderId, offerId (the SKU), authorName, advantages, disadvantages, comment, photos, videos.';

function texts(value: unknown): string[] {
	return [
		...new Set(
			String(value ?? '')
				.split(',')
				.map((s) => s.trim())
				.filter((s) => s !== ''),
		),
	];
}

/**
 * GetGoodsFeedbackRequest from the Filters, every documented limit checked first: Review IDs alone (Yandex refuses
 * them with other filters), at most 20 SKUs of 1-255 characters, ratings 1-5, a window of at most 6 months.
 */
export function buildReviewsFilter(
	this: YandexContext,
	filters: IDataObject,
	i: number,
	now = Date.now(),
): IDataObject {
	const fail = (message: string) =>
		new NodeOperationError(this.getNode(), message, { itemIndex: i });
	const body: IDataObject = {};
	const ids = String(filters.feedbackIds ?? '').trim();
	if (ids !== '') {
		const others = Object.entries(filters).filter(
			([key, v]) => key !== 'feedbackIds' && v !== '' && !(Array.isArray(v) && v.length === 0),
		);
		if (others.length > 0)
			throw fail(
				`Review IDs cannot be combined with other filters (also set: ${others.map(([k]) => k).join(', ')}): Yandex Market refuses the request`,
			);
		return { feedbackIds: requireIdList.call(this, ids, 'Review IDs', L.idListMax, i) };
	}
	const from = optionalDateTime.call(this, filters.dateTimeFrom, 'From', i);
	const to = optionalDateTime.call(this, filters.dateTimeTo, 'To', i);
	const window = reviewWindowProblem(from, to, now);
	if (window) throw fail(window);
	if (from !== undefined) body.dateTimeFrom = new Date(from).toISOString();
	if (to !== undefined) body.dateTimeTo = new Date(to).toISOString();
	if (filters.reactionStatus === 'NEED_REACTION') body.reactionStatus = 'NEED_REACTION';
	const ratings = [...new Set(((filters.ratingValues ?? []) as unknown[]).map(Number))];
	if (ratings.some((r) => !Number.isInteger(r) || r < L.ratingMin || r > L.ratingMax))
		throw fail(`Ratings must be whole numbers from ${L.ratingMin} to ${L.ratingMax}`);
	if (ratings.length > 0) body.ratingValues = ratings;
	const skus = texts(filters.offerIds);
	if (skus.length > L.offerIdsMax)
		throw fail(`SKUs can list at most ${L.offerIdsMax} products, got ${skus.length}`);
	const long = skus.find((s) => s.length > L.skuMaxLength);
	if (long) throw fail(`Each SKU has at most ${L.skuMaxLength} characters, got ${long.length}`);
	// SKUs stay strings, also all-digit ones (offerIds is not an int64 field: see shared/int64.ts).
	if (skus.length > 0) body.offerIds = skus;
	if (filters.paid === 'paid' || filters.paid === 'unpaid') body.paid = filters.paid === 'paid';
	return body;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	return await listItems.call(this, i, {
		apiMethod,
		body: buildReviewsFilter.call(this, filters, i),
		itemsKey: 'feedbacks',
		format: formatReview,
	});
}
