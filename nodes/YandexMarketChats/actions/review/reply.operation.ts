import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, rateLimitWaitOption } from '../../descriptions/common';
import {
	REVIEW_REPLY_TEXT_RULES,
	TOOL_BOUND_TARGET,
	reviewIdProperty,
	sellerTextProperty,
} from '../../descriptions/communication';
import { commentMethod, writeReviewComment } from './commentWrite';

const properties: INodeProperties[] = [
	reviewIdProperty,
	sellerTextProperty(`The shop's public reply to the review: ${REVIEW_REPLY_TEXT_RULES}`),
	optionsCollection(rateLimitWaitOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['review'], operation: ['reply'] } },
	properties,
);

export const option = {
	name: 'Reply',
	description:
		"Publish the shop's reply to a review (a comment under it); the review then no longer needs a reaction",
	action: 'Reply to a review',
};

export const access = 'write';

export const apiMethod = commentMethod;

export const toolDescription =
	"Publish the shop's public reply under a Yandex Market product review. Every buyer sees it on the product page and it cannot be sent twice: send one complete reply, once. " +
	`${TOOL_BOUND_TARGET} ` +
	`Arguments: Text: the reply, plain text, ${REVIEW_REPLY_TEXT_RULES}. ` +
	'Returns { success: true, businessId, commentId, feedbackId, text, status (UNMODERATED until Yandex checks it), canModify }.';

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	return await writeReviewComment.call(this, i, apiMethod, 'review');
}
