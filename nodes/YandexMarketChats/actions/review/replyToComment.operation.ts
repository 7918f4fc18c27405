import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, rateLimitWaitOption } from '../../descriptions/common';
import {
	REVIEW_REPLY_TEXT_RULES,
	TOOL_BOUND_TARGET,
	commentIdProperty,
	reviewIdProperty,
	sellerTextProperty,
} from '../../descriptions/communication';
import type { ApiMethod } from '../../shared/contract';
import { commentMethod, writeReviewComment } from './commentWrite';

const properties: INodeProperties[] = [
	reviewIdProperty,
	commentIdProperty('The comment to answer, digits only (the commentId of a trigger item)'),
	sellerTextProperty(`The shop's public reply to the comment: ${REVIEW_REPLY_TEXT_RULES}`),
	optionsCollection(rateLimitWaitOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['review'], operation: ['replyToComment'] } },
	properties,
);

export const option = {
	name: 'Reply to Comment',
	description: "Publish the shop's reply to a comment in a review's thread",
	action: 'Reply to a review comment',
};

export const access = 'write';

export const apiMethod = {
	...commentMethod,
	doing: 'replying to a review comment',
} as const satisfies ApiMethod;

export const toolDescription =
	"Publish the shop's public reply to a comment under a Yandex Market product review. Every buyer sees it and it cannot be sent twice: send one complete reply, once. " +
	`${TOOL_BOUND_TARGET} ` +
	`Arguments: Text: the reply, plain text, ${REVIEW_REPLY_TEXT_RULES}. ` +
	'Returns { success: true, businessId, commentId (the new reply), feedbackId, parentId (the comment answered), text, status, canModify }.';

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	return await writeReviewComment.call(this, i, apiMethod, 'parentId');
}
