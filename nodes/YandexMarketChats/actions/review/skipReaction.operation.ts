import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, rateLimitWaitOption } from '../../descriptions/common';
import { TOOL_BOUND_TARGET } from '../../descriptions/communication';
import { readItemBasics, requireIdList } from '../../helpers/parameters';
import { COMMUNICATION_LIMITS } from '../../shared/communication';
import type { ApiMethod } from '../../shared/contract';
import { callMethod } from '../../transport/api';

const properties: INodeProperties[] = [
	{
		displayName: 'Review IDs',
		name: 'feedbackIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 80001, 80002',
		description:
			'The reviews the shop will not answer: 1 to 50 IDs separated by commas (e.g. the feedbackId of a trigger item)',
	},
	optionsCollection(rateLimitWaitOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['review'], operation: ['skipReaction'] } },
	properties,
);

export const option = {
	name: 'Mark as Handled',
	description:
		'Mark reviews as handled without answering: they no longer need a reaction (this cannot be undone)',
	action: 'Mark reviews as handled',
};

export const access = 'write';

export const apiMethod = {
	operationId: 'skipGoodsFeedbacksReaction',
	httpMethod: 'POST',
	path: '/goods-feedback/skip-reaction',
	hourlyQuota: 500,
	hourlyQuotaMedium: 1000,
	doing: 'marking reviews as handled',
	repeatable: false,
	checkFirst: 'the reviews in the seller cabinet',
} as const satisfies ApiMethod;

export const toolDescription =
	'Mark a Yandex Market product review as handled without replying, so it no longer needs a reaction; nothing can set it back. ' +
	`${TOOL_BOUND_TARGET} ` +
	'Arguments: none. ' +
	'Returns { success: true, businessId, feedbackIds }.';

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { businessId, maxRateLimitWaitMs } = readItemBasics.call(this, i);
	const raw = this.getNodeParameter('feedbackIds', i, '');
	const feedbackIds = requireIdList.call(
		this,
		raw,
		'Review IDs',
		COMMUNICATION_LIMITS.idListMax,
		i,
	);
	await callMethod.call(this, {
		apiMethod,
		businessId,
		body: { feedbackIds },
		itemIndex: i,
		maxRateLimitWaitMs,
	});
	return [{ json: { success: true, businessId, feedbackIds } }];
}
