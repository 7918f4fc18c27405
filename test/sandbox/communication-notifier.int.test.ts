/**
 * The review and question notifications: the control endpoints that play a buyer (or a brand/vendor) send
 * GOODS_FEEDBACK_CREATED, GOODS_FEEDBACK_COMMENT_CREATED, QUESTION_CREATED, QUESTION_ANSWER_CREATED and
 * QUESTION_COMMENT_CREATED with bodies valid against spec/notifications-communication.derived.schema.json; the
 * follow-up call each body names finds the item; the shop's own comments and answers notify too (so loop
 * protection can be tested) unless notifyPartnerMessages is off.
 */
import { normalizeIds, parseJsonKeepingBigInts } from '../../nodes/YandexMarketChats/shared/int64';
import {
	COMMUNICATION_SEED as S,
	SANDBOX_SEED,
	createCommunicationControlClient,
	startSandbox,
} from '../../sandbox';
import type { Sandbox } from '../../sandbox';
import type { Receiver } from '../../sandbox/testing';
import { checkCommunicationNotificationSchema, startReceiver } from '../../sandbox/testing';
import { apiCaller } from '../helpers/sandbox';

let sb: Sandbox;
let rx: Receiver;
const call = apiCaller(() => sb.url);
const control = () => createCommunicationControlClient(sb.url);
const B = SANDBOX_SEED.businessId;

beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
	rx = await startReceiver();
});
afterAll(async () => {
	await rx.close();
	await sb.close();
});
beforeEach(async () => {
	await sb.control.reset();
	rx.clear();
	rx.setAnswer({});
	await sb.control.setNotifier({ url: rx.url });
});
afterEach(async () => {
	const bad = (await sb.control.requests()).filter((r) => r.responseValid === false);
	expect(bad.map((r) => [r.operationId, r.responseErrors])).toEqual([]);
});

/** The body with every ID as an exact decimal string, after checking it against its schema definition. */
function body(index: number, def: string): Record<string, unknown> {
	const got = rx.received[index];
	expect(got).toBeDefined();
	const parsed = JSON.parse(got.bodyText) as unknown;
	const check = checkCommunicationNotificationSchema(def, parsed);
	expect(check.errors).toEqual([]);
	// The top-level oneOf must pick exactly this type too.
	expect(checkCommunicationNotificationSchema(undefined, parsed).valid).toBe(true);
	return normalizeIds(parseJsonKeepingBigInts(got.bodyText)) as Record<string, unknown>;
}

const resultOf = <T>(text: string) =>
	(normalizeIds(parseJsonKeepingBigInts(text)) as { result: T }).result;

describe('buyer actions notify the way Yandex does', () => {
	it('a review: GOODS_FEEDBACK_CREATED after publication, createdAt before publishedAt; the follow-up finds it', async () => {
		const created = await control().buyerReview({
			rating: 2,
			disadvantages: 'Scratched.',
			photos: 2,
			paidAmount: 150,
			orderId: '40010',
			moderatedForMs: 3 * 3600_000,
		});
		expect(created.deliveries).toEqual([expect.objectContaining({ ok: true, status: 200 })]);
		const n = body(0, 'GoodsFeedbackCreatedNotification');
		expect(n).toEqual({
			notificationType: 'GOODS_FEEDBACK_CREATED',
			businessId: B,
			feedbackId: created.feedbackId,
			createdAt: expect.any(String),
			publishedAt: expect.any(String),
		});
		expect(Date.parse(String(n.publishedAt)) - Date.parse(String(n.createdAt))).toBeGreaterThan(
			3 * 3600_000 - 2000,
		);
		const r = await call('POST', `/v2/businesses/${B}/goods-feedback`, {
			body: { feedbackIds: [n.feedbackId] },
		});
		const [review] = resultOf<{ feedbacks: Array<Record<string, unknown>> }>(r.text).feedbacks;
		expect(review).toMatchObject({
			feedbackId: created.feedbackId,
			needReaction: true,
			identifiers: { orderId: '40010' },
			statistics: { rating: 2, paidAmount: 150, commentsCount: 0 },
			media: { photos: [expect.any(String), expect.any(String)] },
		});
		// A review published with a backdated createdAt: a poll on createdAt since the last poll would miss it.
		expect(Date.parse(String(review.createdAt))).toBeLessThan(Date.now() - 3 * 3600_000 + 2000);
	});

	it('a comment on a review: GOODS_FEEDBACK_COMMENT_CREATED without feedbackId; commentIds finds the review', async () => {
		const c = await control().reviewComment(S.bigReviewId, { text: 'Any answer?' });
		const n = body(0, 'GoodsFeedbackCommentCreatedNotification');
		expect(Object.keys(n).sort()).toEqual([
			'businessId',
			'commentId',
			'createdAt',
			'notificationType',
		]);
		expect(n.commentId).toBe(String(c.id));
		const r = await call('POST', `/v2/businesses/${B}/goods-feedback/comments`, {
			body: { commentIds: [n.commentId] },
		});
		const [comment] = resultOf<{ comments: Array<Record<string, unknown>> }>(r.text).comments;
		expect(comment).toMatchObject({
			feedbackId: S.bigReviewId,
			author: { type: 'USER' },
			canModify: false,
		});
		// A reply to a comment, and a brand's comment.
		await control().reviewComment(S.threadReviewId, { text: 'Me too', parentId: '81003' });
		await control().reviewComment(S.threadReviewId, { text: 'Brand here', authorType: 'BRAND' });
		expect(
			rx.received.map((x) => (x.body as { notificationType: string }).notificationType),
		).toEqual([
			'GOODS_FEEDBACK_COMMENT_CREATED',
			'GOODS_FEEDBACK_COMMENT_CREATED',
			'GOODS_FEEDBACK_COMMENT_CREATED',
		]);
	});

	it('a question: QUESTION_CREATED; questionIds finds it', async () => {
		const q = await control().buyerQuestion({ text: 'Is it loud?', offerId: S.numericSku });
		const n = body(0, 'QuestionCreatedNotification');
		expect(n).toEqual({
			notificationType: 'QUESTION_CREATED',
			businessId: B,
			questionId: q.questionId,
			createdAt: expect.any(String),
		});
		const r = await call('POST', `/v1/businesses/${B}/goods-questions`, {
			body: { questionIds: [n.questionId], needAnswer: true },
		});
		expect(r.text).toContain(`"offerId":"${S.numericSku}"`);
		expect(resultOf<{ totalCount: number }>(r.text).totalCount).toBe(1);
	});

	it('an answer by another buyer or the vendor: QUESTION_ANSWER_CREATED without questionId', async () => {
		const a = await control().otherAnswer(S.openQuestionId, {
			text: 'Quiet enough.',
			authorType: 'VENDOR',
		});
		const n = body(0, 'QuestionAnswerCreatedNotification');
		expect(Object.keys(n).sort()).toEqual([
			'answerId',
			'businessId',
			'createdAt',
			'notificationType',
		]);
		expect(n.answerId).toBe(String(a.id));
		const r = await call('POST', `/v1/businesses/${B}/goods-questions/answers`, {
			body: { answerIds: [n.answerId] },
		});
		const [answer] = resultOf<{ answers: Array<Record<string, unknown>> }>(r.text).answers;
		expect(answer).toMatchObject({ questionId: S.openQuestionId, author: { type: 'VENDOR' } });
		// Only the shop's answer ends "needs an answer".
		const q = await control().question(S.openQuestionId);
		expect(q.needsAnswer).toBe(true);
	});

	it('a comment on an answer: QUESTION_COMMENT_CREATED with answerId and commentId, exact above 2^53', async () => {
		const c = await control().answerComment(S.bigAnswerId, { text: 'Thanks!' });
		const n = body(0, 'QuestionCommentCreatedNotification');
		expect(rx.received[0].bodyText).toContain(`"answerId":${S.bigAnswerId}`);
		expect(n).toEqual({
			notificationType: 'QUESTION_COMMENT_CREATED',
			businessId: B,
			answerId: S.bigAnswerId,
			commentId: String(c.id),
			createdAt: expect.any(String),
		});
		// No method reads one question comment: read the answer, then pick the comment.
		const r = await call('POST', `/v1/businesses/${B}/goods-questions/answers`, {
			body: { answerIds: [n.answerId] },
		});
		const [answer] = resultOf<{
			answers: Array<{ comments?: Array<{ id: string; text: string }> }>;
		}>(r.text).answers;
		expect(answer.comments?.find((x) => x.id === n.commentId)?.text).toBe('Thanks!');
	});

	it('control inputs are checked', async () => {
		await expect(control().buyerReview({ rating: 6 })).rejects.toThrow(
			/"rating" must be an integer from 1 to 5/,
		);
		await expect(control().reviewComment('89999', { text: 'x' })).rejects.toThrow(
			/no review 89999/,
		);
		await expect(
			control().reviewComment(S.threadReviewId, { text: 'x', authorType: 'BUSINESS' as 'USER' }),
		).rejects.toThrow(/the shop comments through the API/);
		await expect(control().buyerQuestion({ text: '' })).rejects.toThrow(/"text" is required/);
		await expect(
			control().answerComment(S.sellerAnswerId, { text: 'x', parentId: '84999' }),
		).rejects.toThrow(/no comment 84999/);
		expect(rx.received).toEqual([]);
	});

	it('nothing is sent with autoNotify off, and the item is still stored', async () => {
		await sb.control.setNotifier({ url: rx.url, autoNotify: false });
		const q = await control().buyerQuestion({ text: 'Quietly asked?' });
		expect(q.deliveries).toEqual([]);
		expect((await control().question(q.questionId)).text).toBe('Quietly asked?');
		expect(rx.received).toEqual([]);
	});
});

describe("the shop's own comments and answers", () => {
	it('a shop comment through the API notifies GOODS_FEEDBACK_COMMENT_CREATED; the follow-up shows author BUSINESS', async () => {
		const r = await call('POST', `/v2/businesses/${B}/goods-feedback/comments/update`, {
			body: { feedbackId: S.lowRatingReviewId, comment: { text: 'Sorry, we will fix it.' } },
		});
		const id = String(resultOf<{ id: string }>(r.text).id);
		await rx.waitFor(1);
		const n = body(0, 'GoodsFeedbackCommentCreatedNotification');
		expect(n.commentId).toBe(id);
		const read = await call('POST', `/v2/businesses/${B}/goods-feedback/comments`, {
			body: { commentIds: [id] },
		});
		expect(
			resultOf<{ comments: Array<Record<string, unknown>> }>(read.text).comments[0],
		).toMatchObject({
			author: { type: 'BUSINESS' },
			canModify: true,
		});
	});

	it('edits and deletes do not notify; only creations do', async () => {
		await call('POST', `/v2/businesses/${B}/goods-feedback/comments/update`, {
			body: { feedbackId: S.threadReviewId, comment: { id: S.sellerCommentId, text: 'Edited.' } },
		});
		await call('POST', `/v2/businesses/${B}/goods-feedback/comments/delete`, {
			body: { id: S.sellerCommentId },
		});
		await call('POST', `/v1/businesses/${B}/goods-questions/update`, {
			body: {
				operationType: 'UPDATE',
				entityId: { id: S.sellerAnswerId, type: 'ANSWER' },
				text: 'Edited.',
			},
		});
		await sb.state.notifier.idle();
		expect(rx.received).toEqual([]);
	});

	it('a shop answer notifies QUESTION_ANSWER_CREATED and a shop comment QUESTION_COMMENT_CREATED', async () => {
		const a = await call('POST', `/v1/businesses/${B}/goods-questions/update`, {
			body: {
				operationType: 'CREATE',
				parentEntityId: { id: S.openQuestionId, type: 'QUESTION' },
				text: 'Yes.',
			},
		});
		const answerId = String(resultOf<{ entity: { id: string } }>(a.text).entity.id);
		await rx.waitFor(1);
		expect(body(0, 'QuestionAnswerCreatedNotification').answerId).toBe(answerId);
		const c = await call('POST', `/v1/businesses/${B}/goods-questions/update`, {
			body: {
				operationType: 'CREATE',
				parentEntityId: { id: S.buyerAnswerId, type: 'ANSWER' },
				text: 'Thank you!',
			},
		});
		const commentId = String(resultOf<{ entity: { id: string } }>(c.text).entity.id);
		await rx.waitFor(2);
		expect(body(1, 'QuestionCommentCreatedNotification')).toMatchObject({
			answerId: S.buyerAnswerId,
			commentId,
		});
	});

	it('notifyPartnerMessages: false silences them, as it does the seller chat messages', async () => {
		await sb.control.setNotifier({ url: rx.url, notifyPartnerMessages: false });
		await call('POST', `/v2/businesses/${B}/goods-feedback/comments/update`, {
			body: { feedbackId: S.lowRatingReviewId, comment: { text: 'Quiet reply.' } },
		});
		await call('POST', `/v1/businesses/${B}/goods-questions/update`, {
			body: {
				operationType: 'CREATE',
				parentEntityId: { id: S.openQuestionId, type: 'QUESTION' },
				text: 'Quiet answer.',
			},
		});
		await sb.state.notifier.idle();
		expect(rx.received).toEqual([]);
		// Buyer actions still notify.
		await control().reviewComment(S.lowRatingReviewId, { text: 'Thanks' });
		expect(rx.received).toHaveLength(1);
	});
});

describe('delivery log and /notify', () => {
	it('the deliveries are in the log with Yandex’s verdict on the answer', async () => {
		rx.setAnswer({ status: 500 });
		const r = await control().buyerReview({ rating: 5, comment: 'Great' });
		expect(r.deliveries[0]).toMatchObject({
			type: 'GOODS_FEEDBACK_CREATED',
			ok: false,
			problems: ['CANT_GET_RESPONSE/HTTP: status 500'],
		});
		const log = await sb.control.notifications();
		expect(log.map((d) => d.type)).toEqual(['GOODS_FEEDBACK_CREATED']);
	});

	it('/notify sends the five types with IDs that exist in the seed and valid bodies', async () => {
		const defs = {
			GOODS_FEEDBACK_CREATED: ['GoodsFeedbackCreatedNotification', 'feedbackId'],
			GOODS_FEEDBACK_COMMENT_CREATED: ['GoodsFeedbackCommentCreatedNotification', 'commentId'],
			QUESTION_CREATED: ['QuestionCreatedNotification', 'questionId'],
			QUESTION_ANSWER_CREATED: ['QuestionAnswerCreatedNotification', 'answerId'],
			QUESTION_COMMENT_CREATED: ['QuestionCommentCreatedNotification', 'commentId'],
		} as const;
		const store = sb.state.store.communication;
		const exists: Record<string, (id: string) => boolean> = {
			feedbackId: (id) => store.review(B, id) !== undefined,
			commentId: (id) =>
				store.reviewComment(B, id) !== undefined || store.questionComment(B, id) !== undefined,
			questionId: (id) => store.question(B, id) !== undefined,
			answerId: (id) => store.answer(B, id) !== undefined,
		};
		for (const [i, [type, [def, idField]]] of Object.entries(defs).entries()) {
			await sb.control.notify({ type });
			const n = body(i, def);
			expect(exists[idField](String(n[idField]))).toBe(true);
		}
	});
});
