/**
 * updateGoodsQuestionTextEntity: one method creates, edits and deletes the shop's answers and comments. Its
 * per-operation rules are only in the spec's prose (CREATE: parentEntityId + text; UPDATE: entityId + text; DELETE:
 * entityId), so the operations build exactly those bodies. Only CREATE returns the new ID.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readItemBasics } from '../../helpers/parameters';
import { QUESTION_TEXT_ENTITY_TYPES } from '../../shared/communication';
import type { QuestionTextEntityType } from '../../shared/communication';
import type { ApiMethod } from '../../shared/contract';
import { callMethod } from '../../transport/api';
import { getIdParameter } from '../communication';

export const textEntityMethod = {
	operationId: 'updateGoodsQuestionTextEntity',
	apiVersion: 'v1',
	httpMethod: 'POST',
	path: '/goods-questions/update',
	hourlyQuota: 500,
	hourlyQuotaMedium: 1000,
	doing: 'publishing an answer',
	// Buyers see it: a repeat after an ambiguous failure could publish it twice.
	repeatable: false,
	checkFirst: "the question's answers in the seller cabinet",
} as const satisfies ApiMethod;

/** Sends one request of the method and returns its result (`{entity}` on CREATE, `{}` otherwise). */
export async function sendTextEntity(
	this: IExecuteFunctions,
	i: number,
	apiMethod: ApiMethod,
	body: IDataObject,
): Promise<{ businessId: string; result: IDataObject }> {
	const { businessId, maxRateLimitWaitMs } = readItemBasics.call(this, i);
	const result = await callMethod.call(this, {
		apiMethod,
		businessId,
		body,
		itemIndex: i,
		maxRateLimitWaitMs,
	});
	return { businessId, result };
}

/** The answer or comment an Edit or Delete targets: the Type parameter and the ID field it shows. */
export function editedEntity(
	this: IExecuteFunctions,
	i: number,
): { type: QuestionTextEntityType; id: string; key: 'answerId' | 'commentId' } {
	const type = this.getNodeParameter('entityType', i, 'ANSWER') as QuestionTextEntityType;
	if (!QUESTION_TEXT_ENTITY_TYPES.includes(type)) {
		throw new NodeOperationError(this.getNode(), `Type must be Answer or Comment, got "${type}"`, {
			itemIndex: i,
		});
	}
	return type === 'ANSWER'
		? { type, key: 'answerId', id: getIdParameter.call(this, 'answerId', 'Answer ID', i) }
		: { type, key: 'commentId', id: getIdParameter.call(this, 'commentId', 'Comment ID', i) };
}
