import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, rateLimitWaitOption } from '../../descriptions/common';
import { TOOL_BOUND_TARGET } from '../../descriptions/communication';
import type { ApiMethod } from '../../shared/contract';
import { editedEntity, sendTextEntity, textEntityMethod } from './textEntity';
import { entityProperties } from './entityProperties';

const properties: INodeProperties[] = [
	...entityProperties('delete'),
	optionsCollection(rateLimitWaitOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['question'], operation: ['delete'] } },
	properties,
);

export const option = {
	name: 'Delete Answer or Comment',
	description: "Delete one of the shop's own answers or comments",
	action: 'Delete an answer or comment',
};

export const access = 'write';

export const apiMethod = {
	...textEntityMethod,
	doing: 'deleting an answer or comment',
} as const satisfies ApiMethod;

export const toolDescription =
	"Delete one of the shop's own public answers or comments on a Yandex Market product question; it cannot be undone. " +
	`${TOOL_BOUND_TARGET} ` +
	'Arguments: none. ' +
	'Returns { success: true, businessId, answerId or commentId, deleted: true }.';

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const entity = editedEntity.call(this, i);
	const { businessId } = await sendTextEntity.call(this, i, apiMethod, {
		operationType: 'DELETE',
		entityId: { id: entity.id, type: entity.type },
	});
	return [{ json: { success: true, businessId, [entity.key]: entity.id, deleted: true } }];
}
