/**
 * updateGoodsFeedbackComment: one method replies to a review (feedbackId + text), replies to a comment (+ parentId)
 * and edits the shop's own comment (+ id). Reply, Reply to Comment and Edit Comment are three operations over it, so
 * each is a tool whose only model-chosen argument is the text.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { formatReviewComment } from '../../helpers/communication';
import { readItemBasics, requireSellerText } from '../../helpers/parameters';
import type { ApiMethod } from '../../shared/contract';
import { callMethod } from '../../transport/api';
import { getIdParameter } from '../communication';

export const commentMethod = {
	operationId: 'updateGoodsFeedbackComment',
	httpMethod: 'POST',
	path: '/goods-feedback/comments/update',
	hourlyQuota: 1000,
	doing: 'publishing a review comment',
	// Buyers see it: a repeat after an ambiguous failure could publish it twice.
	repeatable: false,
	checkFirst: "the review's comments in the seller cabinet",
} as const satisfies ApiMethod;

/** Sends the comment; `target` says whether it answers a comment (parentId) or edits one (id). */
export async function writeReviewComment(
	this: IExecuteFunctions,
	i: number,
	apiMethod: ApiMethod,
	target: 'review' | 'parentId' | 'id',
): Promise<INodeExecutionData[]> {
	const { businessId, maxRateLimitWaitMs } = readItemBasics.call(this, i);
	const feedbackId = getIdParameter.call(this, 'feedbackId', 'Review ID', i);
	const commentId =
		target === 'review' ? undefined : getIdParameter.call(this, 'commentId', 'Comment ID', i);
	const text = requireSellerText.call(this, 'reviewComment', i);
	const comment: IDataObject = { text };
	if (commentId !== undefined) comment[target] = commentId;
	const result = await callMethod.call(this, {
		apiMethod,
		businessId,
		body: { feedbackId, comment },
		itemIndex: i,
		maxRateLimitWaitMs,
	});
	return [
		{ json: { success: true, ...formatReviewComment({ feedbackId, ...result }, businessId) } },
	];
}
