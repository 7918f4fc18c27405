/**
 * The sandbox's reading of the reviews/questions spec: quotas and scopes straight from the spec's extensions, the
 * two spec files merging without conflict, and the small pure rules (calendar months, text checks, the JSON
 * writer that keeps string SKUs quoted, the seed's determinism).
 */
import chats from '../../spec/yandex-market-chats.openapi.json';
import feedback from '../../spec/yandex-market-feedback-questions.openapi.json';
import { ApiRefusal, checkSellerText, moscowDate } from '../../sandbox/communication-api';
import {
	acceptedScopes,
	allowedCabinets,
	COMMUNICATION_OPERATIONS,
	communicationQuotas,
	monthsBefore,
} from '../../sandbox/communication-contract';
import { feedbackHandlers } from '../../sandbox/feedback';
import { writeApiJson } from '../../sandbox/json';
import { questionHandlers } from '../../sandbox/questions';
import { seedStore } from '../../sandbox/seed';
import { loadSpec, specOperations } from '../../sandbox/validation';

describe('the reviews/questions spec as the sandbox reads it', () => {
	it('serves every operation of the subset, plus the chat ones', () => {
		const ids = specOperations().map((o) => o.operationId);
		for (const id of COMMUNICATION_OPERATIONS) expect(ids).toContain(id);
		expect(ids).toContain('getChats');
		expect(COMMUNICATION_OPERATIONS).toHaveLength(9);
	});

	it('every review and question operation has a handler', () => {
		const handled = [...Object.keys(feedbackHandlers), ...Object.keys(questionHandlers)].sort();
		expect(handled).toEqual([...COMMUNICATION_OPERATIONS].sort());
	});

	it('the two files share their common components exactly, so merging loses nothing', () => {
		const a = chats.components as unknown as Record<string, Record<string, unknown>>;
		const b = feedback.components as unknown as Record<string, Record<string, unknown>>;
		let shared = 0;
		for (const section of Object.keys(b))
			for (const [name, value] of Object.entries(b[section]))
				if (a[section]?.[name] !== undefined) {
					shared += 1;
					expect([section, name, a[section][name]]).toEqual([section, name, value]);
				}
		expect(shared).toBeGreaterThan(10);
		const merged = loadSpec().components as Record<string, Record<string, unknown>>;
		for (const section of Object.keys(b))
			for (const name of Object.keys(b[section])) expect(merged[section][name]).toBeDefined();
	});

	it.each([
		['none', { getGoodsFeedbacks: 5000, getGoodsQuestions: 1000, skipGoodsFeedbacksReaction: 500 }],
		[
			'medium',
			{ getGoodsFeedbacks: 10000, getGoodsQuestions: 5000, skipGoodsFeedbacksReaction: 1000 },
		],
	] as const)('quotas of tariff %s come from x-resource-limit-config', (tariff, expected) => {
		expect(communicationQuotas(tariff)).toMatchObject(expected);
		expect(communicationQuotas(tariff).updateGoodsQuestionTextEntity).toBe(
			tariff === 'none' ? 500 : 1000,
		);
	});

	it.each([
		['getGoodsFeedbacks', ['ALL_METHODS', 'ALL_METHODS_READ_ONLY', 'COMMUNICATION']],
		['updateGoodsFeedbackComment', ['ALL_METHODS', 'COMMUNICATION']],
		['getGoodsQuestionAnswers', ['ALL_METHODS', 'ALL_METHODS_READ_ONLY', 'COMMUNICATION']],
		['updateGoodsQuestionTextEntity', ['ALL_METHODS', 'COMMUNICATION']],
	])('%s accepts the scopes of x-auth-scopes', (id, scopes) => {
		expect(acceptedScopes(id)?.sort()).toEqual(scopes);
	});

	it('the advertiser listing is for UrbanAds cabinets only', () => {
		expect(allowedCabinets('getGoodsFeedbacksUrbanads')).toEqual(['urbanads']);
		expect(allowedCabinets('getGoodsQuestions')).not.toContain('urbanads');
	});
});

describe('monthsBefore', () => {
	it.each([
		['2026-08-31T12:00:00Z', 6, '2026-02-28T12:00:00.000Z'],
		['2026-12-05T00:00:00Z', 6, '2026-06-05T00:00:00.000Z'],
		['2026-03-31T10:00:00Z', 1, '2026-02-28T10:00:00.000Z'],
		['2024-03-30T10:00:00Z', 1, '2024-02-29T10:00:00.000Z'],
		['2026-01-15T00:00:00Z', 1, '2025-12-15T00:00:00.000Z'],
	])('%s minus %i months is %s', (from, months, expected) => {
		expect(new Date(monthsBefore(Date.parse(from), months)).toISOString()).toBe(expected);
	});
});

describe('moscowDate', () => {
	it('is the calendar day in Moscow (UTC+3)', () => {
		expect(moscowDate(Date.parse('2026-12-05T20:59:59Z'))).toBe('2026-12-05');
		expect(moscowDate(Date.parse('2026-12-05T21:00:00Z'))).toBe('2026-12-06');
	});
});

describe('checkSellerText', () => {
	it.each([
		'Thank you for your review!',
		'See https://market.yandex.ru/product--kettle/123',
		'Version 1.7 is better, e.g. for tea.',
		'Order 40001 ships tomorrow',
	])('accepts %j', (text) => {
		expect(() => checkSellerText('comment.text', text)).not.toThrow();
	});

	it.each([
		['http://example.com', /links/],
		['www.myshop.com', /links/],
		['visit shop.ru now', /links/],
		['8 800 555-35-35', /contacts/],
		['+7 912 345 67 89', /contacts/],
		['me@shop.org', /contacts|links/],
		['\t ', /blank/],
	])('refuses %j', (text, message) => {
		expect(() => checkSellerText('comment.text', text)).toThrow(ApiRefusal);
		expect(() => checkSellerText('comment.text', text)).toThrow(message);
	});

	it('questions only get the blank check (the spec states no content rule for them)', () => {
		expect(() =>
			checkSellerText('text', 'http://example.com', { linksAndContacts: false }),
		).not.toThrow();
		expect(() => checkSellerText('text', ' ', { linksAndContacts: false })).toThrow(/blank/);
	});
});

describe('writeApiJson', () => {
	it('writes IDs as bare integers but keeps ShopSku and brandId strings quoted', () => {
		expect(
			writeApiJson({
				feedbackId: '9007199254740997',
				identifiers: { orderId: '40001', offerId: '100256' },
				offerIds: ['100256', 'A-1'],
				context: { brandId: '7001', businessId: '10001' },
				text: 'offerId "100256"',
			}),
		).toBe(
			'{"feedbackId":9007199254740997,"identifiers":{"orderId":40001,"offerId":"100256"},"offerIds":["100256","A-1"],"context":{"brandId":"7001","businessId":10001},"text":"offerId \\"100256\\""}',
		);
	});
});

describe('seed', () => {
	it('is deterministic for a given moment', () => {
		const at = Date.parse('2026-12-05T12:00:00Z');
		const a = seedStore(at).communication;
		const b = seedStore(at).communication;
		expect([...a.reviews.values()]).toEqual([...b.reviews.values()]);
		expect([...a.questionComments.values()]).toEqual([...b.questionComments.values()]);
		expect(a.reviewsOf('10002')).toHaveLength(230);
		const ratings = new Set(a.reviewsOf('10001').map((r) => r.rating));
		expect([...ratings].sort()).toEqual([1, 2, 3, 4, 5]);
	});
});
