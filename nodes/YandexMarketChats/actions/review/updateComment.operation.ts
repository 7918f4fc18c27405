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
	commentIdProperty(
		"The shop's own comment to edit, digits only (canModify is true on the shop's comments)",
	),
	sellerTextProperty(`The new text of the comment: ${REVIEW_REPLY_TEXT_RULES}`),
	optionsCollection(rateLimitWaitOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['review'], operation: ['updateComment'] } },
	properties,
);

export const option = {
	name: 'Edit Comment',
	description: "Change the text of one of the shop's own comments under a review",
	action: 'Edit a review comment',
};

export const access = 'write';

export const apiMethod = {
	...commentMethod,
	doing: 'editing a review comment',
} as const satisfies ApiMethod;

export const toolDescription =
	"Replace the text of one of the shop's own public comments under a Yandex Market product review. " +
	`${TOOL_BOUND_TARGET} ` +
	`Arguments: Text: the complete new text, plain text, ${REVIEW_REPLY_TEXT_RULES}. ` +
	'Returns { success: true, businessId, commentId, feedbackId, text, status, canModify }.';

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	return await writeReviewComment.call(this, i, apiMethod, 'id');
}
