import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, rateLimitWaitOption } from '../../descriptions/common';
import {
	QUESTION_TEXT_RULES,
	TOOL_BOUND_TARGET,
	sellerTextProperty,
} from '../../descriptions/communication';
import { requireSellerText } from '../../helpers/parameters';
import type { ApiMethod } from '../../shared/contract';
import { editedEntity, sendTextEntity, textEntityMethod } from './textEntity';
import { entityProperties } from './entityProperties';

const properties: INodeProperties[] = [
	...entityProperties('edit'),
	sellerTextProperty(`The new text: ${QUESTION_TEXT_RULES}`),
	optionsCollection(rateLimitWaitOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['question'], operation: ['update'] } },
	properties,
);

export const option = {
	name: 'Edit Answer or Comment',
	description: "Change the text of one of the shop's own answers or comments",
	action: 'Edit an answer or comment',
};

export const access = 'write';

export const apiMethod = {
	...textEntityMethod,
	doing: 'editing an answer or comment',
} as const satisfies ApiMethod;

export const toolDescription =
	"Replace the text of one of the shop's own public answers or comments on a Yandex Market product question. " +
	`${TOOL_BOUND_TARGET} ` +
	`Arguments: Text: the complete new text, plain text, ${QUESTION_TEXT_RULES}. ` +
	'Returns { success: true, businessId, answerId or commentId, text }.';

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const entity = editedEntity.call(this, i);
	const text = requireSellerText.call(this, 'questionText', i);
	const { businessId } = await sendTextEntity.call(this, i, apiMethod, {
		operationType: 'UPDATE',
		entityId: { id: entity.id, type: entity.type },
		text,
	});
	return [{ json: { success: true, businessId, [entity.key]: entity.id, text } }];
}
