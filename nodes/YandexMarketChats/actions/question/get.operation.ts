import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { questionIdProperty } from '../../descriptions/communication';
import {
	optionsCollection,
	parallelRequestsOption,
	rateLimitWaitOption,
} from '../../descriptions/common';
import { formatQuestion } from '../../helpers/communication';
import { readItemBasics } from '../../helpers/parameters';
import type { ApiMethod } from '../../shared/contract';
import { TOOL_BUSINESS_ARGUMENT } from '../../descriptions/tool';
import { findOne } from '../communication';
import { apiMethod as listMethod } from './getAll.operation';

const properties: INodeProperties[] = [
	questionIdProperty,
	optionsCollection(parallelRequestsOption, rateLimitWaitOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['question'], operation: ['get'] } },
	properties,
);

export const option = {
	name: 'Get',
	description: "Get a buyer's product question by ID",
	action: 'Get a question',
};

export const access = 'read';

/** The question list with `questionIds: [id]`: Yandex has no method for a single question. */
export const apiMethod = {
	...listMethod,
	doing: 'reading a question',
} as const satisfies ApiMethod;

export const toolDescription =
	"Get one buyer's question about a product of a Yandex Market business. " +
	`Arguments: ${TOOL_BUSINESS_ARGUMENT} ` +
	'Question ID: the questionId, digits only (of the trigger item or from Get Many). ' +
	'Returns businessId, questionId, offerId (the SKU), categoryId, text, createdAt, likes, dislikes, authorType, authorName.';

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { businessId, maxRateLimitWaitMs } = readItemBasics.call(this, i);
	const question = await findOne.call(this, {
		apiMethod,
		businessId,
		idParameter: 'questionId',
		field: 'Question ID',
		filterKey: 'questionIds',
		itemsKey: 'questions',
		itemIndex: i,
		maxRateLimitWaitMs,
		missing: 'Check the ID: it must be a question about a product of this business.',
	});
	return [{ json: formatQuestion(question, businessId) }];
}
