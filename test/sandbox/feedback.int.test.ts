/**
 * The review (goods feedback) methods of the sandbox over real HTTP: listing with filters, the 6-month window,
 * cursor pages and Return All, comment threads, the shop's comments (create, reply, edit, delete), skip-reaction,
 * needReaction, scopes, the advertiser listing, and exact int64 IDs. Every answer is checked against the spec.
 */
import {
	COMMUNICATION_SEED as S,
	SANDBOX_KEYS,
	SANDBOX_SEED,
	createCommunicationControlClient,
} from '../../sandbox';
import { apiCaller, firstErrorMessage, useSpecCheckedSandbox } from '../helpers/sandbox';
import type { ApiResponse } from '../helpers/sandbox';

const sb = useSpecCheckedSandbox();
const call = apiCaller(() => sb.url);
const control = () => createCommunicationControlClient(sb.url);
const B = SANDBOX_SEED.businessId;
const FEEDBACK = `/v2/businesses/${B}/goods-feedback`;
const COMMENTS = `${FEEDBACK}/comments`;

interface Review {
	feedbackId: number;
	createdAt: string;
	needReaction: boolean;
	identifiers: { orderId?: number; offerId?: string };
	author?: string;
	description?: { advantages?: string; disadvantages?: string; comment?: string };
	media?: { photos?: string[]; videos?: string[] };
	statistics: { rating: number; commentsCount: number; recommended?: boolean; paidAmount?: number };
}
interface Comment {
	id: number;
	text: string;
	canModify?: boolean;
	parentId?: number;
	author?: { type: string; name: string };
	status: string;
	feedbackId: number;
}

const reviewsOf = (r: ApiResponse) =>
	(r.json.result as { feedbacks: Review[] }).feedbacks as Review[];
const commentsOf = (r: ApiResponse) => (r.json.result as { comments: Comment[] }).comments;
const nextToken = (r: ApiResponse) =>
	(r.json.result as { paging?: { nextPageToken?: string } }).paging?.nextPageToken;
const list = (body: unknown = {}, query: Record<string, string | number> = {}, key?: string) =>
	call('POST', FEEDBACK, { body, query, key });
const comments = (body: unknown, query: Record<string, string | number> = {}) =>
	call('POST', COMMENTS, { body, query });
const update = (body: unknown, key?: string) => call('POST', `${COMMENTS}/update`, { body, key });

describe('getGoodsFeedbacks', () => {
	it('lists the recent reviews newest first, 25 per page by default, deleted and old ones left out', async () => {
		const first = await list();
		expect(first.status).toBe(200);
		const page = reviewsOf(first);
		expect(page).toHaveLength(25);
		const times = page.map((r) => Date.parse(r.createdAt));
		expect([...times].sort((a, b) => b - a)).toEqual(times);
		const all = [...page, ...reviewsOf(await list({}, { pageToken: nextToken(first)! }))];
		// 30 recent reviews plus the big-ID one; not the two older than 6 months, not the deleted one.
		expect(all).toHaveLength(31);
		const ids = all.map((r) => String(r.feedbackId));
		for (const id of [...S.oldReviewIds, S.deletedReviewId]) expect(ids).not.toContain(id);
	});

	it('takes no body at all (the spec makes it optional, unlike the chat lists)', async () => {
		const r = await call('POST', FEEDBACK);
		expect(r.status).toBe(200);
		expect(reviewsOf(r).length).toBeGreaterThan(0);
	});

	it('writes IDs above 2^53 as exact integers and numeric SKUs as strings', async () => {
		const r = await list({ feedbackIds: [S.bigReviewId, S.numericSkuReviewId] });
		expect(r.text).toContain(`"feedbackId":${S.bigReviewId}`);
		expect(r.text).toContain(`"offerId":"${S.numericSku}"`);
		expect(reviewsOf(r)).toHaveLength(2);
	});

	it('a review carries rating, texts, photos and video URLs the sandbox serves, order context and Plus points', async () => {
		const [low] = reviewsOf(await list({ feedbackIds: [S.lowRatingReviewId] }));
		expect(low).toMatchObject({
			feedbackId: 80001,
			needReaction: true,
			identifiers: { orderId: 40001, offerId: 'KETTLE-1700-WHITE' },
			statistics: { rating: 1, commentsCount: 0 },
		});
		expect(low.description?.disadvantages).toMatch(/Stopped working/);
		expect(low.media?.photos).toHaveLength(2);
		expect(low.media?.videos).toHaveLength(1);
		const photo = await fetch(low.media!.photos![0]);
		expect(photo.status).toBe(200);
		expect(photo.headers.get('content-type')).toBe('image/png');
		const [paid] = reviewsOf(await list({ feedbackIds: [S.paidReviewId] }));
		expect(paid.statistics.paidAmount).toBeGreaterThan(0);
	});

	it('commentsCount counts direct replies to the review only', async () => {
		const [thread] = reviewsOf(await list({ feedbackIds: [S.threadReviewId] }));
		// 81001 and 81004 answer the review; 81002 and 81003 answer comments.
		expect(thread.statistics.commentsCount).toBe(2);
	});

	it('filters by reaction status, ratings, trimmed offer IDs and paid', async () => {
		const need = reviewsOf(await list({ reactionStatus: 'NEED_REACTION' }, { limit: 50 }));
		expect(need.length).toBeGreaterThan(0);
		expect(need.every((r) => r.needReaction)).toBe(true);
		const all = reviewsOf(await list({ reactionStatus: 'ALL' }, { limit: 50 }));
		expect(all.length).toBeGreaterThan(need.length);
		const low = reviewsOf(await list({ ratingValues: [1, 2] }, { limit: 50 }));
		expect(low.length).toBeGreaterThan(0);
		expect(low.every((r) => r.statistics.rating <= 2)).toBe(true);
		const sku = reviewsOf(await list({ offerIds: [` ${S.numericSku} `] }));
		expect(sku.map((r) => String(r.feedbackId))).toEqual([S.numericSkuReviewId]);
		const paid = reviewsOf(await list({ paid: true }, { limit: 50 }));
		expect(paid.length).toBeGreaterThan(0);
		expect(paid.every((r) => (r.statistics.paidAmount ?? 0) > 0)).toBe(true);
		const unpaid = reviewsOf(await list({ paid: false }, { limit: 50 }));
		expect(unpaid.every((r) => r.statistics.paidAmount === undefined)).toBe(true);
		expect(paid.length + unpaid.length).toBe(all.length);
	});

	it('feedbackIds finds reviews of any age, and refuses to be combined with other filters', async () => {
		const old = await list({ feedbackIds: [...S.oldReviewIds] });
		expect(reviewsOf(old)).toHaveLength(2);
		expect(reviewsOf(await list({ feedbackIds: [S.deletedReviewId] }))).toEqual([]);
		const mixed = await list({ feedbackIds: ['80001'], ratingValues: [1] });
		expect(mixed.status).toBe(400);
		expect(firstErrorMessage(mixed)).toBe(
			"'feedbackIds' cannot be combined with other filters (also given: ratingValues)",
		);
	});

	it('ID lists: 1 to 50 unique IDs, int64 only', async () => {
		const many = Array.from({ length: 51 }, (_, i) => 80001 + i);
		const r = await list({ feedbackIds: many });
		expect(r.status).toBe(400);
		expect(firstErrorMessage(r)).toMatch(/'feedbackIds' must NOT have more than 50 items/);
		expect(firstErrorMessage(await list({ feedbackIds: [] }))).toMatch(
			/'feedbackIds' must NOT have fewer than 1 items/,
		);
		expect(firstErrorMessage(await list({ feedbackIds: [80001, 80001] }))).toMatch(
			/'feedbackIds' must NOT have duplicate items/,
		);
		const huge = await call('POST', FEEDBACK, {
			raw: '{"feedbackIds":[9223372036854775808]}',
			contentType: 'application/json',
		});
		expect(huge.status).toBe(400);
		expect(firstErrorMessage(huge)).toBe("'feedbackIds.0' must be int64");
		expect(firstErrorMessage(await list({ offerIds: Array(21).fill('x') }))).toMatch(
			/'offerIds' must NOT have more than 20 items/,
		);
	});

	it('the window is at most 6 months; explicit windows reach older reviews', async () => {
		const now = Date.now();
		const old = reviewsOf(
			await list(
				{
					dateTimeFrom: new Date(now - 270 * 86400_000).toISOString(),
					dateTimeTo: new Date(now - 150 * 86400_000).toISOString(),
				},
				{ limit: 50 },
			),
		).map((r) => String(r.feedbackId));
		expect(old).toEqual(expect.arrayContaining([...S.oldReviewIds]));
		const tooLong = await list({
			dateTimeFrom: new Date(now - 200 * 86400_000).toISOString(),
			dateTimeTo: new Date(now).toISOString(),
		});
		expect(tooLong.status).toBe(400);
		expect(firstErrorMessage(tooLong)).toBe(
			"The period between 'dateTimeFrom' and 'dateTimeTo' must not be longer than 6 months",
		);
		// dateTimeTo defaults to now, so a lone dateTimeFrom more than 6 months back is refused too.
		const lone = await list({ dateTimeFrom: new Date(now - 200 * 86400_000).toISOString() });
		expect(firstErrorMessage(lone)).toBe(
			"The period between 'dateTimeFrom' and 'dateTimeTo' must not be longer than 6 months ('dateTimeTo' defaults to the current time)",
		);
		const reversed = await list({
			dateTimeFrom: new Date(now).toISOString(),
			dateTimeTo: new Date(now - 86400_000).toISOString(),
		});
		expect(firstErrorMessage(reversed)).toBe("'dateTimeFrom' must be earlier than 'dateTimeTo'");
		const format = await list({ dateTimeFrom: '2026-13-01' });
		expect(format.status).toBe(400);
		expect(firstErrorMessage(format)).toMatch(/'dateTimeFrom' must match format "date-time"/);
	});

	it('both bounds are exclusive', async () => {
		const created = await control().buyerReview({ rating: 3, comment: 'On the edge.' });
		const at = sb.state.store.communication.reviews.get(created.feedbackId)!.createdAt;
		const iso = (ms: number) => new Date(ms).toISOString();
		const ids = async (from: number, to: number) =>
			reviewsOf(await list({ dateTimeFrom: iso(from), dateTimeTo: iso(to) }, { limit: 50 })).map(
				(r) => String(r.feedbackId),
			);
		expect(await ids(at - 1, at + 1)).toContain(created.feedbackId);
		expect(await ids(at, at + 1000)).not.toContain(created.feedbackId);
		expect(await ids(at - 1000, at)).not.toContain(created.feedbackId);
	});

	it('page sizes 1 to 50; tokens from another listing are bad tokens; page_token is an alias', async () => {
		expect(firstErrorMessage(await list({}, { limit: 51 }))).toBe(
			'Parameter limit must be less than or equal to 50',
		);
		expect((await list({}, { limit: 0 })).status).toBe(400);
		const first = await list({}, { limit: 10 });
		const token = nextToken(first)!;
		const viaAlias = await call('POST', FEEDBACK, {
			body: {},
			query: { limit: 10, page_token: token },
		});
		const viaName = await list({}, { limit: 10, pageToken: token });
		expect(reviewsOf(viaAlias)).toEqual(reviewsOf(viaName));
		const questionsToken = nextToken(
			await call('POST', `/v1/businesses/${B}/goods-questions`, { body: {}, query: { limit: 1 } }),
		);
		const foreign = await list({}, { pageToken: (questionsToken as string) ?? 'x' });
		expect(foreign.status).toBe(400);
		expect(firstErrorMessage(foreign)).toBe('Bad page token');
		expect(firstErrorMessage(await list({}, { pageToken: 'garbage' }))).toBe('Bad page token');
	});

	it('tokens are cursors: a review published between two pages neither repeats nor shifts an item', async () => {
		const first = await list({}, { limit: 10 });
		await control().buyerReview({ rating: 5, comment: 'Published meanwhile.' });
		const second = await list({}, { limit: 10, pageToken: nextToken(first)! });
		const again = await list({}, { limit: 20 });
		const seen = [...reviewsOf(first), ...reviewsOf(second)].map((r) => r.feedbackId);
		expect(new Set(seen).size).toBe(20);
		// The fresh review is first now; the two pages are the 20 that followed it.
		expect(
			reviewsOf(again)
				.slice(1)
				.map((r) => r.feedbackId),
		).toEqual(seen.slice(0, 19));
	});

	it(`Return All over ${S.bulkReviewCount} reviews: 5 calls at limit 50, 10 at the default 25`, async () => {
		const key = SANDBOX_KEYS.secondBusiness;
		const path = `/v2/businesses/${S.bulkBusinessId}/goods-feedback`;
		const returnAll = async (limit?: number) => {
			const ids: number[] = [];
			let token: string | undefined;
			let calls = 0;
			do {
				const r = await call('POST', path, {
					body: {},
					key,
					query: { ...(limit ? { limit } : {}), ...(token ? { pageToken: token } : {}) },
				});
				expect(r.status).toBe(200);
				calls += 1;
				ids.push(...reviewsOf(r).map((x) => x.feedbackId));
				token = nextToken(r);
			} while (token);
			return { ids, calls };
		};
		const at50 = await returnAll(50);
		expect(at50.calls).toBe(5);
		expect(new Set(at50.ids).size).toBe(230);
		const at25 = await returnAll();
		expect(at25.calls).toBe(10);
		expect(at25.ids).toEqual(at50.ids);
		expect((await sb.control.requests({ operationId: 'getGoodsFeedbacks' })).length).toBe(15);
	});
});

describe('getGoodsFeedbackComments', () => {
	it('returns the thread oldest first as a flat list; parentId only on replies to comments', async () => {
		const r = await comments({ feedbackId: S.threadReviewId });
		expect(r.status).toBe(200);
		const thread = commentsOf(r);
		expect(thread.map((c) => String(c.id))).toEqual([...S.threadCommentIds]);
		expect(thread[0]).not.toHaveProperty('parentId');
		expect(thread[1]).toMatchObject({
			parentId: 81001,
			canModify: true,
			author: { type: 'BUSINESS' },
		});
		expect(thread[2]).toMatchObject({
			parentId: 81002,
			canModify: false,
			author: { type: 'USER' },
		});
		expect(thread[3]).toMatchObject({ author: { type: 'BRAND' }, canModify: false });
	});

	it('commentIds reads comments by ID (the notification follow-up), exact above 2^53', async () => {
		const r = await comments({ commentIds: [S.bigReviewCommentId, '81003'] });
		expect(r.text).toContain(`"id":${S.bigReviewCommentId}`);
		expect(r.text).toContain(`"feedbackId":${S.bigReviewId}`);
		expect(commentsOf(r)).toHaveLength(2);
	});

	it('needs feedbackId or commentIds, not both; unknown reviews have no comments', async () => {
		const none = await comments({});
		expect(none.status).toBe(400);
		expect(firstErrorMessage(none)).toBe("Either 'feedbackId' or 'commentIds' must be set");
		const both = await comments({ feedbackId: S.threadReviewId, commentIds: ['81001'] });
		expect(firstErrorMessage(both)).toBe(
			"'commentIds' cannot be combined with other filters (also given: feedbackId)",
		);
		const missing = await call('POST', COMMENTS);
		expect(firstErrorMessage(missing)).toBe('Required request body is missing');
		expect(commentsOf(await comments({ feedbackId: '89999' }))).toEqual([]);
	});

	it('leaves out comments of deleted reviews and pages long threads', async () => {
		for (let i = 0; i < 12; i++)
			await control().reviewComment(S.lowRatingReviewId, { text: `Buyer comment ${i}` });
		const first = await comments({ feedbackId: S.lowRatingReviewId }, { limit: 5 });
		const pages = [commentsOf(first)];
		let token = nextToken(first);
		while (token) {
			const r = await comments({ feedbackId: S.lowRatingReviewId }, { limit: 5, pageToken: token });
			pages.push(commentsOf(r));
			token = nextToken(r);
		}
		expect(pages.map((p) => p.length)).toEqual([5, 5, 2]);
		expect(pages.flat().map((c) => c.text)).toEqual(
			Array.from({ length: 12 }, (_, i) => `Buyer comment ${i}`),
		);
		await control().deleteReview(S.lowRatingReviewId);
		expect(commentsOf(await comments({ feedbackId: S.lowRatingReviewId }))).toEqual([]);
		expect(commentsOf(await comments({ commentIds: [String(pages[0][0].id)] }))).toEqual([]);
	});
});

describe('updateGoodsFeedbackComment and deleteGoodsFeedbackComment', () => {
	it('replies to the review: returns the new comment with its ID; the review no longer needs a reaction', async () => {
		const r = await update({ feedbackId: S.lowRatingReviewId, comment: { text: 'We are sorry!' } });
		expect(r.status).toBe(200);
		const created = (r.json.result ?? {}) as Comment;
		expect(created).toMatchObject({
			text: 'We are sorry!',
			canModify: true,
			status: 'PUBLISHED',
			feedbackId: 80001,
			author: { type: 'BUSINESS', name: 'Demo Business' },
		});
		expect(created).not.toHaveProperty('parentId');
		const [review] = reviewsOf(await list({ feedbackIds: [S.lowRatingReviewId] }));
		expect(review.needReaction).toBe(false);
		expect(review.statistics.commentsCount).toBe(1);
		const need = reviewsOf(await list({ reactionStatus: 'NEED_REACTION' }, { limit: 50 }));
		expect(need.map((x) => x.feedbackId)).not.toContain(80001);
	});

	it('replies to a comment with parentId, edits with id (also when parentId is given), keeps the ID', async () => {
		const reply = await update({
			feedbackId: S.threadReviewId,
			comment: { parentId: '81003', text: 'Enjoy it!' },
		});
		const replyId = String((reply.json.result as Comment).id);
		expect(reply.json.result).toMatchObject({ parentId: 81003 });
		const edit = await update({
			feedbackId: S.threadReviewId,
			comment: { id: replyId, parentId: '81003', text: 'Enjoy it, and thank you!' },
		});
		expect(edit.status).toBe(200);
		expect(String((edit.json.result as Comment).id)).toBe(replyId);
		const thread = commentsOf(await comments({ feedbackId: S.threadReviewId }));
		expect(thread.filter((c) => String(c.id) === replyId)).toEqual([
			expect.objectContaining({ text: 'Enjoy it, and thank you!', parentId: 81003 }),
		]);
		expect(thread).toHaveLength(5);
	});

	it("refuses to edit or delete someone else's comment, and unknown IDs", async () => {
		const edit = await update({
			feedbackId: S.threadReviewId,
			comment: { id: '81001', text: 'x' },
		});
		expect(edit.status).toBe(400);
		expect(firstErrorMessage(edit)).toMatch(/only the shop's own comments can be edited/);
		const del = await call('POST', `${COMMENTS}/delete`, { body: { id: '81001' } });
		expect(del.status).toBe(400);
		expect(firstErrorMessage(del)).toMatch(/only the shop's own comments can be deleted/);
		const unknown = await update({ feedbackId: '89999', comment: { text: 'Hello' } });
		expect(unknown.status).toBe(404);
		expect(firstErrorMessage(unknown)).toBe("Feedback not found: '89999'");
		const parent = await update({
			feedbackId: S.lowRatingReviewId,
			comment: { parentId: '81001', text: 'Hello' },
		});
		expect(parent.status).toBe(404);
		expect(firstErrorMessage(parent)).toBe(
			"Parent comment not found: '81001' for feedback '80001'",
		);
		expect((await call('POST', `${COMMENTS}/delete`, { body: { id: '89999' } })).status).toBe(404);
	});

	it('deletes the shop comment: gone from the thread and from commentsCount', async () => {
		const r = await call('POST', `${COMMENTS}/delete`, { body: { id: S.sellerCommentId } });
		expect(r.status).toBe(200);
		expect(r.json).toEqual({ status: 'OK' });
		const ids = commentsOf(await comments({ feedbackId: S.threadReviewId })).map((c) =>
			String(c.id),
		);
		expect(ids).not.toContain(S.sellerCommentId);
		const again = await call('POST', `${COMMENTS}/delete`, { body: { id: S.sellerCommentId } });
		expect(again.status).toBe(404);
	});

	it.each([
		['a link to another site', 'See https://my-shop.example.com/sale', /must not contain links/],
		['a bare domain', 'Write to us at myshop.ru', /must not contain links/],
		['a phone number', 'Call us: +7 (495) 123-45-67', /must not contain the shop's contacts/],
		['an e-mail address', 'Mail support@myshop.com', /must not contain the shop's contacts|links/],
		['only spaces', '   ', /'comment.text' must not be blank/],
	])('refuses a text with %s, naming the field', async (_name, text, message) => {
		const r = await update({ feedbackId: S.lowRatingReviewId, comment: { text } });
		expect(r.status).toBe(400);
		expect(firstErrorMessage(r)).toMatch(message);
		expect(firstErrorMessage(r)).toMatch(/'comment.text'/);
	});

	it('allows links to Yandex Market and enforces 1 to 4096 characters', async () => {
		const ok = await update({
			feedbackId: S.lowRatingReviewId,
			comment: { text: 'Details: https://market.yandex.ru/product/123' },
		});
		expect(ok.status).toBe(200);
		const long = await update({
			feedbackId: S.lowRatingReviewId,
			comment: { text: 'x'.repeat(4097) },
		});
		expect(long.status).toBe(400);
		expect(firstErrorMessage(long)).toBe("'comment.text' must NOT have more than 4096 characters");
		expect(
			(await update({ feedbackId: S.lowRatingReviewId, comment: { text: 'x'.repeat(4096) } }))
				.status,
		).toBe(200);
		const empty = await update({ feedbackId: S.lowRatingReviewId, comment: { text: '' } });
		expect(firstErrorMessage(empty)).toBe("'comment.text' must NOT have fewer than 1 characters");
		const noComment = await update({ feedbackId: S.lowRatingReviewId });
		expect(firstErrorMessage(noComment)).toBe("'comment' must not be null");
	});
});

describe('skipGoodsFeedbacksReaction and needReaction', () => {
	it('marks reviews handled without a comment', async () => {
		const r = await call('POST', `${FEEDBACK}/skip-reaction`, {
			body: { feedbackIds: [S.lowRatingReviewId, S.bigReviewId] },
		});
		expect(r.status).toBe(200);
		expect(r.json).toEqual({ status: 'OK' });
		const after = reviewsOf(await list({ feedbackIds: [S.lowRatingReviewId, S.bigReviewId] }));
		expect(after.map((x) => x.needReaction)).toEqual([false, false]);
		const [review] = reviewsOf(await list({ feedbackIds: [S.lowRatingReviewId] }));
		expect(review.statistics.commentsCount).toBe(0);
	});

	it('refuses unknown IDs without marking anything, and lists outside 1-50', async () => {
		const r = await call('POST', `${FEEDBACK}/skip-reaction`, {
			body: { feedbackIds: [S.lowRatingReviewId, '89999'] },
		});
		expect(r.status).toBe(404);
		expect(firstErrorMessage(r)).toBe("Feedback not found: '89999'");
		const [review] = reviewsOf(await list({ feedbackIds: [S.lowRatingReviewId] }));
		expect(review.needReaction).toBe(true);
		const empty = await call('POST', `${FEEDBACK}/skip-reaction`, { body: { feedbackIds: [] } });
		expect(firstErrorMessage(empty)).toMatch(/'feedbackIds' must NOT have fewer than 1 items/);
		const none = await call('POST', `${FEEDBACK}/skip-reaction`, { body: {} });
		expect(firstErrorMessage(none)).toBe("'feedbackIds' must not be null");
	});

	it('opening the review in the cabinet clears needReaction too, and nothing sets it back', async () => {
		await control().viewReview(S.lowRatingReviewId);
		const need = reviewsOf(await list({ reactionStatus: 'NEED_REACTION' }, { limit: 50 }));
		expect(need.map((x) => String(x.feedbackId))).not.toContain(S.lowRatingReviewId);
		await control().reviewComment(S.lowRatingReviewId, { text: 'Any news?' });
		const [review] = reviewsOf(await list({ feedbackIds: [S.lowRatingReviewId] }));
		expect(review.needReaction).toBe(false);
	});
});

describe('access', () => {
	it('reads with the read-only key, writes need the communication scope', async () => {
		expect((await list({}, {}, SANDBOX_KEYS.readOnly)).status).toBe(200);
		const write = await update(
			{ feedbackId: S.lowRatingReviewId, comment: { text: 'Hi' } },
			SANDBOX_KEYS.readOnly,
		);
		expect(write.status).toBe(403);
		expect(firstErrorMessage(write)).toBe(
			'Token does not have any of the scopes to access the API method',
		);
		const pricing = await list({}, {}, SANDBOX_KEYS.noChatScope);
		expect(pricing.status).toBe(403);
		expect((await list({}, {}, SANDBOX_KEYS.revoked)).status).toBe(401);
		const other = await list({}, {}, SANDBOX_KEYS.secondBusiness);
		expect(other.status).toBe(403);
		expect(firstErrorMessage(other)).toBe('Access denied');
	});

	it('lives under /v2/ only, every method is POST', async () => {
		const v1 = await call('POST', `/v1/businesses/${B}/goods-feedback`, { body: {} });
		expect(v1.status).toBe(404);
		expect(firstErrorMessage(v1)).toBe('Resource not found');
		const get = await call('GET', FEEDBACK);
		expect(get.status).toBe(405);
	});

	it('a seller omits sourceType (SELLER); ADVERTISER belongs to UrbanAds cabinets', async () => {
		expect(
			(await comments({ feedbackId: S.threadReviewId }, { sourceType: 'SELLER' })).status,
		).toBe(200);
		const adv = await comments({ feedbackId: S.threadReviewId }, { sourceType: 'ADVERTISER' });
		expect(adv.status).toBe(403);
		const bad = await comments({ feedbackId: S.threadReviewId }, { sourceType: 'BUYER' });
		expect(bad.status).toBe(400);
	});

	it('getGoodsFeedbacksUrbanads serves UrbanAds advertisers only, with brand context instead of identifiers', async () => {
		const path = `/v1/businesses/${S.advertiserBusinessId}/goods-feedback-advertiser`;
		const r = await call('POST', path, {
			body: {},
			query: { sourceType: 'ADVERTISER' },
			key: SANDBOX_KEYS.advertiser,
		});
		expect(r.status).toBe(200);
		const [first] = (r.json.result as { feedbacks: Array<Record<string, unknown>> }).feedbacks;
		expect(first).toMatchObject({ context: { brandName: 'Kettle Brand', businessId: 10001 } });
		expect(first).not.toHaveProperty('identifiers');
		// brandId is a string in the spec, even when all digits.
		expect(r.text).toContain('"brandId":"7001"');
		const seller = await call('POST', `/v1/businesses/${B}/goods-feedback-advertiser`, {
			body: {},
		});
		expect(seller.status).toBe(403);
		const noSource = await call('POST', path, { body: {}, key: SANDBOX_KEYS.advertiser });
		expect(firstErrorMessage(noSource)).toMatch(/'sourceType' is not present/);
		const sellerMethod = await call(
			'POST',
			`/v2/businesses/${S.advertiserBusinessId}/goods-feedback`,
			{
				body: {},
				key: SANDBOX_KEYS.advertiser,
			},
		);
		expect(sellerMethod.status).toBe(403);
	});
});

describe('quotas and faults', () => {
	it('per-method hourly quotas of the lower tariff by default, the medium tariff on request', async () => {
		const limit = async (path: string, body: unknown) =>
			(await call('POST', path, { body })).headers.get('x-ratelimit-resource-limit');
		expect(await limit(FEEDBACK, {})).toBe('5000');
		expect(await limit(COMMENTS, { feedbackId: S.threadReviewId })).toBe('5000');
		expect(await limit(`${FEEDBACK}/skip-reaction`, { feedbackIds: [S.lowRatingReviewId] })).toBe(
			'500',
		);
		expect(await limit(`${COMMENTS}/delete`, { id: '89999' })).toBe('1000');
		await sb.control.limits({ tariff: 'medium' });
		expect(await limit(FEEDBACK, {})).toBe('10000');
		expect(await limit(`${FEEDBACK}/skip-reaction`, { feedbackIds: [S.lowRatingReviewId] })).toBe(
			'1000',
		);
	});

	it('420 with the resource template once the quota is spent; other methods keep theirs', async () => {
		await sb.control.limits({ windowMs: 60_000, quotas: { getGoodsFeedbacks: 2 } });
		expect((await list()).status).toBe(200);
		expect((await list()).status).toBe(200);
		const over = await list();
		expect(over.status).toBe(420);
		expect(firstErrorMessage(over)).toBe(
			`Hit rate limit of 2 requests per 'hour' for resource '/v2/businesses/{businessId}/goods-feedback' for businessId ${B}`,
		);
		expect(over.headers.get('x-ratelimit-resource-remaining')).toBe('0');
		expect((await comments({ feedbackId: S.threadReviewId })).status).toBe(200);
	});

	it('the 4 parallel requests per cabinet are shared with the chat methods', async () => {
		await sb.control.limits({ latencyMs: 300 });
		const answers = await Promise.all([
			list(),
			comments({ feedbackId: S.threadReviewId }),
			call('POST', `/v1/businesses/${B}/goods-questions`, { body: {} }),
			call('POST', `/v2/businesses/${B}/chats`, { body: {} }),
			list(),
		]);
		const statuses = answers.map((r) => r.status).sort();
		expect(statuses).toEqual([200, 200, 200, 200, 420]);
		const refused = answers.find((r) => r.status === 420)!;
		expect(firstErrorMessage(refused)).toBe(
			`Hit rate limit of 4 parallel requests for businessId ${B}`,
		);
	});

	it('injected faults apply to the review methods like to the chat ones', async () => {
		await sb.control.faults({
			operationId: 'updateGoodsFeedbackComment',
			kind: 'status',
			status: 503,
		});
		const r = await update({ feedbackId: S.lowRatingReviewId, comment: { text: 'Hello' } });
		expect(r.status).toBe(503);
		// Nothing was written.
		expect(commentsOf(await comments({ feedbackId: S.lowRatingReviewId }))).toEqual([]);
		await sb.control.faults({ path: `/v2/businesses/{businessId}/goods-feedback`, kind: 'reset' });
		await expect(list()).rejects.toThrow();
	});
});
