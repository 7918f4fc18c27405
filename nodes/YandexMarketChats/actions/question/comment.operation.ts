import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, rateLimitWaitOption } from '../../descriptions/common';
import {
	QUESTION_TEXT_RULES,
	TOOL_BOUND_TARGET,
	answerIdProperty,
	sellerTextProperty,
} from '../../descriptions/communication';
import { requireSellerText } from '../../helpers/parameters';
import type { ApiMethod } from '../../shared/contract';
import { getIdParameter } from '../communication';
import { sendTextEntity, textEntityMethod } from './textEntity';

const properties: INodeProperties[] = [
	answerIdProperty,
	sellerTextProperty(`The shop's public comment on the answer: ${QUESTION_TEXT_RULES}`),
	optionsCollection(rateLimitWaitOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['question'], operation: ['comment'] } },
	properties,
);

export const option = {
	name: 'Comment',
	description: "Publish the shop's comment on an answer to a question",
	action: 'Comment on an answer',
};

export const access = 'write';

export const apiMethod = {
	...textEntityMethod,
	doing: 'publishing a comment on an answer',
} as const satisfies ApiMethod;

export const toolDescription =
	"Publish the shop's public comment on an answer to a buyer's question about a Yandex Market product. Every buyer sees it and it cannot be sent twice: send one complete comment, once. " +
	`${TOOL_BOUND_TARGET} ` +
	`Arguments: Text: the comment, plain text, ${QUESTION_TEXT_RULES}. ` +
	'Returns { success: true, businessId, answerId, commentId (the new comment), text }.';

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const answerId = getIdParameter.call(this, 'answerId', 'Answer ID', i);
	const text = requireSellerText.call(this, 'questionText', i);
	const { businessId, result } = await sendTextEntity.call(this, i, apiMethod, {
		operationType: 'CREATE',
		parentEntityId: { id: answerId, type: 'ANSWER' },
		text,
	});
	const commentId = (result.entity as { id?: string } | undefined)?.id;
	return [{ json: { success: true, businessId, answerId, commentId, text } }];
}
