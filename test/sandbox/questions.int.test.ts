/**
 * The product question methods of the sandbox over real HTTP: listing with filters, the 1-month window, sort,
 * totalCount and cursor pages; answers with embedded comments; the one update method that creates, edits and
 * deletes answers and comments (an ID only on CREATE); scopes, quotas and exact int64 IDs. Every answer is checked
 * against the spec.
 */
import {
	COMMUNICATION_SEED as S,
	SANDBOX_KEYS,
	SANDBOX_SEED,
	createCommunicationControlClient,
} from '../../sandbox';
import { parseJsonKeepingBigInts } from '../../nodes/YandexMarketChats/shared/int64';
import { apiCaller, firstErrorMessage, useSpecCheckedSandbox } from '../helpers/sandbox';
import type { ApiResponse } from '../helpers/sandbox';

const sb = useSpecCheckedSandbox();
const call = apiCaller(() => sb.url);
const control = () => createCommunicationControlClient(sb.url);
const B = SANDBOX_SEED.businessId;
const QUESTIONS = `/v1/businesses/${B}/goods-questions`;

interface Question {
	questionIdentifiers: { id: number; offerId: string; categoryId?: number };
	businessId: number;
	text: string;
	createdAt: string;
	votes: { likes: number; dislikes: number };
	author: { type?: string; name?: string };
}
interface QComment {
	id: number;
	text: string;
	canModify?: boolean;
	parentId?: number;
	author?: { type: string };
	status: string;
	answerId: number;
}
interface Answer {
	id: number;
	text: string;
	canModify: boolean;
	author?: { type: string; name: string };
	status: string;
	questionId: number;
	comments?: QComment[];
}

const questionsOf = (r: ApiResponse) => (r.json.result as { questions: Question[] }).questions;
const totalOf = (r: ApiResponse) => (r.json.result as { totalCount: number }).totalCount;
const answersOf = (r: ApiResponse) => (r.json.result as { answers: Answer[] }).answers;
const nextToken = (r: ApiResponse) =>
	(r.json.result as { paging?: { nextPageToken?: string } }).paging?.nextPageToken;
const list = (body: unknown = {}, query: Record<string, string | number> = {}, key?: string) =>
	call('POST', QUESTIONS, { body, query, key });
const answers = (body: unknown, query: Record<string, string | number> = {}) =>
	call('POST', `${QUESTIONS}/answers`, { body, query });
const update = (body: unknown, key?: string) => call('POST', `${QUESTIONS}/update`, { body, key });
const ids = (qs: Question[]) => qs.map((q) => String(q.questionIdentifiers.id));
/** The question IDs with exact digits (r.json rounds the ones above 2^53). */
const exactIds = (r: ApiResponse) =>
	(
		parseJsonKeepingBigInts(r.text) as {
			result: { questions: Array<{ questionIdentifiers: { id: number | string } }> };
		}
	).result.questions.map((q) => String(q.questionIdentifiers.id));
const day = (offsetDays: number) =>
	new Date(Date.now() + 3 * 3600_000 + offsetDays * 86400_000).toISOString().slice(0, 10);

describe('getGoodsQuestions', () => {
	it('lists the last month newest first with totalCount; older questions are left out by default', async () => {
		const r = await call('POST', QUESTIONS);
		expect(r.status).toBe(200);
		const qs = questionsOf(r);
		// 12 recent plus the big-ID one; 82013 (40 days) and 82014 (75 days) are outside the month.
		expect(totalOf(r)).toBe(13);
		expect(qs).toHaveLength(13);
		expect(exactIds(r)[0]).toBe(S.bigQuestionId);
		const times = qs.map((q) => Date.parse(q.createdAt));
		expect([...times].sort((a, b) => b - a)).toEqual(times);
		for (const id of S.oldQuestionIds) expect(ids(qs)).not.toContain(id);
		expect(r.text).toContain(`"id":${S.bigQuestionId}`);
		expect(r.text).toContain(`"offerId":"${S.numericSku}"`);
		expect(qs[1]).toMatchObject({
			businessId: 10001,
			votes: { likes: expect.any(Number), dislikes: expect.any(Number) },
			author: { type: 'USER' },
		});
	});

	it('sorts oldest first on request; the token belongs to its sort order', async () => {
		const asc = await list({ sort: 'CREATED_AT_ASC' }, { limit: 5 });
		const times = questionsOf(asc).map((q) => Date.parse(q.createdAt));
		expect([...times].sort((a, b) => a - b)).toEqual(times);
		const desc = await list({ sort: 'CREATED_AT_DESC' }, { limit: 5, pageToken: nextToken(asc)! });
		expect(desc.status).toBe(400);
		expect(firstErrorMessage(desc)).toBe('Bad page token');
	});

	it('needAnswer: true keeps the questions without the shop answer (another buyer answering does not count)', async () => {
		const r = await list({ needAnswer: true });
		const open = ids(questionsOf(r));
		expect(open).toContain(S.openQuestionId);
		expect(open).toContain(S.buyerAnsweredQuestionId);
		expect(open).not.toContain(S.answeredQuestionId);
		expect(totalOf(r)).toBe(open.length);
		expect(totalOf(await list({ needAnswer: false }))).toBe(13);
	});

	it('filters by question IDs (of any age) and category IDs', async () => {
		const byId = await list({ questionIds: [...S.oldQuestionIds, S.bigQuestionId] });
		expect(exactIds(byId).sort()).toEqual([...S.oldQuestionIds, S.bigQuestionId].sort());
		const cat = questionsOf(await list({ categoryIds: ['91013'] }));
		expect(cat.length).toBeGreaterThan(0);
		expect(cat.every((q) => q.questionIdentifiers.categoryId === 91013)).toBe(true);
		const many = await list({ questionIds: Array.from({ length: 51 }, (_, i) => 82001 + i) });
		expect(firstErrorMessage(many)).toMatch(/'questionIds' must NOT have more than 50 items/);
		const zero = await list({ questionIds: [0] });
		expect(firstErrorMessage(zero)).toMatch(/'questionIds.0' must be >= 1/);
	});

	it('dates are dates, the window is at most a month, and it reaches older questions', async () => {
		const old = await list({ dateFrom: day(-80), dateTo: day(-50) });
		expect(ids(questionsOf(old))).toEqual([S.oldQuestionIds[1]]);
		const tooLong = await list({ dateFrom: day(-45), dateTo: day(0) });
		expect(tooLong.status).toBe(400);
		expect(firstErrorMessage(tooLong)).toBe(
			"The period between 'dateFrom' and 'dateTo' must not be longer than 1 month",
		);
		const lone = await list({ dateFrom: day(-45) });
		expect(firstErrorMessage(lone)).toBe(
			"The period between 'dateFrom' and 'dateTo' must not be longer than 1 month ('dateTo' defaults to today)",
		);
		const reversed = await list({ dateFrom: day(0), dateTo: day(-3) });
		expect(firstErrorMessage(reversed)).toBe("'dateFrom' must not be later than 'dateTo'");
		const dateTime = await list({ dateFrom: '2026-01-01T00:00:00Z' });
		expect(dateTime.status).toBe(400);
		expect(firstErrorMessage(dateTime)).toMatch(/'dateFrom' must match format "date"/);
		// A single day includes that day's questions.
		const today = await control().buyerQuestion({ text: 'Asked today?' });
		expect(ids(questionsOf(await list({ dateFrom: day(0), dateTo: day(0) })))).toContain(
			today.questionId,
		);
	});

	it('pages of up to 50: Return All of the 60 questions of the second business takes 2 calls', async () => {
		const path = `/v1/businesses/${S.bulkBusinessId}/goods-questions`;
		const key = SANDBOX_KEYS.secondBusiness;
		const first = await call('POST', path, { body: {}, key, query: { limit: 50 } });
		expect(questionsOf(first)).toHaveLength(50);
		expect(totalOf(first)).toBe(60);
		const second = await call('POST', path, {
			body: {},
			key,
			query: { limit: 50, pageToken: nextToken(first)! },
		});
		expect(questionsOf(second)).toHaveLength(10);
		expect(nextToken(second)).toBeUndefined();
		expect(new Set([...ids(questionsOf(first)), ...ids(questionsOf(second))]).size).toBe(60);
		expect(firstErrorMessage(await list({}, { limit: 51 }))).toBe(
			'Parameter limit must be less than or equal to 50',
		);
	});
});

describe('getGoodsQuestionAnswers', () => {
	it('returns the answers of a question with their comments embedded', async () => {
		const r = await answers({ questionId: S.answeredQuestionId });
		expect(r.status).toBe(200);
		const [a] = answersOf(r);
		expect(a).toMatchObject({
			id: 83001,
			canModify: true,
			status: 'PUBLISHED',
			questionId: 82001,
			author: { type: 'BUSINESS' },
		});
		expect(a.comments?.map((c) => [c.id, c.parentId, c.author?.type, c.canModify])).toEqual([
			[84001, undefined, 'USER', false],
			[84002, 84001, 'BUSINESS', true],
		]);
		const [vendor] = answersOf(await answers({ questionId: '82004' }));
		expect(vendor.author?.type).toBe('VENDOR');
		expect(vendor.canModify).toBe(false);
	});

	it('answerIds reads answers by ID (the notification follow-up), exact above 2^53', async () => {
		const r = await answers({ answerIds: [S.bigAnswerId, S.buyerAnswerId] });
		expect(r.text).toContain(`"id":${S.bigAnswerId}`);
		expect(r.text).toContain(`"questionId":${S.bigQuestionId}`);
		expect(answersOf(r)).toHaveLength(2);
	});

	it('needs questionId or answerIds and a body', async () => {
		expect(firstErrorMessage(await answers({}))).toBe(
			"Either 'questionId' or 'answerIds' must be set",
		);
		expect(firstErrorMessage(await call('POST', `${QUESTIONS}/answers`))).toBe(
			'Required request body is missing',
		);
		expect(answersOf(await answers({ questionId: '89999' }))).toEqual([]);
	});

	it('pages answers with cursors', async () => {
		for (let i = 0; i < 4; i++)
			await control().otherAnswer(S.openQuestionId, { text: `Buyer answer ${i}` });
		const first = await answers({ questionId: S.openQuestionId }, { limit: 3 });
		const second = await answers(
			{ questionId: S.openQuestionId },
			{ limit: 3, pageToken: nextToken(first)! },
		);
		expect([...answersOf(first), ...answersOf(second)].map((a) => a.text)).toEqual(
			Array.from({ length: 4 }, (_, i) => `Buyer answer ${i}`),
		);
		expect(nextToken(second)).toBeUndefined();
	});
});

describe('updateGoodsQuestionTextEntity', () => {
	it('CREATE answers a question: only the ID comes back, and the question no longer needs an answer', async () => {
		const r = await update({
			operationType: 'CREATE',
			parentEntityId: { id: S.openQuestionId, type: 'QUESTION' },
			text: 'Yes, it does.',
		});
		expect(r.status).toBe(200);
		expect(r.json).toEqual({
			status: 'OK',
			result: { entity: { id: expect.any(Number), type: 'ANSWER' } },
		});
		const answerId = String((r.json.result as { entity: { id: number } }).entity.id);
		const [a] = answersOf(await answers({ answerIds: [answerId] }));
		expect(a).toMatchObject({
			text: 'Yes, it does.',
			canModify: true,
			author: { type: 'BUSINESS' },
		});
		expect(ids(questionsOf(await list({ needAnswer: true })))).not.toContain(S.openQuestionId);
	});

	it('CREATE comments on an answer, and on a comment (parentId)', async () => {
		const c1 = await update({
			operationType: 'CREATE',
			parentEntityId: { id: S.buyerAnswerId, type: 'ANSWER' },
			text: 'Thank you for helping!',
		});
		expect((c1.json.result as { entity: { type: string } }).entity.type).toBe('COMMENT');
		const c2 = await update({
			operationType: 'CREATE',
			parentEntityId: { id: '84001', type: 'COMMENT' },
			text: 'Also in Kazakhstan.',
		});
		const c2Id = (c2.json.result as { entity: { id: number } }).entity.id;
		const [a] = answersOf(await answers({ answerIds: [S.sellerAnswerId] }));
		expect(a.comments?.find((c) => c.id === c2Id)).toMatchObject({
			parentId: 84001,
			answerId: 83001,
			author: { type: 'BUSINESS' },
		});
		const [b] = answersOf(await answers({ answerIds: [S.buyerAnswerId] }));
		expect(b.comments?.map((c) => c.text)).toEqual(['Thank you for helping!']);
	});

	it('UPDATE and DELETE answer {status: OK} with no ID', async () => {
		const up = await update({
			operationType: 'UPDATE',
			entityId: { id: S.sellerAnswerId, type: 'ANSWER' },
			text: 'Yes, a 3-year warranty.',
		});
		expect(up.status).toBe(200);
		expect(up.json).toEqual({ status: 'OK' });
		expect(answersOf(await answers({ answerIds: [S.sellerAnswerId] }))[0].text).toBe(
			'Yes, a 3-year warranty.',
		);
		const del = await update({
			operationType: 'DELETE',
			entityId: { id: S.answerCommentIds[1], type: 'COMMENT' },
		});
		expect(del.json).toEqual({ status: 'OK' });
		const [a] = answersOf(await answers({ answerIds: [S.sellerAnswerId] }));
		expect(a.comments?.map((c) => String(c.id))).toEqual([S.answerCommentIds[0]]);
		const delAnswer = await update({
			operationType: 'DELETE',
			entityId: { id: S.sellerAnswerId, type: 'ANSWER' },
		});
		expect(delAnswer.status).toBe(200);
		expect(answersOf(await answers({ questionId: S.answeredQuestionId }))).toEqual([]);
		expect(ids(questionsOf(await list({ needAnswer: true })))).toContain(S.answeredQuestionId);
	});

	it.each([
		[
			{ operationType: 'CREATE', text: 'x' },
			"'parentEntityId' must not be null for operationType CREATE",
		],
		[
			{ operationType: 'CREATE', parentEntityId: { id: '82003', type: 'QUESTION' } },
			"'text' must not be null for operationType CREATE",
		],
		[
			{
				operationType: 'CREATE',
				parentEntityId: { id: '82003', type: 'QUESTION' },
				entityId: { id: '83001', type: 'ANSWER' },
				text: 'x',
			},
			"'entityId' must not be set for operationType CREATE (use UPDATE to edit)",
		],
		[
			{ operationType: 'UPDATE', text: 'x' },
			"'entityId' must not be null for operationType UPDATE",
		],
		[
			{ operationType: 'UPDATE', entityId: { id: '83001', type: 'ANSWER' } },
			"'text' must not be null for operationType UPDATE",
		],
		[{ operationType: 'DELETE' }, "'entityId' must not be null for operationType DELETE"],
		[
			{ operationType: 'UPDATE', entityId: { id: '82001', type: 'QUESTION' }, text: 'x' },
			'A question cannot be changed by the shop: entityId.type must be ANSWER or COMMENT for UPDATE',
		],
		[
			{ operationType: 'UPDATE', entityId: { id: S.buyerAnswerId, type: 'ANSWER' }, text: 'x' },
			"Answer '83002' cannot be modified: only the shop's own answers and comments can be changed (canModify is false)",
		],
		[
			{ operationType: 'DELETE', entityId: { id: '84001', type: 'COMMENT' } },
			"Comment '84001' cannot be modified: only the shop's own answers and comments can be changed (canModify is false)",
		],
		[{ operationType: 'REPLACE' }, /'operationType' must be equal to one of the allowed values/],
		[{}, "'operationType' must not be null"],
		[
			{ operationType: 'CREATE', parentEntityId: { id: '82003', type: 'QUESTION' }, text: '  ' },
			"'text' must not be blank",
		],
		[
			{
				operationType: 'CREATE',
				parentEntityId: { id: '82003', type: 'QUESTION' },
				text: 'x'.repeat(5001),
			},
			"'text' must NOT have more than 5000 characters",
		],
		[
			{ operationType: 'CREATE', parentEntityId: { id: '82003' }, text: 'x' },
			"'parentEntityId.type' must not be null",
		],
	])('refuses %j with a 400 naming the field', async (body, message) => {
		const r = await update(body);
		expect(r.status).toBe(400);
		if (typeof message === 'string') expect(firstErrorMessage(r)).toBe(message);
		else expect(firstErrorMessage(r)).toMatch(message);
	});

	it('404 for unknown parents and entities; 5000 characters are allowed', async () => {
		const q = await update({
			operationType: 'CREATE',
			parentEntityId: { id: '89999', type: 'QUESTION' },
			text: 'x',
		});
		expect(q.status).toBe(404);
		expect(firstErrorMessage(q)).toBe("Question not found: '89999'");
		const a = await update({
			operationType: 'UPDATE',
			entityId: { id: '89999', type: 'ANSWER' },
			text: 'x',
		});
		expect(firstErrorMessage(a)).toBe("Answer not found: '89999'");
		const long = await update({
			operationType: 'CREATE',
			parentEntityId: { id: S.openQuestionId, type: 'QUESTION' },
			text: 'x'.repeat(5000),
		});
		expect(long.status).toBe(200);
	});
});

describe('access and quotas', () => {
	it('reads with the read-only key; writes need the communication scope; /v1/ only', async () => {
		expect((await list({}, {}, SANDBOX_KEYS.readOnly)).status).toBe(200);
		const write = await update(
			{
				operationType: 'CREATE',
				parentEntityId: { id: S.openQuestionId, type: 'QUESTION' },
				text: 'Hi',
			},
			SANDBOX_KEYS.readOnly,
		);
		expect(write.status).toBe(403);
		expect((await list({}, {}, SANDBOX_KEYS.noChatScope)).status).toBe(403);
		expect((await list({}, {}, SANDBOX_KEYS.advertiser)).status).toBe(403);
		const v2 = await call('POST', `/v2/businesses/${B}/goods-questions`, { body: {} });
		expect(v2.status).toBe(404);
	});

	it('question reads allow 1,000 per hour on the lower tariff (5,000 on medium), writes 500 (1,000)', async () => {
		const limitOf = (r: ApiResponse) => r.headers.get('x-ratelimit-resource-limit');
		expect(limitOf(await list())).toBe('1000');
		expect(limitOf(await answers({ questionId: S.answeredQuestionId }))).toBe('1000');
		expect(
			limitOf(await update({ operationType: 'DELETE', entityId: { id: '89999', type: 'ANSWER' } })),
		).toBe('500');
		await sb.control.limits({ tariff: 'medium' });
		expect(limitOf(await list())).toBe('5000');
		expect(
			limitOf(await update({ operationType: 'DELETE', entityId: { id: '89999', type: 'ANSWER' } })),
		).toBe('1000');
		const bad = await sb.control.limits({ tariff: 'gold' as 'none' }).catch((e: Error) => e);
		expect(String(bad)).toMatch(/tariff must be one of none, medium/);
	});

	it('420 once the hourly quota is spent', async () => {
		await sb.control.limits({ windowMs: 60_000, quotas: { getGoodsQuestions: 1 } });
		expect((await list()).status).toBe(200);
		const over = await list();
		expect(over.status).toBe(420);
		expect(firstErrorMessage(over)).toBe(
			`Hit rate limit of 1 requests per 'hour' for resource '/v1/businesses/{businessId}/goods-questions' for businessId ${B}`,
		);
	});
});
