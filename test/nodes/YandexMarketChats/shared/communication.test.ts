import {
	forbiddenContent,
	monthsBefore,
	moscowDate,
	questionWindowProblem,
	reviewWindowProblem,
	textProblem,
} from '../../../../nodes/YandexMarketChats/shared/communication';

const at = (iso: string) => Date.parse(iso);

describe('forbiddenContent (GoodsFeedbackCommentText)', () => {
	it.each([
		['Thank you for the review!', undefined],
		['See https://market.yandex.ru/product/1', undefined],
		['market.yandex.ru/card/kettle', undefined],
		['Visit https://example.com/x', { kind: 'link', found: 'https://example.com/x' }],
		['our shop: kettles.shop', { kind: 'link', found: 'kettles.shop' }],
		['www.example.org', { kind: 'link', found: 'www.example.org' }],
		['Call +7 (999) 123-45-67', { kind: 'contact' }],
		['8 999 123 45 67', { kind: 'contact' }],
		['write to help@kettles.ru', { kind: 'link', found: 'kettles.ru' }],
		['write to help@kettles', undefined],
		['Order 40001 costs 1999 rub', undefined],
	])('%j -> %j', (text, expected) => {
		expect(forbiddenContent(text)).toEqual(expected);
	});
});

describe('textProblem', () => {
	it.each([
		['reviewComment', 'ok', undefined],
		['reviewComment', ' ', 'Text is empty: Yandex Market needs at least 1 character'],
		['reviewComment', 'x'.repeat(4096), undefined],
		[
			'reviewComment',
			'x'.repeat(4097),
			'Text is too long: 4097 characters, Yandex Market accepts at most 4096',
		],
		['questionText', 'x'.repeat(5000), undefined],
		[
			'questionText',
			'x'.repeat(5001),
			'Text is too long: 5001 characters, Yandex Market accepts at most 5000',
		],
		// The spec states the link rule for review comments only.
		['questionText', 'https://example.com', undefined],
		[
			'reviewComment',
			'https://example.com',
			'Text must not contain links to sites other than Yandex Market (found "https://example.com")',
		],
		[
			'reviewComment',
			'mail me: a@b.com',
			'Text must not contain links to sites other than Yandex Market (found "b.com")',
		],
		[
			'reviewComment',
			'+7 999 123 45 67',
			"Text must not contain the shop's contacts (phone numbers or e-mail addresses)",
		],
	] as const)('%s %j', (kind, text, expected) => {
		expect(textProblem('Text', text, kind)).toBe(expected);
	});
});

describe('reviewWindowProblem (6 months, both ends exclusive)', () => {
	const now = at('2026-12-05T12:00:00Z');
	it.each([
		[undefined, undefined, undefined],
		[undefined, at('2026-01-01T00:00:00Z'), undefined],
		[at('2026-06-05T12:00:00Z'), undefined, undefined],
		[
			at('2026-06-05T11:59:59Z'),
			undefined,
			'From and now (To is not set) are more than 6 months apart',
		],
		[at('2026-02-01T00:00:00Z'), at('2026-08-01T00:00:00Z'), undefined],
		[
			at('2026-01-31T23:59:59Z'),
			at('2026-08-01T00:00:00Z'),
			'From and To are more than 6 months apart',
		],
		[at('2026-03-01T00:00:00Z'), at('2026-03-01T00:00:00Z'), 'From must be earlier than To'],
		[at('2026-12-06T00:00:00Z'), undefined, 'From must be earlier than now (To is not set)'],
	])('%s..%s', (from, to, expected) => {
		const problem = reviewWindowProblem(from, to, now);
		if (expected === undefined) expect(problem).toBeUndefined();
		else expect(problem).toContain(expected);
	});
});

describe('questionWindowProblem (1 month of dates)', () => {
	it.each([
		[undefined, undefined, undefined],
		['2026-11-05', undefined, undefined],
		['2026-11-04', undefined, 'From and today (To is not set) are more than 1 month apart'],
		['2026-02-27', '2026-03-31', 'From and To are more than 1 month apart'],
		['2026-02-28', '2026-03-31', undefined],
		['2026-03-01', '2026-03-31', undefined],
		['2026-03-02', '2026-03-01', 'From must not be later than To'],
	])('%s..%s', (from, to, expected) => {
		const problem = questionWindowProblem(from, to, '2026-12-05');
		if (expected === undefined) expect(problem).toBeUndefined();
		else expect(problem).toContain(expected);
	});
});

describe('dates', () => {
	it.each([
		['2026-08-31T10:00:00Z', 6, '2026-02-28T10:00:00.000Z'],
		['2028-08-31T10:00:00Z', 6, '2028-02-29T10:00:00.000Z'],
		['2026-03-31T00:00:00Z', 1, '2026-02-28T00:00:00.000Z'],
	])('monthsBefore(%s, %i) = %s', (from, months, expected) => {
		expect(new Date(monthsBefore(at(from), months)).toISOString()).toBe(expected);
	});

	it('the Moscow day starts at 21:00 UTC', () => {
		expect(moscowDate(at('2026-12-05T20:59:59Z'))).toBe('2026-12-05');
		expect(moscowDate(at('2026-12-05T21:00:00Z'))).toBe('2026-12-06');
	});
});
