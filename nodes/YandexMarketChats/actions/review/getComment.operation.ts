import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { commentIdProperty } from '../../descriptions/communication';
import {
	optionsCollection,
	parallelRequestsOption,
	rateLimitWaitOption,
} from '../../descriptions/common';
import { formatReviewComment } from '../../helpers/communication';
import { readItemBasics } from '../../helpers/parameters';
import type { ApiMethod } from '../../shared/contract';
import { TOOL_BUSINESS_ARGUMENT } from '../../descriptions/tool';
import { findOne } from '../communication';
import { apiMethod as commentsMethod } from './getComments.operation';

const properties: INodeProperties[] = [
	commentIdProperty(
		'The comment, digits only: the commentId of a trigger item (a new review comment carries no review ID; this finds it)',
	),
	optionsCollection(parallelRequestsOption, rateLimitWaitOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['review'], operation: ['getComment'] } },
	properties,
);

export const option = {
	name: 'Get Comment',
	description: 'Get one review comment by ID, with the review it belongs to',
	action: 'Get a review comment',
};

export const access = 'read';

/** The comment list with `commentIds: [id]`. */
export const apiMethod = {
	...commentsMethod,
	doing: 'reading a review comment',
} as const satisfies ApiMethod;

export const toolDescription =
	'Get one comment under a Yandex Market product review. ' +
	`Arguments: ${TOOL_BUSINESS_ARGUMENT} ` +
	'Comment ID: the commentId, digits only. ' +
	'Returns commentId, feedbackId (the review), parentId (only on a reply to another comment), text, status, canModify, authorType (USER = a buyer, BUSINESS = this shop, BRAND), authorName, fromSeller.';

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { businessId, maxRateLimitWaitMs } = readItemBasics.call(this, i);
	const comment = await findOne.call(this, {
		apiMethod,
		businessId,
		idParameter: 'commentId',
		field: 'Comment ID',
		filterKey: 'commentIds',
		itemsKey: 'comments',
		itemIndex: i,
		maxRateLimitWaitMs,
		missing: 'Yandex Market leaves out deleted comments and the comments of deleted reviews.',
	});
	return [{ json: formatReviewComment(comment, businessId) }];
}
