/**
 * How reviews, review comments, questions, answers and answer comments look in the nodes' output: flat fields a
 * no-code seller maps with one expression (rating, text, offerId, authorType), the item's own ID under a named key
 * (feedbackId, commentId, questionId, answerId), and `fromSeller` wherever an author is given, so a workflow can
 * skip the shop's own texts. The action node and both triggers use these, so their items have the same shape.
 */
import type { IDataObject } from 'n8n-workflow';
import { SELLER_AUTHOR_TYPE } from '../shared/communication';

function defined(fields: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

function author(value: unknown): IDataObject {
	const a = (value ?? {}) as IDataObject;
	if (a.type === undefined && a.name === undefined) return {};
	return defined({
		authorType: a.type,
		authorName: a.name,
		fromSeller: a.type === SELLER_AUTHOR_TYPE,
	});
}

function votes(value: unknown): IDataObject {
	const v = (value ?? {}) as IDataObject;
	return defined({ likes: v.likes, dislikes: v.dislikes });
}

/** A review (GoodsFeedbackDTO): identifiers, statistics, description and media as top-level fields. */
export function formatReview(review: IDataObject, businessId: string): IDataObject {
	const {
		feedbackId,
		identifiers,
		statistics,
		description,
		media,
		author: authorName,
		...rest
	} = review;
	const ids = (identifiers ?? {}) as IDataObject;
	const stats = (statistics ?? {}) as IDataObject;
	const text = (description ?? {}) as IDataObject;
	const files = (media ?? {}) as IDataObject;
	return defined({
		businessId,
		feedbackId,
		...rest,
		rating: stats.rating,
		recommended: stats.recommended,
		commentsCount: stats.commentsCount,
		paidAmount: stats.paidAmount,
		orderId: ids.orderId,
		offerId: ids.offerId,
		authorName,
		advantages: text.advantages,
		disadvantages: text.disadvantages,
		comment: text.comment,
		photos: files.photos ?? [],
		videos: files.videos ?? [],
	});
}

/** A review comment (GoodsFeedbackCommentDTO); parentId only on replies to another comment. */
export function formatReviewComment(comment: IDataObject, businessId: string): IDataObject {
	const { id, author: who, ...rest } = comment;
	return defined({ businessId, commentId: id, ...rest, ...author(who) });
}

/** A question (QuestionDTO): questionIdentifiers, votes and author as top-level fields. */
export function formatQuestion(question: IDataObject, businessId: string): IDataObject {
	// The question's own businessId is the cabinet's; the caller's is written last so both triggers agree.
	const { questionIdentifiers, votes: v, author: who, ...rest } = question;
	const ids = (questionIdentifiers ?? {}) as IDataObject;
	return defined({
		questionId: ids.id,
		offerId: ids.offerId,
		categoryId: ids.categoryId,
		...rest,
		businessId,
		...votes(v),
		...author(who),
	});
}

/** A comment under an answer (CommentDTO). */
export function formatAnswerComment(comment: IDataObject, businessId: string): IDataObject {
	const { id, votes: v, author: who, ...rest } = comment;
	return defined({ businessId, commentId: id, ...rest, ...votes(v), ...author(who) });
}

/** An answer (AnswerDTO) with its embedded comments formatted the same way. */
export function formatAnswer(answer: IDataObject, businessId: string): IDataObject {
	const { id, votes: v, author: who, comments, ...rest } = answer;
	return defined({
		businessId,
		answerId: id,
		...rest,
		...votes(v),
		...author(who),
		comments: ((comments ?? []) as IDataObject[]).map((c) => formatAnswerComment(c, businessId)),
	});
}
