import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, rateLimitWaitOption } from '../../descriptions/common';
import {
	QUESTION_TEXT_RULES,
	TOOL_BOUND_TARGET,
	questionIdProperty,
	sellerTextProperty,
} from '../../descriptions/communication';
import { requireSellerText } from '../../helpers/parameters';
import { getIdParameter } from '../communication';
import { sendTextEntity, textEntityMethod } from './textEntity';

const properties: INodeProperties[] = [
	questionIdProperty,
	sellerTextProperty(`The shop's public answer: ${QUESTION_TEXT_RULES}`),
	optionsCollection(rateLimitWaitOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['question'], operation: ['answer'] } },
	properties,
);

export const option = {
	name: 'Answer',
	description: "Publish the shop's answer to a buyer's product question",
	action: 'Answer a question',
};

export const access = 'write';

export const apiMethod = textEntityMethod;

export const toolDescription =
	"Publish the shop's public answer to a buyer's question about a Yandex Market product. Every buyer sees it on the product page and it cannot be sent twice: send one complete answer, once. " +
	`${TOOL_BOUND_TARGET} ` +
	`Arguments: Text: the answer, plain text, ${QUESTION_TEXT_RULES}. ` +
	'Returns { success: true, businessId, questionId, answerId (the new answer), text }.';

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const questionId = getIdParameter.call(this, 'questionId', 'Question ID', i);
	const text = requireSellerText.call(this, 'questionText', i);
	const { businessId, result } = await sendTextEntity.call(this, i, apiMethod, {
		operationType: 'CREATE',
		parentEntityId: { id: questionId, type: 'QUESTION' },
		text,
	});
	const answerId = (result.entity as { id?: string } | undefined)?.id;
	return [{ json: { success: true, businessId, questionId, answerId, text } }];
}
