/**
 * What the Review and Question operations share: reading one item through a list method's ID filter (Yandex has no
 * single-item read for reviews, comments, questions or answers), and reading an ID parameter.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getLimit, readItemBasics, requireId } from '../helpers/parameters';
import type { ApiMethod } from '../shared/contract';
import type { ListKey } from '../transport/api';
import { callMethod, callMethodAllItems } from '../transport/api';

/** An ID parameter (feedbackId, commentId, questionId, answerId), checked; the error names the field. */
export function getIdParameter(
	this: IExecuteFunctions,
	name: string,
	field: string,
	itemIndex: number,
): string {
	return requireId.call(this, this.getNodeParameter(name, itemIndex, ''), field, itemIndex);
}

export interface FindOne {
	apiMethod: ApiMethod;
	businessId: string;
	/** The node parameter holding the ID, and its display name for errors. */
	idParameter: string;
	field: string;
	/** The list filter that takes IDs (feedbackIds, commentIds, ...) and the result's list. */
	filterKey: string;
	itemsKey: ListKey;
	itemIndex: number;
	maxRateLimitWaitMs: number;
	/** Why an item may be missing, for the error's description. */
	missing: string;
}

/** One item by ID through a list method; an empty list (deleted, or not this cabinet's) is an error naming the ID. */
export async function findOne(this: IExecuteFunctions, req: FindOne): Promise<IDataObject> {
	const id = getIdParameter.call(this, req.idParameter, req.field, req.itemIndex);
	const result = await callMethod.call(this, {
		apiMethod: req.apiMethod,
		businessId: req.businessId,
		body: { [req.filterKey]: [id] },
		itemIndex: req.itemIndex,
		maxRateLimitWaitMs: req.maxRateLimitWaitMs,
	});
	const found = ((result[req.itemsKey] ?? []) as IDataObject[])[0];
	if (!found) {
		throw new NodeOperationError(
			this.getNode(),
			`${req.field} ${id} was not found in business ${req.businessId}`,
			{ itemIndex: req.itemIndex, description: req.missing },
		);
	}
	return found;
}

export interface ListItems {
	apiMethod: ApiMethod;
	/** The request body: the Filters, or the review or question the list is under. */
	body: IDataObject;
	itemsKey: ListKey;
	/** How one item looks in the output (helpers/communication.ts). */
	format: (item: IDataObject, businessId: string) => IDataObject;
}

/** A Get Many of reviews, comments, questions or answers: Return All or Limit, each item formatted. */
export async function listItems(
	this: IExecuteFunctions,
	i: number,
	req: ListItems,
): Promise<INodeExecutionData[]> {
	const { businessId, maxRateLimitWaitMs } = readItemBasics.call(this, i);
	const { items } = await callMethodAllItems.call(this, {
		apiMethod: req.apiMethod,
		businessId,
		body: req.body,
		itemsKey: req.itemsKey,
		limit: getLimit.call(this, i),
		itemIndex: i,
		maxRateLimitWaitMs,
	});
	return items.map((item) => ({ json: req.format(item, businessId) }));
}
