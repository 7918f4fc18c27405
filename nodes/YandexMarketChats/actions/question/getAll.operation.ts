import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	optionsCollection,
	parallelRequestsOption,
	rateLimitWaitOption,
	returnAllAndLimit,
} from '../../descriptions/common';
import { formatQuestion } from '../../helpers/communication';
import { optionalDate, requireIdList } from '../../helpers/parameters';
import {
	COMMUNICATION_LIMITS,
	moscowDate,
	questionWindowProblem,
} from '../../shared/communication';
import type { ApiMethod } from '../../shared/contract';
import { TOOL_BUSINESS_ARGUMENT } from '../../descriptions/tool';
import type { YandexContext } from '../../transport/context';
import { listItems } from '../communication';

const properties: INodeProperties[] = [
	...returnAllAndLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Category IDs',
				name: 'categoryIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 90555, 91013',
				description: 'Only questions about products of these Yandex Market categories',
			},
			{
				displayName: 'From',
				name: 'dateFrom',
				type: 'dateTime',
				default: '',
				description:
					'Only questions asked on or after this day. Yandex Market lists at most 1 month per request; without From it lists the month before To.',
			},
			{
				displayName: 'Needs Answer',
				name: 'needAnswer',
				type: 'boolean',
				default: true,
				description: 'Whether to list only the questions still waiting for an answer',
			},
			{
				displayName: 'Question IDs',
				name: 'questionIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 82001, 82002',
				description: 'Only these questions, 1 to 50 IDs separated by commas',
			},
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'options',
				options: [
					{ name: 'Newest First', value: 'CREATED_AT_DESC' },
					{ name: 'Oldest First', value: 'CREATED_AT_ASC' },
				],
				default: 'CREATED_AT_DESC',
			},
			{
				displayName: 'To',
				name: 'dateTo',
				type: 'dateTime',
				default: '',
				description: 'Only questions asked on or before this day; default today',
			},
		],
	},
	optionsCollection(parallelRequestsOption, rateLimitWaitOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['question'], operation: ['getAll'] } },
	properties,
);

export const option = {
	name: 'Get Many',
	description:
		'Get many product questions, filtered by date, category or whether they still need an answer',
	action: 'Get many questions',
};

export const access = 'read';

export const apiMethod = {
	operationId: 'getGoodsQuestions',
	apiVersion: 'v1',
	httpMethod: 'POST',
	path: '/goods-questions',
	hourlyQuota: 1000,
	hourlyQuotaMedium: 5000,
	doing: 'listing questions',
	repeatable: true,
} as const satisfies ApiMethod;

export const toolDescription =
	"List buyers' questions about the products of a Yandex Market business, newest first. " +
	`Arguments: ${TOOL_BUSINESS_ARGUMENT} ` +
	'Limit: how many questions at most (when the model sets it). ' +
	'Returns one entry per question: businessId, questionId, offerId (the SKU), categoryId, text, createdAt, likes, dislikes, authorType, authorName.';

/**
 * GetQuestionsRequest from the Filters, every documented limit checked first: at most 50 question IDs, category IDs
 * (≥ 0), dates at most 1 month apart.
 */
export function buildQuestionsFilter(
	this: YandexContext,
	filters: IDataObject,
	i: number,
	now = Date.now(),
): IDataObject {
	const L = COMMUNICATION_LIMITS;
	const body: IDataObject = {};
	const from = optionalDate.call(this, filters.dateFrom, 'From', i);
	const to = optionalDate.call(this, filters.dateTo, 'To', i);
	const window = questionWindowProblem(from, to, moscowDate(now));
	if (window) throw new NodeOperationError(this.getNode(), window, { itemIndex: i });
	if (from !== undefined) body.dateFrom = from;
	if (to !== undefined) body.dateTo = to;
	if (String(filters.questionIds ?? '').trim() !== '')
		body.questionIds = requireIdList.call(
			this,
			filters.questionIds,
			'Question IDs',
			L.idListMax,
			i,
		);
	if (String(filters.categoryIds ?? '').trim() !== '')
		body.categoryIds = requireIdList.call(
			this,
			filters.categoryIds,
			'Category IDs',
			Number.MAX_SAFE_INTEGER,
			i,
			{ allowZero: true },
		);
	if (filters.needAnswer === true) body.needAnswer = true;
	if (typeof filters.sort === 'string' && filters.sort !== '') body.sort = filters.sort;
	return body;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	return await listItems.call(this, i, {
		apiMethod,
		body: buildQuestionsFilter.call(this, filters, i),
		itemsKey: 'questions',
		format: formatQuestion,
	});
}
