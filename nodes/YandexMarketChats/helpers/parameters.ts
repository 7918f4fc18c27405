/** Readers of the action node's parameters; each error names the field and what it accepts. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { CHAT_IDENTIFIABLE_CONTEXT_TYPES, LIMITS } from '../shared/contract';
import type { ChatIdentifiableContextType } from '../shared/contract';
import { describeValue, invalidIdMessage, normalizeIdInput } from '../shared/int64';
import type { YandexContext } from '../transport/context';
import { DEFAULT_RATE_LIMIT_WAIT_MS } from '../transport/policy';
import { textProblem } from '../shared/communication';
import type { TextKind } from '../shared/communication';

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

/**
 * A list of IDs typed as text ("80001, 80002" or one per line) or mapped as an array: each a valid ID, duplicates
 * dropped (Yandex refuses them: uniqueItems), at least 1 and at most `max` (the method's maxItems).
 */
export function requireIdList(
	this: YandexContext,
	value: unknown,
	field: string,
	max: number,
	itemIndex: number,
	{ allowZero = false }: { allowZero?: boolean } = {},
): string[] {
	const parts = Array.isArray(value)
		? value
		: String(value ?? '')
				.split(/[\s,;]+/)
				.filter((p) => p !== '');
	const ids = parts.map((part) =>
		allowZero && /^\s*0+\s*$/.test(String(part))
			? '0'
			: requireId.call(this, part, `Each of ${field}`, itemIndex),
	);
	const unique = [...new Set(ids)];
	if (unique.length === 0 || unique.length > max) {
		throw new NodeOperationError(
			this.getNode(),
			`${field} must list 1 to ${max} IDs, got ${unique.length}`,
			{ itemIndex, description: 'Separate the IDs with commas, spaces or new lines.' },
		);
	}
	return unique;
}

/** A text parameter as a string (an expression may give a number or nothing). */
export function getTextParameter(this: IExecuteFunctions, name: string, itemIndex: number): string {
	const raw = this.getNodeParameter(name, itemIndex, '') as unknown;
	return typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw);
}

/** A date-time parameter as epoch ms (undefined when empty); the error names the field. */
export function optionalDateTime(
	this: YandexContext,
	value: unknown,
	field: string,
	itemIndex: number,
): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const ms = Date.parse(String(value));
	if (Number.isNaN(ms)) {
		throw new NodeOperationError(
			this.getNode(),
			`${field} must be a date and time, e.g. 2026-11-01T12:00:00Z, got ${describeValue(value)}`,
			{ itemIndex },
		);
	}
	return ms;
}

/** A date parameter as YYYY-MM-DD (the date part of a date-time the editor gives); undefined when empty. */
export function optionalDate(
	this: YandexContext,
	value: unknown,
	field: string,
	itemIndex: number,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const match = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(String(value).trim());
	if (!match || Number.isNaN(Date.parse(`${match[1]}T00:00:00Z`))) {
		throw new NodeOperationError(
			this.getNode(),
			`${field} must be a date, e.g. 2026-11-01, got ${describeValue(value)}`,
			{ itemIndex },
		);
	}
	return match[1];
}

/**
 * The Text of a review comment or a question answer/comment, checked against Yandex's documented rules before the
 * call: a refused write still costs one of the method's hourly calls.
 */
export function requireSellerText(
	this: IExecuteFunctions,
	kind: TextKind,
	itemIndex: number,
): string {
	const text = getTextParameter.call(this, 'text', itemIndex);
	const problem = textProblem('Text', text, kind);
	if (problem) {
		throw new NodeOperationError(this.getNode(), problem, {
			itemIndex,
			description:
				kind === 'reviewComment'
					? 'Yandex Market publishes shop replies to reviews only without links to other sites, phone numbers or e-mail addresses, and at most 4096 characters.'
					: 'Yandex Market accepts answers and comments of 1 to 5000 characters.',
		});
	}
	return text;
}
