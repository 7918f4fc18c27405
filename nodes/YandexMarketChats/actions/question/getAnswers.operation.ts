import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { questionIdProperty } from '../../descriptions/communication';
import {
	optionsCollection,
	parallelRequestsOption,
	rateLimitWaitOption,
	returnAllAndLimit,
} from '../../descriptions/common';
import { formatAnswer } from '../../helpers/communication';
import type { ApiMethod } from '../../shared/contract';
import { TOOL_BUSINESS_ARGUMENT } from '../../descriptions/tool';
import { getIdParameter, listItems } from '../communication';

const properties: INodeProperties[] = [
	questionIdProperty,
	...returnAllAndLimit,
	optionsCollection(parallelRequestsOption, rateLimitWaitOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['question'], operation: ['getAnswers'] } },
	properties,
);

export const option = {
	name: 'Get Answers',
	description:
		"Get a question's answers (the shop's, other buyers', the vendor's) with the comments under each",
	action: 'Get the answers to a question',
};

export const access = 'read';

export const apiMethod = {
	operationId: 'getGoodsQuestionAnswers',
	apiVersion: 'v1',
	httpMethod: 'POST',
	path: '/goods-questions/answers',
	hourlyQuota: 1000,
	hourlyQuotaMedium: 5000,
	doing: 'reading answers',
	repeatable: true,
} as const satisfies ApiMethod;

export const toolDescription =
	'Read the answers to a buyer question about a Yandex Market product, each with the comments under it. ' +
	`Arguments: ${TOOL_BUSINESS_ARGUMENT} ` +
	'Question ID: the questionId, digits only. Limit: how many answers at most (when the model sets it). ' +
	'Returns one entry per answer: answerId, questionId, text, status, canModify, createdAt, likes, dislikes, authorType (USER = a buyer, BUSINESS = this shop, VENDOR, BRAND), authorName, fromSeller, comments (commentId, parentId, text, status, authorType, fromSeller).';

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const questionId = getIdParameter.call(this, 'questionId', 'Question ID', i);
	return await listItems.call(this, i, {
		apiMethod,
		body: { questionId },
		itemsKey: 'answers',
		format: formatAnswer,
	});
}
