/**
 * The review (goods feedback) methods: list reviews with Yandex's filters and date window, read a review's comment
 * thread, write/edit/delete the shop's comments, mark reviews as handled, and the UrbanAds advertiser listing.
 * Paths are under /v2/ (the advertiser listing under /v1/), every method is a POST (spec/yandex-market-feedback-questions.openapi.json).
 */
import type { Request, Response } from 'express';
import type { ApiContext, Handler } from './api';
import { bodyOf, sendApi } from './api';
import type { Cursor } from './communication-api';
import {
	ApiRefusal,
	checkSellerText,
	checkSourceType,
	idList,
	refusing,
	reviewWindow,
	sendListPage,
} from './communication-api';
import { allowedCabinets } from './communication-contract';
import { notifySellerContent, reviewCommentCreated } from './communication-notifications';
import type { StoredReview, StoredReviewComment } from './communication-store';
import { asId } from './json';
import type { SandboxState } from './state';

/** The cabinet kind of the calling key must be in the method's x-allowed. */
export function cabinetOf(ctx: ApiContext): string {
	const cabinet = ctx.key!.cabinet ?? 'seller';
	if (!allowedCabinets(ctx.op.operationId).includes(cabinet))
		throw new ApiRefusal(
			`The method ${ctx.op.operationId} is not available for this cabinet (allowed: ${allowedCabinets(ctx.op.operationId).join(', ')})`,
			403,
		);
	return cabinet;
}

function handler(
	fn: (state: SandboxState, req: Request, res: Response, ctx: ApiContext) => void,
): Handler {
	return (state, req, res, ctx) => refusing(state, res, ctx, () => fn(state, req, res, ctx));
}

const REVIEW_FILTERS = [
	'dateTimeFrom',
	'dateTimeTo',
	'reactionStatus',
	'ratingValues',
	'offerIds',
	'paid',
] as const;

/** The filters of getGoodsFeedbacks (and, without offerIds, of the advertiser listing). */
function filterReviews(
	reviews: StoredReview[],
	body: Record<string, unknown>,
	now: number,
): StoredReview[] {
	const ids = idList(body.feedbackIds ?? undefined);
	if (ids) {
		const others = REVIEW_FILTERS.filter((f) => body[f] !== undefined && body[f] !== null);
		// The spec: do not use feedbackIds together with other filters.
		if (others.length > 0)
			throw new ApiRefusal(
				`'feedbackIds' cannot be combined with other filters (also given: ${others.join(', ')})`,
			);
		return reviews.filter((r) => ids.includes(r.feedbackId));
	}
	const { from, to } = reviewWindow(body, now);
	const ratings = Array.isArray(body.ratingValues) ? (body.ratingValues as number[]) : undefined;
	// ShopSku values are trimmed (x-transform: trim).
	const offers = Array.isArray(body.offerIds)
		? (body.offerIds as string[]).map((o) => String(o).trim())
		: undefined;
	return reviews.filter(
		(r) =>
			// Both bounds exclusive; the spec does not say which date: the sandbox filters on createdAt.
			r.createdAt > from &&
			r.createdAt < to &&
			(body.reactionStatus !== 'NEED_REACTION' || r.needReaction) &&
			(!ratings || ratings.includes(r.rating)) &&
			(!offers || (r.offerId !== undefined && offers.includes(r.offerId))) &&
			(typeof body.paid !== 'boolean' || (r.paidAmount !== undefined) === body.paid),
	);
}

/** Reviews come "in publication order"; the sandbox lists the newest first, as the cabinet does. */
const reviewPosition = (r: StoredReview): Cursor => ({ t: r.publishedAt, id: r.feedbackId });
const commentPosition = (c: StoredReviewComment): Cursor => ({ t: c.createdAt, id: c.id });

function listReviews(
	state: SandboxState,
	req: Request,
	res: Response,
	ctx: ApiContext,
	advertiser: boolean,
): void {
	const businessId = ctx.key!.businessId;
	const c = state.store.communication;
	sendListPage(state, req, res, {
		kind: `${advertiser ? 'feedback-advertiser' : 'feedback'}:${businessId}`,
		items: filterReviews(c.reviewsOf(businessId), bodyOf(ctx), Date.now()),
		position: reviewPosition,
		direction: 'desc',
		field: 'feedbacks',
		dto: (r) =>
			advertiser ? c.urbanadsReviewDto(r, state.baseUrl) : c.reviewDto(r, state.baseUrl),
	});
}

export const feedbackHandlers: Record<string, Handler> = {
	getGoodsFeedbacks: handler((state, req, res, ctx) => {
		cabinetOf(ctx);
		listReviews(state, req, res, ctx, false);
	}),

	getGoodsFeedbacksUrbanads: handler((state, req, res, ctx) => {
		checkSourceType(req, cabinetOf(ctx));
		listReviews(state, req, res, ctx, true);
	}),

	getGoodsFeedbackComments: handler((state, req, res, ctx) => {
		checkSourceType(req, cabinetOf(ctx));
		const businessId = ctx.key!.businessId;
		const body = bodyOf(ctx);
		const c = state.store.communication;
		const ids = idList(body.commentIds ?? undefined);
		const feedbackId = body.feedbackId !== undefined ? String(body.feedbackId) : undefined;
		if (ids && feedbackId !== undefined)
			throw new ApiRefusal(
				"'commentIds' cannot be combined with other filters (also given: feedbackId)",
			);
		if (!ids && feedbackId === undefined)
			throw new ApiRefusal("Either 'feedbackId' or 'commentIds' must be set");
		// Deleted comments and comments on deleted reviews are left out; an unknown review has no comments.
		const comments = ids
			? ids
					.map((id) => c.reviewComment(businessId, id))
					.filter((x): x is StoredReviewComment => x !== undefined)
			: c.commentsOf(businessId, feedbackId!);
		sendListPage(state, req, res, {
			kind: `comments:${businessId}:${feedbackId ?? 'ids'}`,
			items: comments,
			position: commentPosition,
			direction: 'asc',
			field: 'comments',
			dto: (x) => c.reviewCommentDto(x),
		});
	}),

	updateGoodsFeedbackComment: handler((state, req, res, ctx) => {
		checkSourceType(req, cabinetOf(ctx));
		const businessId = ctx.key!.businessId;
		const body = bodyOf(ctx);
		const c = state.store.communication;
		const feedbackId = String(body.feedbackId);
		const input = (body.comment ?? {}) as { id?: unknown; parentId?: unknown; text?: unknown };
		const text = String(input.text);
		const review = c.review(businessId, feedbackId);
		if (!review) throw new ApiRefusal(`Feedback not found: '${feedbackId}'`, 404);
		checkSellerText('comment.text', text);
		// comment.id edits (even when parentId is also given), parentId replies to a comment, neither replies to the
		// review itself.
		if (input.id !== undefined) {
			const id = String(input.id);
			const existing = c.reviewComment(businessId, id);
			if (!existing || existing.feedbackId !== review.feedbackId)
				throw new ApiRefusal(`Comment not found: '${id}' for feedback '${feedbackId}'`, 404);
			if (existing.authorType !== 'BUSINESS' || existing.status === 'BANNED')
				throw new ApiRefusal(
					`Comment '${id}' cannot be modified: only the shop's own comments can be edited (canModify is false)`,
				);
			existing.text = text;
			return sendApi(state, res, 200, { status: 'OK', result: c.reviewCommentDto(existing) });
		}
		let parentId: string | undefined;
		if (input.parentId !== undefined) {
			parentId = asId(String(input.parentId)) ?? String(input.parentId);
			const parent = c.reviewComment(businessId, parentId);
			if (!parent || parent.feedbackId !== review.feedbackId)
				throw new ApiRefusal(
					`Parent comment not found: '${parentId}' for feedback '${feedbackId}'`,
					404,
				);
		}
		const created = c.addReviewComment({
			feedbackId: review.feedbackId,
			businessId,
			...(parentId !== undefined ? { parentId } : {}),
			text,
			status: 'PUBLISHED',
			authorType: 'BUSINESS',
			authorName: state.store.businesses.get(businessId)?.name ?? 'Shop',
			createdAt: Date.now(),
		});
		// A comment by the shop is a reaction.
		review.needReaction = false;
		sendApi(state, res, 200, { status: 'OK', result: c.reviewCommentDto(created) });
		notifySellerContent(state, reviewCommentCreated(created));
	}),

	deleteGoodsFeedbackComment: handler((state, req, res, ctx) => {
		checkSourceType(req, cabinetOf(ctx));
		const businessId = ctx.key!.businessId;
		const id = String(bodyOf(ctx).id);
		const comment = state.store.communication.reviewComment(businessId, id);
		if (!comment) throw new ApiRefusal(`Comment not found: '${id}'`, 404);
		if (comment.authorType !== 'BUSINESS')
			throw new ApiRefusal(
				`Comment '${id}' cannot be deleted: only the shop's own comments can be deleted (canModify is false)`,
			);
		comment.deleted = true;
		sendApi(state, res, 200, { status: 'OK' });
	}),

	skipGoodsFeedbacksReaction: handler((state, req, res, ctx) => {
		checkSourceType(req, cabinetOf(ctx));
		const businessId = ctx.key!.businessId;
		const ids = idList(bodyOf(ctx).feedbackIds) ?? [];
		const c = state.store.communication;
		// All or nothing: an unknown ID refuses the whole call, so a typo is not silently "handled".
		const missing = ids.filter((id) => !c.review(businessId, id));
		if (missing.length > 0)
			throw new ApiRefusal(`Feedback not found: '${missing.join("', '")}'`, 404);
		for (const id of ids) c.review(businessId, id)!.needReaction = false;
		sendApi(state, res, 200, { status: 'OK' });
	}),
};
