/**
 * Control endpoints for reviews and questions under /_sandbox: play a buyer (or a brand/vendor) writing a review, a
 * comment on a review, a question, an answer or a comment on an answer; each sends its notification through the
 * notifier, the way Yandex would. Also: the seller opening a review in the cabinet (needReaction flips), a buyer
 * deleting a review, moderation verdicts, and plain views of what is stored. No key, no limits, IDs as strings.
 */
import express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';
import { COMMUNICATION_LIMITS } from './communication-contract';
import {
	answerCreated,
	feedbackCreated,
	questionCommentCreated,
	questionCreated,
	reviewCommentCreated,
} from './communication-notifications';
import { COMMUNICATION_SEED } from './communication-seed';
import type {
	ModerationStatus,
	QuestionAuthorType,
	ReviewCommentAuthorType,
} from './communication-store';
import { asId } from './json';
import type { DeliveryRecord, OutgoingNotification } from './notifier';
import type { SandboxState } from './state';

export class CommunicationControlError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

export interface BuyerReviewInput {
	/** default 10001 */
	businessId?: string | number;
	rating: number;
	author?: string;
	advantages?: string;
	disadvantages?: string;
	comment?: string;
	/** photo file names (1x1 PNGs served by /_sandbox/files), or a count */
	photos?: string[] | number;
	videos?: string[] | number;
	offerId?: string;
	orderId?: string | number;
	recommended?: boolean;
	/** Plus points paid for the review: a paid review */
	paidAmount?: number;
	/** how long moderation took: createdAt is this much earlier than publishedAt (default 1000 ms) */
	moderatedForMs?: number;
}

export interface ReviewCommentInput {
	text: string;
	/** reply to this comment of the same review */
	parentId?: string | number;
	/** USER (a buyer, default) or BRAND; the shop comments through the API */
	authorType?: Exclude<ReviewCommentAuthorType, 'BUSINESS'>;
	authorName?: string;
}

export interface BuyerQuestionInput {
	businessId?: string | number;
	text: string;
	offerId?: string;
	categoryId?: string | number;
	authorName?: string;
}

export interface OtherAnswerInput {
	text: string;
	/** USER (another buyer, default), VENDOR or BRAND; the shop answers through the API */
	authorType?: Exclude<QuestionAuthorType, 'BUSINESS'>;
	authorName?: string;
}

export interface AnswerCommentInput {
	text: string;
	parentId?: string | number;
	authorType?: Exclude<QuestionAuthorType, 'BUSINESS'>;
	authorName?: string;
}

export interface ModerationInput {
	kind: 'reviewComment' | 'answer' | 'questionComment';
	id: string | number;
	status: ModerationStatus;
}

type AsyncHandler = (req: Request) => Promise<unknown> | unknown;

function wrap(fn: AsyncHandler) {
	return (req: Request, res: Response, next: NextFunction) => {
		Promise.resolve()
			.then(() => fn(req))
			.then((out) => res.json(out ?? { ok: true }))
			.catch(next);
	};
}

function fail(status: number, message: string): never {
	throw new CommunicationControlError(status, message);
}

function text(value: unknown, max: number, field = 'text'): string {
	if (typeof value !== 'string' || value.trim() === '') fail(400, `"${field}" is required`);
	if (value.length > max) fail(400, `"${field}" must not be longer than ${max} characters`);
	return value;
}

const MODERATION: readonly string[] = ['PUBLISHED', 'UNMODERATED', 'BANNED', 'DELETED'];

export function createCommunicationControlRouter(state: SandboxState): Router {
	const r = express.Router();
	r.use(express.json({ limit: '1mb' }));
	const c = () => state.store.communication;
	const notify = async (n: OutgoingNotification): Promise<DeliveryRecord[]> =>
		state.notifier.autoEnabled ? state.notifier.send(n) : [];
	const business = (raw: unknown): string => {
		const id = asId(raw ?? '10001');
		if (!id || !state.store.businesses.has(id)) fail(404, `no business ${String(raw)}`);
		return id;
	};

	r.get(
		'/communication',
		wrap(() => ({ seed: COMMUNICATION_SEED, limits: COMMUNICATION_LIMITS })),
	);

	r.get(
		'/reviews/:feedbackId',
		wrap((req) => {
			const review = c().reviews.get(String(req.params.feedbackId));
			if (!review) fail(404, `no review ${req.params.feedbackId}`);
			return {
				...c().reviewDto(review, state.baseUrl),
				businessId: review.businessId,
				publishedAt: new Date(review.publishedAt).toISOString(),
				deleted: Boolean(review.deleted),
				comments: [...c().reviewComments.values()]
					.filter((x) => x.feedbackId === review.feedbackId)
					.sort((a, b) => a.createdAt - b.createdAt)
					.map((x) => ({ ...c().reviewCommentDto(x), deleted: Boolean(x.deleted) })),
			};
		}),
	);

	r.post(
		'/reviews',
		wrap(async (req) => {
			const input = (req.body ?? {}) as BuyerReviewInput;
			const businessId = business(input.businessId);
			if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5)
				fail(400, '"rating" must be an integer from 1 to 5');
			const files = (v: string[] | number | undefined, kind: 'photo' | 'video') => {
				const names =
					typeof v === 'number'
						? Array.from(
								{ length: v },
								(_, i) => `${kind}-${i + 1}.${kind === 'photo' ? 'png' : 'mp4'}`,
							)
						: (v ?? []);
				return names.map(
					(n) =>
						state.store.addFile(
							n,
							kind === 'photo' ? 'image/png' : 'video/mp4',
							Buffer.from(kind === 'photo' ? 'sandbox photo' : 'sandbox video'),
						).id,
				);
			};
			const publishedAt = Date.now();
			const review = c().addReview({
				businessId,
				// Moderation takes a while: createdAt is never the very millisecond a listing's default dateTimeTo (now,
				// exclusive) could land on.
				createdAt: publishedAt - Math.max(1, input.moderatedForMs ?? 1000),
				publishedAt,
				needReaction: true,
				...(input.orderId !== undefined ? { orderId: String(input.orderId) } : {}),
				offerId: input.offerId ?? 'KETTLE-1700-WHITE',
				author: input.author ?? 'New Buyer',
				...(input.advantages !== undefined ? { advantages: input.advantages } : {}),
				...(input.disadvantages !== undefined ? { disadvantages: input.disadvantages } : {}),
				...(input.comment !== undefined ? { comment: input.comment } : {}),
				photos: files(input.photos, 'photo'),
				videos: files(input.videos, 'video'),
				rating: input.rating,
				...(input.recommended !== undefined ? { recommended: input.recommended } : {}),
				...(input.paidAmount !== undefined ? { paidAmount: String(input.paidAmount) } : {}),
			});
			// Yandex notifies once the review is published (after moderation).
			const deliveries = await notify(feedbackCreated(review));
			return {
				feedbackId: review.feedbackId,
				businessId,
				review: c().reviewDto(review, state.baseUrl),
				deliveries,
			};
		}),
	);

	r.post(
		'/reviews/:feedbackId/comments',
		wrap(async (req) => {
			const input = (req.body ?? {}) as ReviewCommentInput;
			const review = c().reviews.get(String(req.params.feedbackId));
			if (!review || review.deleted) fail(404, `no review ${req.params.feedbackId}`);
			const authorType = input.authorType ?? 'USER';
			if (authorType !== 'USER' && authorType !== 'BRAND')
				fail(400, 'authorType must be USER or BRAND (the shop comments through the API)');
			let parentId: string | undefined;
			if (input.parentId !== undefined) {
				parentId = asId(input.parentId);
				const parent = parentId ? c().reviewComment(review.businessId, parentId) : undefined;
				if (!parent || parent.feedbackId !== review.feedbackId)
					fail(404, `no comment ${String(input.parentId)} under review ${review.feedbackId}`);
			}
			const comment = c().addReviewComment({
				feedbackId: review.feedbackId,
				businessId: review.businessId,
				...(parentId ? { parentId } : {}),
				text: text(input.text, COMMUNICATION_LIMITS.reviewCommentMaxLength),
				status: 'PUBLISHED',
				authorType,
				authorName: input.authorName ?? (authorType === 'BRAND' ? 'Brand' : 'Buyer'),
				createdAt: Date.now(),
			});
			const deliveries = await notify(reviewCommentCreated(comment));
			return { ...c().reviewCommentDto(comment), businessId: review.businessId, deliveries };
		}),
	);

	// The seller opens the review in the cabinet: Yandex counts that as a reaction.
	r.post(
		'/reviews/:feedbackId/view',
		wrap((req) => {
			const review = c().reviews.get(String(req.params.feedbackId));
			if (!review || review.deleted) fail(404, `no review ${req.params.feedbackId}`);
			review.needReaction = false;
			return c().reviewDto(review, state.baseUrl);
		}),
	);

	// The buyer (or Yandex) deletes the review: it is never returned again, nor are its comments.
	r.delete(
		'/reviews/:feedbackId',
		wrap((req) => {
			const review = c().reviews.get(String(req.params.feedbackId));
			if (!review) fail(404, `no review ${req.params.feedbackId}`);
			review.deleted = true;
			return { ok: true };
		}),
	);

	r.get(
		'/questions/:questionId',
		wrap((req) => {
			const q = c().questions.get(String(req.params.questionId));
			if (!q) fail(404, `no question ${req.params.questionId}`);
			return {
				...c().questionDto(q),
				needsAnswer: c().needsAnswer(q),
				answers: c()
					.answersOf(q.businessId, q.questionId)
					.map((a) => c().answerDto(a)),
			};
		}),
	);

	r.post(
		'/questions',
		wrap(async (req) => {
			const input = (req.body ?? {}) as BuyerQuestionInput;
			const businessId = business(input.businessId);
			const question = c().addQuestion({
				businessId,
				offerId: input.offerId ?? 'KETTLE-1700-WHITE',
				...(input.categoryId !== undefined
					? { categoryId: String(input.categoryId) }
					: { categoryId: '90555' }),
				createdAt: Date.now(),
				text: text(input.text, COMMUNICATION_LIMITS.questionTextMaxLength),
				votes: { likes: 0, dislikes: 0 },
				authorType: 'USER',
				authorName: input.authorName ?? 'New Buyer',
			});
			const deliveries = await notify(questionCreated(question));
			return {
				questionId: question.questionId,
				businessId,
				question: c().questionDto(question),
				deliveries,
			};
		}),
	);

	r.post(
		'/questions/:questionId/answers',
		wrap(async (req) => {
			const input = (req.body ?? {}) as OtherAnswerInput;
			const q = c().questions.get(String(req.params.questionId));
			if (!q || q.deleted) fail(404, `no question ${req.params.questionId}`);
			const authorType = input.authorType ?? 'USER';
			if (!['USER', 'VENDOR', 'BRAND'].includes(authorType))
				fail(400, 'authorType must be USER, VENDOR or BRAND (the shop answers through the API)');
			const answer = c().addAnswer({
				questionId: q.questionId,
				businessId: q.businessId,
				text: text(input.text, COMMUNICATION_LIMITS.questionTextMaxLength),
				status: 'PUBLISHED',
				authorType,
				authorName: input.authorName ?? 'Another Buyer',
				createdAt: Date.now(),
				votes: { likes: 0, dislikes: 0 },
			});
			const deliveries = await notify(answerCreated(answer));
			return { ...c().answerDto(answer), businessId: q.businessId, deliveries };
		}),
	);

	r.post(
		'/answers/:answerId/comments',
		wrap(async (req) => {
			const input = (req.body ?? {}) as AnswerCommentInput;
			const answer = c().answers.get(String(req.params.answerId));
			if (!answer || answer.deleted) fail(404, `no answer ${req.params.answerId}`);
			const authorType = input.authorType ?? 'USER';
			if (!['USER', 'VENDOR', 'BRAND'].includes(authorType))
				fail(400, 'authorType must be USER, VENDOR or BRAND (the shop comments through the API)');
			let parentId: string | undefined;
			if (input.parentId !== undefined) {
				parentId = asId(input.parentId);
				const parent = parentId ? c().questionComment(answer.businessId, parentId) : undefined;
				if (!parent || parent.answerId !== answer.id)
					fail(404, `no comment ${String(input.parentId)} under answer ${answer.id}`);
			}
			if (c().commentsOfAnswer(answer.id).length >= COMMUNICATION_LIMITS.answerCommentsMax)
				fail(400, `an answer holds at most ${COMMUNICATION_LIMITS.answerCommentsMax} comments`);
			const comment = c().addQuestionComment({
				answerId: answer.id,
				businessId: answer.businessId,
				...(parentId ? { parentId } : {}),
				text: text(input.text, COMMUNICATION_LIMITS.questionTextMaxLength),
				status: 'PUBLISHED',
				authorType,
				authorName: input.authorName ?? 'Buyer',
				createdAt: Date.now(),
				votes: { likes: 0, dislikes: 0 },
			});
			const deliveries = await notify(questionCommentCreated(comment));
			return { ...c().questionCommentDto(comment), businessId: answer.businessId, deliveries };
		}),
	);

	// Moderation verdicts for comments and answers (new ones are PUBLISHED at once in the sandbox).
	r.post(
		'/moderation',
		wrap((req) => {
			const input = (req.body ?? {}) as ModerationInput;
			if (!MODERATION.includes(input.status))
				fail(400, `status must be one of ${MODERATION.join(', ')}`);
			const id = String(input.id);
			const item =
				input.kind === 'reviewComment'
					? c().reviewComments.get(id)
					: input.kind === 'answer'
						? c().answers.get(id)
						: input.kind === 'questionComment'
							? c().questionComments.get(id)
							: fail(400, 'kind must be reviewComment, answer or questionComment');
			if (!item) fail(404, `no ${input.kind} ${id}`);
			item.status = input.status;
			return { kind: input.kind, id, status: item.status };
		}),
	);

	r.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
		if (res.headersSent) return next(err);
		const status =
			err instanceof CommunicationControlError
				? err.status
				: ((err as { status?: number }).status ?? 500);
		res.status(status).json({ error: (err as Error).message ?? String(err) });
	});
	return r;
}
