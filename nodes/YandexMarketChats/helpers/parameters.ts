/** Readers of the action node's parameters; each error names the field and what it accepts. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { CHAT_IDENTIFIABLE_CONTEXT_TYPES, LIMITS } from '../shared/contract';
import type { ChatIdentifiableContextType } from '../shared/contract';
import { invalidIdMessage, normalizeIdInput } from '../shared/int64';
import type { YandexContext } from '../transport/context';
import { DEFAULT_RATE_LIMIT_WAIT_MS } from '../transport/policy';

/** Validates a Yandex int64 ID typed or mapped by the user; the error names the field so the user knows what to fix. */
export function requireId(
	this: YandexContext,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	const id = normalizeIdInput(value);
	if (id === undefined) {
		throw new NodeOperationError(this.getNode(), invalidIdMessage(field, value), {
			itemIndex,
			description: 'Yandex Market IDs are whole numbers greater than zero, for example 12345678.',
		});
	}
	return id;
}

export function getBusinessId(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('businessId', itemIndex, '', { extractValue: true });
	return requireId.call(this, value, 'Business ID', itemIndex);
}

export function getChatId(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('chatId', itemIndex, '', { extractValue: true });
	return requireId.call(this, value, 'Chat ID', itemIndex);
}

export function getOptions(this: IExecuteFunctions, itemIndex: number): IDataObject {
	return this.getNodeParameter('options', itemIndex, {}) as IDataObject;
}

/**
 * The user's rate-limit budget (Options > Rate Limit Wait) in ms: the transport waits out 420s up to this long in
 * all, then fails. Not the wait of one 420, which the transport computes from Yandex's reset time.
 */
export function rateLimitBudgetMs(options: IDataObject): number {
	const seconds = options.rateLimitWaitSeconds;
	return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0
		? Math.round(seconds * 1000)
		: DEFAULT_RATE_LIMIT_WAIT_MS;
}

/** What every operation reads first: the Business, its Options and the rate-limit wait budget set there. */
export interface ItemBasics {
	businessId: string;
	options: IDataObject;
	maxRateLimitWaitMs: number;
}

export function readItemBasics(this: IExecuteFunctions, itemIndex: number): ItemBasics {
	const businessId = getBusinessId.call(this, itemIndex);
	const options = getOptions.call(this, itemIndex);
	return { businessId, options, maxRateLimitWaitMs: rateLimitBudgetMs(options) };
}

/**
 * Parallel Requests: how many items' reads may overlap, at most Yandex's per-cabinet limit. The first item's value
 * counts for the whole run, because the limit is the cabinet's, not an item's.
 */
export function parallelRequests(this: IExecuteFunctions): number {
	const value = (getOptions.call(this, 0).parallelRequests ?? LIMITS.parallelRequests) as unknown;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw new NodeOperationError(
			this.getNode(),
			`Parallel Requests must be a whole number from 1 to ${LIMITS.parallelRequests}, got ${String(value)}`,
			{ itemIndex: 0 },
		);
	}
	return Math.min(value, LIMITS.parallelRequests);
}

/** undefined means Return All; otherwise the validated Limit. */
export function getLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (this.getNodeParameter('returnAll', itemIndex, false) === true) return undefined;
	const limit = this.getNodeParameter('limit', itemIndex, 50) as number;
	if (!Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(
			this.getNode(),
			`Limit must be a whole number of at least 1, got ${limit}`,
			{ itemIndex },
		);
	}
	return limit;
}

/**
 * An order or return a chat is about (ChatContextDTO): the seller can name only these two, and the ID is the order's
 * for ORDER and the return's (not its order's) for RETURN.
 */
export function requireContext(
	this: IExecuteFunctions,
	type: unknown,
	id: unknown,
	itemIndex: number,
): { type: ChatIdentifiableContextType; id: string } {
	const contextType = String(type ?? '');
	if (!(CHAT_IDENTIFIABLE_CONTEXT_TYPES as readonly string[]).includes(contextType)) {
		throw new NodeOperationError(
			this.getNode(),
			`Context Type must be ORDER or RETURN, got "${contextType}"`,
			{ itemIndex },
		);
	}
	const field = contextType === 'ORDER' ? 'Order ID' : 'Return ID';
	return {
		type: contextType as ChatIdentifiableContextType,
		id: requireId.call(this, id, field, itemIndex),
	};
}
