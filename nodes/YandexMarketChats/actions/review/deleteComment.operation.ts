import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, rateLimitWaitOption } from '../../descriptions/common';
import { TOOL_BOUND_TARGET, commentIdProperty } from '../../descriptions/communication';
import { readItemBasics } from '../../helpers/parameters';
import type { ApiMethod } from '../../shared/contract';
import { callMethod } from '../../transport/api';
import { getIdParameter } from '../communication';

const properties: INodeProperties[] = [
	commentIdProperty("The shop's own comment to delete, digits only"),
	optionsCollection(rateLimitWaitOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['review'], operation: ['deleteComment'] } },
	properties,
);

export const option = {
	name: 'Delete Comment',
	description: "Delete one of the shop's own comments under a review",
	action: 'Delete a review comment',
};

export const access = 'write';

export const apiMethod = {
	operationId: 'deleteGoodsFeedbackComment',
	httpMethod: 'POST',
	path: '/goods-feedback/comments/delete',
	hourlyQuota: 1000,
	doing: 'deleting a review comment',
	repeatable: false,
	checkFirst: "the review's comments in the seller cabinet",
} as const satisfies ApiMethod;

export const toolDescription =
	"Delete one of the shop's own public comments under a Yandex Market product review; it cannot be undone. " +
	`${TOOL_BOUND_TARGET} ` +
	'Arguments: none. ' +
	'Returns { success: true, businessId, commentId, deleted: true }.';

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { businessId, maxRateLimitWaitMs } = readItemBasics.call(this, i);
	const commentId = getIdParameter.call(this, 'commentId', 'Comment ID', i);
	await callMethod.call(this, {
		apiMethod,
		businessId,
		body: { id: commentId },
		itemIndex: i,
		maxRateLimitWaitMs,
	});
	return [{ json: { success: true, businessId, commentId, deleted: true } }];
}
