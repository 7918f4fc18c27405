/**
 * The Review operations over real HTTP against the sandbox, through n8n-core's request helpers: every request must be
 * valid against the official spec, IDs above 2^53 and all-digit SKUs exact, and every limit checked before a call.
 */
import {
	COMMUNICATION_SEED as SEED,
	SANDBOX_KEYS,
	createCommunicationControlClient,
} from '../../../../../sandbox';
import { useActionSandbox } from '../../../../helpers/actionRun';
import { failure } from '../../../../helpers/failure';

const { run, requests, validRequests, sandbox } = useActionSandbox();
const review = (operation: string, params: Record<string, unknown> = {}) => ({
	resource: 'review',
	operation,
	...params,
});

describe('review: getAll', () => {
	it('Return All reads 230 reviews in 5 calls of 50 (the largest page Yandex serves)', async () => {
		const out = await run(review('getAll', { returnAll: true }), {
			apiKey: SANDBOX_KEYS.secondBusiness,
			businessId: SEED.bulkBusinessId,
		});
		expect(out).toHaveLength(SEED.bulkReviewCount);
		const recorded = await validRequests('getGoodsFeedbacks', 5);
		expect(recorded.map((r) => r.query.limit)).toEqual(['50', '50', '50', '50', '50']);
		expect(recorded[0].path).toBe(`/v2/businesses/${SEED.bulkBusinessId}/goods-feedback`);
		expect(new Set(out.map((o) => o.json.feedbackId)).size).toBe(SEED.bulkReviewCount);
	});

	it('a Limit of 3 asks for a page of 3 and flattens each review', async () => {
		const out = await run(review('getAll', { limit: 3 }));
		const [req] = await validRequests('getGoodsFeedbacks', 1);
		expect(req.query.limit).toBe('3');
		expect(out).toHaveLength(3);
		expect(out[0].json).toMatchObject({
			businessId: '10001',
			feedbackId: expect.any(String),
			rating: expect.any(Number),
			needReaction: expect.any(Boolean),
			photos: expect.any(Array),
		});
		expect(out[0].json.statistics).toBeUndefined();
	});

	it('sends every filter as Yandex documents it; an all-digit SKU stays a JSON string', async () => {
		const out = await run(
			review('getAll', {
				returnAll: true,
				filters: {
					reactionStatus: 'ALL',
					ratingValues: [4, 5],
					offerIds: ` ${SEED.numericSku} , KETTLE-1700-WHITE`,
					dateTimeFrom: new Date(Date.now() - 30 * 86400_000).toISOString(),
				},
			}),
		);
		const [req] = await validRequests('getGoodsFeedbacks', 1);
		expect(req.rawBody).toContain(`"offerIds":["${SEED.numericSku}","KETTLE-1700-WHITE"]`);
		expect(req.body).toMatchObject({ ratingValues: [4, 5] });
		for (const item of out) expect([4, 5]).toContain(item.json.rating);
		const numeric = out.find((o) => o.json.offerId === SEED.numericSku);
		if (numeric) expect(typeof numeric.json.offerId).toBe('string');
	});

	it('Needs Reaction lists only the reviews the shop has not reacted to', async () => {
		const out = await run(
			review('getAll', { returnAll: true, filters: { reactionStatus: 'NEED_REACTION' } }),
		);
		expect(out.length).toBeGreaterThan(0);
		expect(out.every((o) => o.json.needReaction === true)).toBe(true);
		expect((await requests('getGoodsFeedbacks'))[0].body).toEqual({
			reactionStatus: 'NEED_REACTION',
		});
	});

	it.each([
		[
			{ feedbackIds: '80001', ratingValues: [1] },
			'Review IDs cannot be combined with other filters',
		],
		[
			{ dateTimeFrom: '2026-01-01T00:00:00Z', dateTimeTo: '2026-08-01T00:00:00Z' },
			'more than 6 months apart',
		],
		[{ offerIds: Array.from({ length: 21 }, (_, k) => `SKU-${k}`).join(',') }, 'at most 20'],
		[{ feedbackIds: Array.from({ length: 51 }, (_, k) => 1 + k).join(',') }, '1 to 50 IDs'],
	])('refuses %j before any request', async (filters, message) => {
		const error = await failure(run(review('getAll', { returnAll: true, filters })));
		expect(error.message).toContain(message);
		expect(await requests('getGoodsFeedbacks')).toEqual([]);
	});
});

describe('review: get', () => {
	it('reads a review whose ID is above 2^53 exactly', async () => {
		const out = await run(review('get', { feedbackId: SEED.bigReviewId }));
		const [req] = await validRequests('getGoodsFeedbacks', 1);
		expect(req.rawBody).toBe(`{"feedbackIds":[${SEED.bigReviewId}]}`);
		expect(out[0].json.feedbackId).toBe(SEED.bigReviewId);
	});

	it('a deleted review (Yandex returns an empty list) is an error naming the ID', async () => {
		const error = await failure(run(review('get', { feedbackId: SEED.deletedReviewId })));
		expect(error.message).toBe(`Review ID ${SEED.deletedReviewId} was not found in business 10001`);
	});
});

describe('review: comments', () => {
	it('Get Comments reads the thread of a review, the shop marked fromSeller', async () => {
		const out = await run(
			review('getComments', { feedbackId: SEED.threadReviewId, returnAll: true }),
		);
		await validRequests('getGoodsFeedbackComments', 1);
		expect(out.map((o) => o.json.commentId)).toEqual(SEED.threadCommentIds);
		const seller = out.find((o) => o.json.commentId === SEED.sellerCommentId);
		expect(seller?.json).toMatchObject({
			fromSeller: true,
			authorType: 'BUSINESS',
			canModify: true,
		});
	});

	it('Get Comment finds a comment and its review from the comment ID alone', async () => {
		const out = await run(review('getComment', { commentId: SEED.bigReviewCommentId }));
		const [req] = await validRequests('getGoodsFeedbackComments', 1);
		expect(req.rawBody).toBe(`{"commentIds":[${SEED.bigReviewCommentId}]}`);
		expect(out[0].json).toMatchObject({
			commentId: SEED.bigReviewCommentId,
			feedbackId: SEED.bigReviewId,
		});
	});

	it('Reply publishes the comment once and clears needReaction', async () => {
		const out = await run(review('reply', { feedbackId: SEED.lowRatingReviewId, text: 'Sorry!' }));
		const [req] = await validRequests('updateGoodsFeedbackComment', 1);
		expect(req.body).toEqual({ feedbackId: SEED.lowRatingReviewId, comment: { text: 'Sorry!' } });
		expect(out[0].json).toMatchObject({
			success: true,
			feedbackId: SEED.lowRatingReviewId,
			commentId: expect.stringMatching(/^\d+$/),
			text: 'Sorry!',
		});
		const control = createCommunicationControlClient(sandbox().url);
		expect((await control.review(SEED.lowRatingReviewId)).needReaction).toBe(false);
	});

	it('Reply to Comment sends parentId; Edit Comment sends id; Delete Comment deletes it', async () => {
		const [reply] = await run(
			review('replyToComment', {
				feedbackId: SEED.threadReviewId,
				commentId: SEED.threadCommentIds[2],
				text: 'Thank you for the details.',
			}),
		);
		expect(reply.json.parentId).toBe(SEED.threadCommentIds[2]);
		const commentId = String(reply.json.commentId);
		await run(
			review('updateComment', { feedbackId: SEED.threadReviewId, commentId, text: 'Edited.' }),
		);
		const [, edit] = await validRequests('updateGoodsFeedbackComment', 2);
		expect(edit.body).toEqual({
			feedbackId: SEED.threadReviewId,
			comment: { id: commentId, text: 'Edited.' },
		});
		const [deleted] = await run(review('deleteComment', { commentId }));
		const [del] = await validRequests('deleteGoodsFeedbackComment', 1);
		expect(del.body).toEqual({ id: commentId });
		expect(deleted.json).toEqual({ success: true, businessId: '10001', commentId, deleted: true });
	});

	it.each([
		['a link to another site', 'See https://example.com/help', 'must not contain links'],
		['a phone number', 'Call us: +7 999 123-45-67', "must not contain the shop's contacts"],
		['too long a text', 'x'.repeat(4097), 'at most 4096'],
		['a blank text', '   ', 'Text is empty'],
	])('refuses %s before any request', async (_name, text, message) => {
		const error = await failure(run(review('reply', { feedbackId: '80001', text })));
		expect(error.message).toContain(message);
		expect(await requests('updateGoodsFeedbackComment')).toEqual([]);
	});

	it('a Yandex Market link is allowed', async () => {
		await run(
			review('reply', { feedbackId: '80001', text: 'See https://market.yandex.ru/product/1' }),
		);
		await validRequests('updateGoodsFeedbackComment', 1);
	});

	it("editing someone else's comment is refused by Yandex with its message and a hint", async () => {
		const error = await failure(
			run(
				review('updateComment', {
					feedbackId: SEED.threadReviewId,
					commentId: SEED.threadCommentIds[0],
					text: 'Hi',
				}),
			),
		);
		expect(error.message).toContain('cannot be modified');
		expect(error.httpCode).toBe('400');
		expect(error.description).toMatch(/check the field named in the message/);
	});
});

describe('review: skipReaction', () => {
	it('marks reviews as handled without a comment, IDs exact', async () => {
		const out = await run(
			review('skipReaction', { feedbackIds: `${SEED.lowRatingReviewId}, ${SEED.bigReviewId}` }),
		);
		const [req] = await validRequests('skipGoodsFeedbacksReaction', 1);
		expect(req.rawBody).toBe(`{"feedbackIds":[${SEED.lowRatingReviewId},${SEED.bigReviewId}]}`);
		expect(out[0].json).toEqual({
			success: true,
			businessId: '10001',
			feedbackIds: [SEED.lowRatingReviewId, SEED.bigReviewId],
		});
	});

	it('a write is never repeated after a 500 (the reader may have taken it)', async () => {
		await sandbox().control.faults({
			operationId: 'skipGoodsFeedbacksReaction',
			kind: 'status',
			status: 500,
			times: 3,
		});
		const error = await failure(run(review('skipReaction', { feedbackIds: '80001' })));
		expect(error.httpCode).toBe('500');
		expect(error.description).toContain(
			'It may or may not have gone through, so it was not sent again: check the reviews in the seller cabinet',
		);
		expect(await requests('skipGoodsFeedbacksReaction')).toHaveLength(1);
	});

	it('a read is retried after a 500', async () => {
		await sandbox().control.faults({
			operationId: 'getGoodsFeedbacks',
			kind: 'status',
			status: 500,
			times: 1,
		});
		await run(review('get', { feedbackId: '80001' }));
		expect((await requests('getGoodsFeedbacks')).map((r) => r.status)).toEqual([500, 200]);
	});
});
