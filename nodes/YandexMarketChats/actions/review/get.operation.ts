import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { reviewIdProperty } from '../../descriptions/communication';
import {
	optionsCollection,
	parallelRequestsOption,
	rateLimitWaitOption,
} from '../../descriptions/common';
import { formatReview } from '../../helpers/communication';
import { readItemBasics } from '../../helpers/parameters';
import type { ApiMethod } from '../../shared/contract';
import { TOOL_BUSINESS_ARGUMENT } from '../../descriptions/tool';
import { findOne } from '../communication';
import { apiMethod as listMethod } from './getAll.operation';

const properties: INodeProperties[] = [
	reviewIdProperty,
	optionsCollection(parallelRequestsOption, rateLimitWaitOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['review'], operation: ['get'] } },
	properties,
);

export const option = {
	name: 'Get',
	description: 'Get a review by ID: rating, texts, photos, order and SKU',
	action: 'Get a review',
};

export const access = 'read';

/** The review list with `feedbackIds: [id]`: Yandex has no method for a single review. */
export const apiMethod = {
	...listMethod,
	doing: 'reading a review',
} as const satisfies ApiMethod;

export const toolDescription =
	'Get one product review of a Yandex Market business. ' +
	`Arguments: ${TOOL_BUSINESS_ARGUMENT} ` +
	'Review ID: the feedbackId, digits only (of the trigger item or from Get Many). ' +
	'Returns businessId, feedbackId, createdAt, needReaction, rating (1-5 stars), recommended, commentsCount, paidAmount, orderId, offerId (the SKU), authorName, advantages, disadvantages, comment, photos, videos.';

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { businessId, maxRateLimitWaitMs } = readItemBasics.call(this, i);
	const review = await findOne.call(this, {
		apiMethod,
		businessId,
		idParameter: 'feedbackId',
		field: 'Review ID',
		filterKey: 'feedbackIds',
		itemsKey: 'feedbacks',
		itemIndex: i,
		maxRateLimitWaitMs,
		missing: 'Yandex Market no longer returns reviews the buyer or Yandex deleted.',
	});
	return [{ json: formatReview(review, businessId) }];
}
