/**
 * In-memory reviews (goods feedback) with their comment threads, and product questions with their answers and
 * comments. IDs are decimal strings (int64, some above 2^53), times epoch milliseconds. The DTO functions write
 * what the spec's GoodsFeedbackDTO, GoodsFeedbackCommentDTO, QuestionDTO, AnswerDTO and CommentDTO describe.
 */
import { compareIds, maxId, nextId, yandexTime } from './json';

export type ReviewCommentAuthorType = 'USER' | 'BUSINESS' | 'BRAND';
export type QuestionAuthorType = 'USER' | 'BUSINESS' | 'VENDOR' | 'BRAND';
export type ModerationStatus = 'PUBLISHED' | 'UNMODERATED' | 'BANNED' | 'DELETED';

export interface StoredReview {
	feedbackId: string;
	businessId: string;
	createdAt: number;
	/** reviews are published after moderation; GOODS_FEEDBACK_CREATED carries both times */
	publishedAt: number;
	needReaction: boolean;
	orderId?: string;
	offerId?: string;
	author?: string;
	advantages?: string;
	disadvantages?: string;
	comment?: string;
	/** file IDs served by GET /_sandbox/files/<id>, like chat attachments */
	photos?: string[];
	videos?: string[];
	rating: number;
	recommended?: boolean;
	/** Plus points paid for the review ("paid review"); absent for ordinary ones */
	paidAmount?: string;
	/** deleted by the buyer or by Yandex: never returned again */
	deleted?: boolean;
	/** UrbanAds advertiser cabinets only: the product, seller and brand the review is about */
	advertiserContext?: {
		offerName: string;
		pictureFileId?: string;
		businessId: string;
		businessName: string;
		brandId: string;
		brandName: string;
	};
}

export interface StoredReviewComment {
	id: string;
	feedbackId: string;
	businessId: string;
	/** only for a reply to another comment */
	parentId?: string;
	text: string;
	status: ModerationStatus;
	authorType: ReviewCommentAuthorType;
	authorName: string;
	createdAt: number;
	deleted?: boolean;
}

export interface Votes {
	likes: number;
	dislikes: number;
}

export interface StoredQuestion {
	questionId: string;
	businessId: string;
	offerId: string;
	categoryId?: string;
	createdAt: number;
	text: string;
	votes: Votes;
	authorType: QuestionAuthorType;
	authorName: string;
	deleted?: boolean;
}

export interface StoredAnswer {
	id: string;
	questionId: string;
	businessId: string;
	text: string;
	status: ModerationStatus;
	authorType: QuestionAuthorType;
	authorName: string;
	createdAt: number;
	votes: Votes;
	deleted?: boolean;
}

export interface StoredQuestionComment {
	id: string;
	answerId: string;
	businessId: string;
	parentId?: string;
	text: string;
	status: ModerationStatus;
	authorType: QuestionAuthorType;
	authorName: string;
	createdAt: number;
	votes: Votes;
	deleted?: boolean;
}

/** Starting points of the counters; seeded IDs below them, new ones above. */
const COUNTERS = {
	review: '80900',
	reviewComment: '81900',
	question: '82900',
	answer: '83900',
	questionComment: '84900',
} as const;
/** Seed IDs above this (the 2^53 ones) never move the counters, or every new ID would be huge too. */
const SPECIAL_ID_FLOOR = '1000000000000';

type CounterName = keyof typeof COUNTERS;

export class CommunicationStore {
	reviews = new Map<string, StoredReview>();
	reviewComments = new Map<string, StoredReviewComment>();
	questions = new Map<string, StoredQuestion>();
	answers = new Map<string, StoredAnswer>();
	questionComments = new Map<string, StoredQuestionComment>();
	private counters: Record<CounterName, string> = { ...COUNTERS };

	/** The next free ID of a kind, or the explicit one (which moves the counter on when it is an ordinary ID). */
	private id(kind: CounterName, explicit: string | undefined, taken: Map<string, unknown>): string {
		if (explicit !== undefined) {
			if (compareIds(explicit, SPECIAL_ID_FLOOR) < 0)
				this.counters[kind] = maxId(this.counters[kind], explicit);
			return explicit;
		}
		do this.counters[kind] = nextId(this.counters[kind]);
		while (taken.has(this.counters[kind]));
		return this.counters[kind];
	}

	/** Stores an item under its explicit ID or the next free one of its kind. */
	private insert<T, K extends keyof T & string>(
		kind: CounterName,
		items: Map<string, T>,
		idKey: K,
		item: Omit<T, K> & { [key in K]?: string },
	): T {
		const id = this.id(kind, (item as Record<K, string | undefined>)[idKey], items);
		const stored = { ...item, [idKey]: id } as unknown as T;
		items.set(id, stored);
		return stored;
	}

	addReview(r: Omit<StoredReview, 'feedbackId'> & { feedbackId?: string }): StoredReview {
		return this.insert('review', this.reviews, 'feedbackId', r);
	}

	addReviewComment(c: Omit<StoredReviewComment, 'id'> & { id?: string }): StoredReviewComment {
		return this.insert('reviewComment', this.reviewComments, 'id', c);
	}

	addQuestion(q: Omit<StoredQuestion, 'questionId'> & { questionId?: string }): StoredQuestion {
		return this.insert('question', this.questions, 'questionId', q);
	}

	addAnswer(a: Omit<StoredAnswer, 'id'> & { id?: string }): StoredAnswer {
		return this.insert('answer', this.answers, 'id', a);
	}

	addQuestionComment(
		c: Omit<StoredQuestionComment, 'id'> & { id?: string },
	): StoredQuestionComment {
		return this.insert('questionComment', this.questionComments, 'id', c);
	}

	// ---------- lookups (deleted items are invisible, as Yandex never returns them) ----------

	review(businessId: string, feedbackId: string): StoredReview | undefined {
		return live(this.reviews.get(feedbackId), businessId);
	}

	reviewsOf(businessId: string): StoredReview[] {
		return liveOf(this.reviews, businessId);
	}

	reviewComment(businessId: string, id: string): StoredReviewComment | undefined {
		const c = live(this.reviewComments.get(id), businessId);
		// Comments on deleted reviews are left out too.
		return c && this.review(businessId, c.feedbackId) ? c : undefined;
	}

	/** A review's thread, oldest first ("in publication order"), replies pointing to their parent. */
	commentsOf(businessId: string, feedbackId: string): StoredReviewComment[] {
		if (!this.review(businessId, feedbackId)) return [];
		return liveOf(this.reviewComments, businessId, (c) => c.feedbackId === feedbackId);
	}

	/** commentsCount: direct replies to the review only (not replies to comments). */
	directCommentCount(r: StoredReview): number {
		return this.commentsOf(r.businessId, r.feedbackId).filter((c) => c.parentId === undefined)
			.length;
	}

	question(businessId: string, questionId: string): StoredQuestion | undefined {
		return live(this.questions.get(questionId), businessId);
	}

	questionsOf(businessId: string): StoredQuestion[] {
		return liveOf(this.questions, businessId);
	}

	answer(businessId: string, id: string): StoredAnswer | undefined {
		const a = live(this.answers.get(id), businessId);
		return a && this.question(businessId, a.questionId) ? a : undefined;
	}

	answersOf(businessId: string, questionId: string): StoredAnswer[] {
		if (!this.question(businessId, questionId)) return [];
		return liveOf(this.answers, businessId, (a) => a.questionId === questionId);
	}

	questionComment(businessId: string, id: string): StoredQuestionComment | undefined {
		const c = live(this.questionComments.get(id), businessId);
		return c && this.answer(businessId, c.answerId) ? c : undefined;
	}

	commentsOfAnswer(answerId: string): StoredQuestionComment[] {
		const a = this.answers.get(answerId);
		return a ? liveOf(this.questionComments, a.businessId, (c) => c.answerId === answerId) : [];
	}

	/**
	 * needAnswer: the sandbox's reading of "waiting for an answer" (the spec does not say whose answer ends it): no
	 * answer from the seller's cabinet (BUSINESS) that is still there. Answers by other buyers do not count.
	 */
	needsAnswer(q: StoredQuestion): boolean {
		return !this.answersOf(q.businessId, q.questionId).some(
			(a) => a.authorType === 'BUSINESS' && a.status !== 'BANNED',
		);
	}

	// ---------- DTOs (IDs stay strings; the API's JSON writer turns them into bare integers) ----------

	reviewDto(r: StoredReview, baseUrl: string): Record<string, unknown> {
		const url = (fileId: string) => `${baseUrl}/_sandbox/files/${fileId}`;
		const description = {
			...(r.advantages !== undefined ? { advantages: r.advantages } : {}),
			...(r.disadvantages !== undefined ? { disadvantages: r.disadvantages } : {}),
			...(r.comment !== undefined ? { comment: r.comment } : {}),
		};
		const media = {
			...(r.photos && r.photos.length > 0 ? { photos: r.photos.map(url) } : {}),
			...(r.videos && r.videos.length > 0 ? { videos: r.videos.map(url) } : {}),
		};
		return {
			feedbackId: r.feedbackId,
			createdAt: yandexTime(r.createdAt),
			needReaction: r.needReaction,
			identifiers: {
				...(r.orderId ? { orderId: r.orderId } : {}),
				...(r.offerId !== undefined ? { offerId: r.offerId } : {}),
			},
			...(r.author !== undefined ? { author: r.author } : {}),
			...(Object.keys(description).length > 0 ? { description } : {}),
			...(Object.keys(media).length > 0 ? { media } : {}),
			statistics: {
				rating: r.rating,
				commentsCount: this.directCommentCount(r),
				...(r.recommended !== undefined ? { recommended: r.recommended } : {}),
				...(r.paidAmount !== undefined ? { paidAmount: Number(r.paidAmount) } : {}),
			},
		};
	}

	/** GoodsFeedbackUrbanadsDTO: `context` instead of `identifiers`. */
	urbanadsReviewDto(r: StoredReview, baseUrl: string): Record<string, unknown> {
		const rest = this.reviewDto(r, baseUrl);
		delete rest.identifiers;
		const c = r.advertiserContext;
		return {
			...rest,
			context: c
				? {
						offerName: c.offerName,
						...(c.pictureFileId
							? { pictureUrl: `${baseUrl}/_sandbox/files/${c.pictureFileId}` }
							: {}),
						businessId: c.businessId,
						businessName: c.businessName,
						brandId: c.brandId,
						brandName: c.brandName,
					}
				: {},
		};
	}

	reviewCommentDto(c: StoredReviewComment): Record<string, unknown> {
		return {
			id: c.id,
			text: c.text,
			// The seller may edit or delete its own comments only.
			canModify: c.authorType === 'BUSINESS' && c.status !== 'BANNED',
			...(c.parentId !== undefined ? { parentId: c.parentId } : {}),
			author: { type: c.authorType, name: c.authorName },
			status: c.status,
			feedbackId: c.feedbackId,
		};
	}

	questionDto(q: StoredQuestion): Record<string, unknown> {
		return {
			questionIdentifiers: {
				id: q.questionId,
				...(q.categoryId !== undefined ? { categoryId: q.categoryId } : {}),
				offerId: q.offerId,
			},
			businessId: q.businessId,
			text: q.text,
			createdAt: yandexTime(q.createdAt),
			votes: { ...q.votes },
			author: { type: q.authorType, name: q.authorName },
		};
	}

	answerDto(a: StoredAnswer): Record<string, unknown> {
		const comments = this.commentsOfAnswer(a.id).map((c) => this.questionCommentDto(c));
		return {
			id: a.id,
			text: a.text,
			canModify: a.authorType === 'BUSINESS' && a.status !== 'BANNED',
			author: { type: a.authorType, name: a.authorName },
			status: a.status,
			questionId: a.questionId,
			createdAt: yandexTime(a.createdAt),
			votes: { ...a.votes },
			...(comments.length > 0 ? { comments } : {}),
		};
	}

	questionCommentDto(c: StoredQuestionComment): Record<string, unknown> {
		return {
			id: c.id,
			text: c.text,
			canModify: c.authorType === 'BUSINESS' && c.status !== 'BANNED',
			...(c.parentId !== undefined ? { parentId: c.parentId } : {}),
			author: { type: c.authorType, name: c.authorName },
			status: c.status,
			answerId: c.answerId,
			createdAt: yandexTime(c.createdAt),
			votes: { ...c.votes },
		};
	}
}

interface Owned {
	businessId: string;
	deleted?: boolean;
	createdAt: number;
}

/** The item when it belongs to the business and is not deleted. */
function live<T extends Owned>(item: T | undefined, businessId: string): T | undefined {
	return item && item.businessId === businessId && !item.deleted ? item : undefined;
}

/** The business's items that are not deleted and pass `keep`, oldest first. */
function liveOf<T extends Owned>(
	items: Map<string, T>,
	businessId: string,
	keep: (item: T) => boolean = () => true,
): T[] {
	return [...items.entries()]
		.filter(([, x]) => x.businessId === businessId && !x.deleted && keep(x))
		.sort(([ka, a], [kb, b]) => a.createdAt - b.createdAt || compareIds(ka, kb))
		.map(([, x]) => x);
}
