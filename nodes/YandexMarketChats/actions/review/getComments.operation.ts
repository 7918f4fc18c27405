import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { reviewIdProperty } from '../../descriptions/communication';
import {
	optionsCollection,
	parallelRequestsOption,
	rateLimitWaitOption,
	returnAllAndLimit,
} from '../../descriptions/common';
import { formatReviewComment } from '../../helpers/communication';
import type { ApiMethod } from '../../shared/contract';
import { TOOL_BUSINESS_ARGUMENT } from '../../descriptions/tool';
import { getIdParameter, listItems } from '../communication';

const properties: INodeProperties[] = [
	reviewIdProperty,
	...returnAllAndLimit,
	optionsCollection(parallelRequestsOption, rateLimitWaitOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['review'], operation: ['getComments'] } },
	properties,
);

export const option = {
	name: 'Get Comments',
	description:
		"Get a review's comment thread: buyers' and the brand's comments and the shop's replies, oldest first",
	action: 'Get the comments of a review',
};

export const access = 'read';

export const apiMethod = {
	operationId: 'getGoodsFeedbackComments',
	httpMethod: 'POST',
	path: '/goods-feedback/comments',
	hourlyQuota: 5000,
	hourlyQuotaMedium: 10000,
	doing: 'reading review comments',
	repeatable: true,
} as const satisfies ApiMethod;

export const toolDescription =
	'Read the comment thread under a Yandex Market product review. ' +
	`Arguments: ${TOOL_BUSINESS_ARGUMENT} ` +
	'Review ID: the feedbackId, digits only. Limit: how many comments at most (when the model sets it). ' +
	'Returns one entry per comment: commentId, feedbackId, parentId (only on a reply to another comment), text, status (PUBLISHED, UNMODERATED, BANNED, DELETED), canModify, authorType (USER = a buyer, BUSINESS = this shop, BRAND), authorName, fromSeller.';

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const feedbackId = getIdParameter.call(this, 'feedbackId', 'Review ID', i);
	return await listItems.call(this, i, {
		apiMethod,
		body: { feedbackId },
		itemsKey: 'comments',
		format: formatReviewComment,
	});
}
