import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { answerIdProperty } from '../../descriptions/communication';
import {
	optionsCollection,
	parallelRequestsOption,
	rateLimitWaitOption,
} from '../../descriptions/common';
import { formatAnswer } from '../../helpers/communication';
import { readItemBasics } from '../../helpers/parameters';
import type { ApiMethod } from '../../shared/contract';
import { TOOL_BUSINESS_ARGUMENT } from '../../descriptions/tool';
import { findOne } from '../communication';
import { apiMethod as answersMethod } from './getAnswers.operation';

const properties: INodeProperties[] = [
	answerIdProperty,
	optionsCollection(parallelRequestsOption, rateLimitWaitOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['question'], operation: ['getAnswer'] } },
	properties,
);

export const option = {
	name: 'Get Answer',
	description: 'Get one answer by ID with its question ID and the comments under it',
	action: 'Get an answer',
};

export const access = 'read';

/** The answer list with `answerIds: [id]`. */
export const apiMethod = {
	...answersMethod,
	doing: 'reading an answer',
} as const satisfies ApiMethod;

export const toolDescription =
	'Get one answer to a buyer question about a Yandex Market product, with the comments under it. ' +
	`Arguments: ${TOOL_BUSINESS_ARGUMENT} ` +
	'Answer ID: the answerId, digits only. ' +
	'Returns answerId, questionId, text, status, canModify, createdAt, likes, dislikes, authorType (USER = a buyer, BUSINESS = this shop, VENDOR, BRAND), authorName, fromSeller, comments.';

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { businessId, maxRateLimitWaitMs } = readItemBasics.call(this, i);
	const answer = await findOne.call(this, {
		apiMethod,
		businessId,
		idParameter: 'answerId',
		field: 'Answer ID',
		filterKey: 'answerIds',
		itemsKey: 'answers',
		itemIndex: i,
		maxRateLimitWaitMs,
		missing: 'Check the ID: deleted answers are not returned.',
	});
	return [{ json: formatAnswer(answer, businessId) }];
}
