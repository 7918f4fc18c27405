/**
 * The Yandex contract of reviews (goods feedback) and product questions: enums, the documented limits and the
 * rules that come with them, as pure functions that name the field and the limit. The operations check every limit
 * before calling (a refused call still costs quota: 2xx and 4xx count); the sandbox applies the same text rule.
 * Source: spec/yandex-market-feedback-questions.openapi.json (schemas GetGoodsFeedbackRequest, GetQuestionsRequest,
 * GoodsFeedbackCommentText, QuestionsTextContent, ...); the rules stated only in the spec's prose are quoted below.
 */

// ---------- enums (may grow: unknown values are passed through, never rejected) ----------
export const FEEDBACK_REACTION_STATUSES = ['ALL', 'NEED_REACTION'] as const;
export const QUESTION_SORTS = ['CREATED_AT_DESC', 'CREATED_AT_ASC'] as const;
/** Review comment authors (GoodsFeedbackCommentAuthorType); BUSINESS is a cabinet, i.e. the seller. */
export const REVIEW_COMMENT_AUTHOR_TYPES = ['USER', 'BUSINESS', 'BRAND'] as const;
/** Answer and question comment authors (QuestionsTextContentAuthorType): reviews have no VENDOR. */
export const QUESTION_AUTHOR_TYPES = ['USER', 'BUSINESS', 'VENDOR', 'BRAND'] as const;
/** The author type of the seller's own comments and answers. */
export const SELLER_AUTHOR_TYPE = 'BUSINESS';
/** What updateGoodsQuestionTextEntity edits or deletes (a question itself cannot be changed by the seller). */
export const QUESTION_TEXT_ENTITY_TYPES = ['ANSWER', 'COMMENT'] as const;
export type QuestionTextEntityType = (typeof QUESTION_TEXT_ENTITY_TYPES)[number];

// ---------- limits ----------
export const COMMUNICATION_LIMITS = {
	/** limit of every review and question list (PageLimit50): 1-50, default 25. */
	pageMax: 50,
	/** feedbackIds, commentIds, questionIds, answerIds, the skip-reaction list: 1-50, unique. */
	idListMax: 50,
	/** offerIds of the review filter: 1-20 SKUs of 1-255 characters. */
	offerIdsMax: 20,
	skuMaxLength: 255,
	ratingMin: 1,
	ratingMax: 5,
	/** GoodsFeedbackCommentText: 1-4096 characters, no shop contacts, no links except to Yandex Market. */
	reviewCommentMaxLength: 4096,
	/** QuestionsTextContent: 1-5000 characters (the spec states no link rule for answers and comments). */
	questionTextMaxLength: 5000,
	/** getGoodsFeedbacks: at most 6 months between dateTimeFrom and dateTimeTo, both exclusive. */
	reviewWindowMonths: 6,
	/** getGoodsQuestions: at most 1 month between dateFrom and dateTo. */
	questionWindowMonths: 1,
} as const;

/** The date `months` calendar months before `ms` (UTC), clamped to the month's last day (31 Aug - 6 = 28/29 Feb). */
export function monthsBefore(ms: number, months: number): number {
	const d = new Date(ms);
	const day = d.getUTCDate();
	const target = new Date(ms);
	target.setUTCDate(1);
	target.setUTCMonth(target.getUTCMonth() - months);
	const lastDay = new Date(
		Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
	).getUTCDate();
	target.setUTCDate(Math.min(day, lastDay));
	return target.getTime();
}

// ---------- text rules ----------
const LINK =
	/\b(?:https?:\/\/|www\.)[^\s]+|\b(?:[a-z0-9-]+\.)+(?:ru|com|net|org|su|info|shop|store|me|io|biz|online|site|рф)\b(?:\/[^\s]*)?/giu;
const YANDEX_MARKET_HOST =
	/^(?:https?:\/\/)?(?:www\.)?market\.yandex\.(?:ru|com|net|kz|by|uz)(?:[/?#]|$)/i;
const EMAIL = /[^\s@]+@[^\s@]+\.[a-zа-я]{2,}/iu;
const PHONE = /(?:\+7|\b8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}\b|\+\d[\d\s()-]{9,}\d/;

/**
 * What GoodsFeedbackCommentText forbids ("must not contain the shop's contacts and links to sites other than
 * Market"): the first link to another site, or a phone number or e-mail address. undefined when the text is clean.
 */
export function forbiddenContent(
	text: string,
): { kind: 'link'; found: string } | { kind: 'contact' } | undefined {
	for (const m of text.match(LINK) ?? []) {
		if (!YANDEX_MARKET_HOST.test(m)) return { kind: 'link', found: m.slice(0, 60) };
	}
	if (EMAIL.test(text) || PHONE.test(text)) return { kind: 'contact' };
	return undefined;
}

export type TextKind = 'reviewComment' | 'questionText';

/**
 * Why a text cannot be sent, naming the field and the limit; undefined when it can. Review comments also must not
 * carry links or contacts; answers and question comments only have the length rule (the spec states no other).
 */
export function textProblem(field: string, text: string, kind: TextKind): string | undefined {
	const max =
		kind === 'reviewComment'
			? COMMUNICATION_LIMITS.reviewCommentMaxLength
			: COMMUNICATION_LIMITS.questionTextMaxLength;
	if (text.trim() === '') return `${field} is empty: Yandex Market needs at least 1 character`;
	if (text.length > max)
		return `${field} is too long: ${text.length} characters, Yandex Market accepts at most ${max}`;
	if (kind !== 'reviewComment') return undefined;
	const forbidden = forbiddenContent(text);
	if (forbidden?.kind === 'link')
		return `${field} must not contain links to sites other than Yandex Market (found "${forbidden.found}")`;
	if (forbidden?.kind === 'contact')
		return `${field} must not contain the shop's contacts (phone numbers or e-mail addresses)`;
	return undefined;
}

// ---------- date windows ----------
/**
 * getGoodsFeedbacks' window (both bounds exclusive; dateTimeTo defaults to now, dateTimeFrom to 6 months before
 * dateTimeTo; at most 6 months): why `from`/`to` (ms, undefined = not set) cannot be sent, or undefined.
 */
export function reviewWindowProblem(
	from: number | undefined,
	to: number | undefined,
	now: number,
): string | undefined {
	const months = COMMUNICATION_LIMITS.reviewWindowMonths;
	const end = to ?? now;
	const toName = to === undefined ? 'now (To is not set)' : 'To';
	if (from === undefined) return undefined;
	if (from >= end) return `From must be earlier than ${toName}: both ends are exclusive`;
	if (from < monthsBefore(end, months))
		return `From and ${toName} are more than ${months} months apart: Yandex Market lists reviews of at most ${months} months per request`;
	return undefined;
}

/**
 * getGoodsQuestions' window (dates, dateTo defaults to today, dateFrom to 1 month before dateTo; at most 1 month):
 * why the dates (YYYY-MM-DD) cannot be sent, or undefined.
 */
export function questionWindowProblem(
	from: string | undefined,
	to: string | undefined,
	today: string,
): string | undefined {
	const months = COMMUNICATION_LIMITS.questionWindowMonths;
	const end = to ?? today;
	const toName = to === undefined ? 'today (To is not set)' : 'To';
	if (from === undefined) return undefined;
	if (from > end) return `From must not be later than ${toName}`;
	if (Date.parse(`${from}T00:00:00Z`) < monthsBefore(Date.parse(`${end}T00:00:00Z`), months))
		return `From and ${toName} are more than ${months} month apart: Yandex Market lists questions of at most ${months} month per request`;
	return undefined;
}

/** Yandex's calendar is Moscow time (UTC+3, no DST): "today" for a date filter is the Moscow day. */
export function moscowDate(ms: number): string {
	return new Date(ms + 3 * 3600_000).toISOString().slice(0, 10);
}
