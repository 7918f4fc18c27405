/**
 * Rules the review and question handlers share: cursor page tokens, page sizes, date windows and text checks, each
 * failing with a Yandex-style 400 that names the field and the limit.
 */
import type { Request, Response } from 'express';
import type { ApiContext } from './api';
import { markInvalid, numberQuery, sendApi, sendError } from './api';
import { COMMUNICATION_LIMITS, monthsBefore } from './communication-contract';
import { forbiddenContent, moscowDate } from '../nodes/YandexMarketChats/shared/communication';
import { compareIds } from './json';
import type { SandboxState } from './state';

/** Thrown by the checks below; the handler answers it with 400 (or the given status). */
export class ApiRefusal extends Error {
	constructor(
		message: string,
		readonly status = 400,
		readonly code = status === 404 ? 'NOT_FOUND' : status === 403 ? 'FORBIDDEN' : 'BAD_REQUEST',
	) {
		super(message);
	}
}

/** Runs a handler body, turning an ApiRefusal into Yandex's error answer. */
export function refusing(
	state: SandboxState,
	res: Response,
	ctx: ApiContext,
	body: () => void,
): void {
	try {
		body();
	} catch (e) {
		if (!(e instanceof ApiRefusal)) throw e;
		if (e.status === 400) markInvalid(ctx, [e.message]);
		sendError(state, res, e.status, e.code, e.message);
	}
}

export function pageLimit(req: Request): number {
	return numberQuery(req, 'limit') ?? COMMUNICATION_LIMITS.pageDefault;
}

/** A position in a listing: the sort time and the ID of the last item returned. */
export interface Cursor {
	t: number;
	id: string;
}

interface CursorToken extends Cursor {
	k: string;
}

/**
 * Page tokens are cursors, not offsets: a review published between two pages does not shift the next page, and a
 * token saved earlier continues where it stopped. A token from another listing (or another sort) is a bad token.
 */
export function encodeCursor(kind: string, cursor: Cursor): string {
	return Buffer.from(
		JSON.stringify({ k: kind, t: cursor.t, id: cursor.id } satisfies CursorToken),
	).toString('base64url');
}

export function readCursor(req: Request, kind: string): Cursor | undefined {
	const token = (req.query as Record<string, unknown>).pageToken;
	if (token === undefined || token === '') return undefined;
	try {
		const data = JSON.parse(
			Buffer.from(String(token), 'base64url').toString('utf8'),
		) as CursorToken;
		if (data?.k === kind && Number.isFinite(data.t) && /^\d+$/.test(String(data.id)))
			return { t: data.t, id: String(data.id) };
	} catch {
		// falls through to the refusal
	}
	throw new ApiRefusal('Bad page token');
}

/**
 * One page of `items`, which are sorted by (sortTime, id) in `direction`; `after` is the cursor of the previous
 * page. The next token is only given when more items follow.
 */
export function cursorPage<T>(
	items: T[],
	positionOf: (item: T) => Cursor,
	direction: 'asc' | 'desc',
	after: Cursor | undefined,
	limit: number,
	kind: string,
): { page: T[]; paging: { nextPageToken?: string } } {
	const sign = direction === 'asc' ? 1 : -1;
	const cmp = (a: Cursor, b: Cursor) => sign * (a.t - b.t || compareIds(a.id, b.id));
	const sorted = [...items].sort((a, b) => cmp(positionOf(a), positionOf(b)));
	const rest = after ? sorted.filter((x) => cmp(positionOf(x), after) > 0) : sorted;
	const page = rest.slice(0, limit);
	const last = page[page.length - 1];
	return {
		page,
		paging:
			rest.length > limit && last ? { nextPageToken: encodeCursor(kind, positionOf(last)) } : {},
	};
}

/**
 * Answers one page of a listing: `{status: OK, result: {<field>: [...], paging?, ...extra}}`, with `paging` only
 * when another page follows (a bad or foreign pageToken is refused first).
 */
export function sendListPage<T>(
	state: SandboxState,
	req: Request,
	res: Response,
	list: {
		kind: string;
		items: T[];
		position: (item: T) => Cursor;
		direction: 'asc' | 'desc';
		field: string;
		dto: (item: T) => unknown;
		extra?: Record<string, unknown>;
	},
): void {
	const after = readCursor(req, list.kind);
	const { page, paging } = cursorPage(
		list.items,
		list.position,
		list.direction,
		after,
		pageLimit(req),
		list.kind,
	);
	sendApi(state, res, 200, {
		status: 'OK',
		result: {
			[list.field]: page.map(list.dto),
			...(paging.nextPageToken ? { paging } : {}),
			...list.extra,
		},
	});
}

/**
 * getGoodsFeedbacks' window: both bounds exclusive, dateTimeTo defaults to now, dateTimeFrom to 6 months before
 * dateTimeTo, and no longer than 6 months.
 */
export function reviewWindow(
	body: Record<string, unknown>,
	now: number,
): { from: number; to: number } {
	const months = COMMUNICATION_LIMITS.reviewWindowMonths;
	const to = body.dateTimeTo !== undefined ? Date.parse(String(body.dateTimeTo)) : now;
	const from =
		body.dateTimeFrom !== undefined
			? Date.parse(String(body.dateTimeFrom))
			: monthsBefore(to, months);
	if (from >= to)
		throw new ApiRefusal(
			body.dateTimeTo === undefined
				? "'dateTimeFrom' must be earlier than 'dateTimeTo' (which defaults to the current time)"
				: "'dateTimeFrom' must be earlier than 'dateTimeTo'",
		);
	if (from < monthsBefore(to, months))
		throw new ApiRefusal(
			`The period between 'dateTimeFrom' and 'dateTimeTo' must not be longer than ${months} months` +
				(body.dateTimeTo === undefined ? " ('dateTimeTo' defaults to the current time)" : ''),
		);
	return { from, to };
}

export { moscowDate };

/** getGoodsQuestions' window: dates (YYYY-MM-DD), dateTo defaults to today, dateFrom to a month before it. */
export function questionWindow(
	body: Record<string, unknown>,
	now: number,
	explicitOnly: boolean,
): { from?: string; to?: string } {
	const months = COMMUNICATION_LIMITS.questionWindowMonths;
	if (explicitOnly && body.dateFrom === undefined && body.dateTo === undefined) return {};
	const to = body.dateTo !== undefined ? String(body.dateTo) : moscowDate(now);
	const toMs = Date.parse(`${to}T00:00:00Z`);
	const from =
		body.dateFrom !== undefined
			? String(body.dateFrom)
			: new Date(monthsBefore(toMs, months)).toISOString().slice(0, 10);
	if (from > to)
		throw new ApiRefusal(
			body.dateTo === undefined
				? "'dateFrom' must not be later than 'dateTo' (which defaults to today)"
				: "'dateFrom' must not be later than 'dateTo'",
		);
	if (Date.parse(`${from}T00:00:00Z`) < monthsBefore(toMs, months))
		throw new ApiRefusal(
			`The period between 'dateFrom' and 'dateTo' must not be longer than ${months} month` +
				(body.dateTo === undefined ? " ('dateTo' defaults to today)" : ''),
		);
	return { from, to };
}

/**
 * The text rules Yandex states for seller comments on reviews (GoodsFeedbackCommentText): no shop contacts and no
 * links except to Yandex Market. The spec states no such rule for question answers and comments
 * (QuestionsTextContent), so those only get the blank check. Lengths are the spec's and already checked by the validator; a text of spaces
 * only passes minLength 1 but is refused here.
 */
export function checkSellerText(
	field: string,
	text: string,
	rules: { linksAndContacts: boolean } = { linksAndContacts: true },
): void {
	if (text.trim() === '') throw new ApiRefusal(`'${field}' must not be blank`);
	if (!rules.linksAndContacts) return;
	const forbidden = forbiddenContent(text);
	if (forbidden?.kind === 'link')
		throw new ApiRefusal(
			`'${field}' must not contain links to sites other than Yandex Market (found '${forbidden.found}')`,
		);
	if (forbidden?.kind === 'contact')
		throw new ApiRefusal(
			`'${field}' must not contain the shop's contacts (phone numbers or e-mail addresses)`,
		);
}

/** sourceType (reviews only): a seller cabinet is SELLER, the default; ADVERTISER belongs to UrbanAds cabinets. */
export function checkSourceType(req: Request, cabinet: string): void {
	const sourceType = (req.query as Record<string, unknown>).sourceType;
	const expected = cabinet === 'urbanads' ? 'ADVERTISER' : 'SELLER';
	if (sourceType !== undefined && sourceType !== expected)
		throw new ApiRefusal(
			`sourceType ${String(sourceType)} does not match this cabinet (use ${expected})`,
			403,
		);
	if (cabinet === 'urbanads' && sourceType === undefined)
		throw new ApiRefusal("Required request parameter 'sourceType' is not present (ADVERTISER)");
}

/** IDs from a body list, as strings (bodyOf has turned numbers into decimal strings). */
export function idList(value: unknown): string[] | undefined {
	return Array.isArray(value) ? value.map((v) => String(v)) : undefined;
}
