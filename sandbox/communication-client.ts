/**
 * Typed client of the review and question control endpoints (sandbox/communication-control.ts), on global fetch
 * only, like ./client.
 */
import type {
	AnswerCommentInput,
	BuyerQuestionInput,
	BuyerReviewInput,
	ModerationInput,
	OtherAnswerInput,
	ReviewCommentInput,
} from './communication-control';
import { controlCaller } from './client';
import type { DeliveryRecord } from './notifier';

export type {
	AnswerCommentInput,
	BuyerQuestionInput,
	BuyerReviewInput,
	ModerationInput,
	OtherAnswerInput,
	ReviewCommentInput,
};

type Json = Record<string, unknown>;
type WithDeliveries<T> = T & { deliveries: DeliveryRecord[] };

export interface CommunicationControlClient {
	/** COMMUNICATION_SEED and the limits the sandbox applies */
	info(): Promise<Json>;
	/** a buyer's review, published now; sends GOODS_FEEDBACK_CREATED */
	buyerReview(
		input: BuyerReviewInput,
	): Promise<WithDeliveries<{ feedbackId: string; businessId: string; review: Json }>>;
	/** a buyer's (or brand's) comment on a review; sends GOODS_FEEDBACK_COMMENT_CREATED */
	reviewComment(
		feedbackId: string,
		input: ReviewCommentInput,
	): Promise<WithDeliveries<Json & { id: string }>>;
	/** the seller opens the review in the cabinet: needReaction becomes false */
	viewReview(feedbackId: string): Promise<Json>;
	/** the buyer deletes the review */
	deleteReview(feedbackId: string): Promise<void>;
	/** a review with every comment (deleted ones flagged), no key needed */
	review(feedbackId: string): Promise<Json & { comments: Json[] }>;
	/** a buyer's question; sends QUESTION_CREATED */
	buyerQuestion(
		input: BuyerQuestionInput,
	): Promise<WithDeliveries<{ questionId: string; businessId: string; question: Json }>>;
	/** an answer by another buyer, the vendor or the brand; sends QUESTION_ANSWER_CREATED */
	otherAnswer(
		questionId: string,
		input: OtherAnswerInput,
	): Promise<WithDeliveries<Json & { id: string }>>;
	/** a comment on an answer; sends QUESTION_COMMENT_CREATED */
	answerComment(
		answerId: string,
		input: AnswerCommentInput,
	): Promise<WithDeliveries<Json & { id: string }>>;
	/** a question with its answers and their comments, and whether it still needs the shop's answer */
	question(questionId: string): Promise<Json & { needsAnswer: boolean; answers: Json[] }>;
	moderate(input: ModerationInput): Promise<Json>;
}

export function createCommunicationControlClient(url: string): CommunicationControlClient {
	const base = url.replace(/\/+$/, '');
	const call = controlCaller(base);
	const id = (v: string) => encodeURIComponent(v);
	return {
		info: () => call('GET', '/communication'),
		buyerReview: (input) => call('POST', '/reviews', input),
		reviewComment: (feedbackId, input) =>
			call('POST', `/reviews/${id(feedbackId)}/comments`, input),
		viewReview: (feedbackId) => call('POST', `/reviews/${id(feedbackId)}/view`),
		deleteReview: async (feedbackId) => {
			await call('DELETE', `/reviews/${id(feedbackId)}`);
		},
		review: (feedbackId) => call('GET', `/reviews/${id(feedbackId)}`),
		buyerQuestion: (input) => call('POST', '/questions', input),
		otherAnswer: (questionId, input) => call('POST', `/questions/${id(questionId)}/answers`, input),
		answerComment: (answerId, input) => call('POST', `/answers/${id(answerId)}/comments`, input),
		question: (questionId) => call('GET', `/questions/${id(questionId)}`),
		moderate: (input) => call('POST', '/moderation', input),
	};
}
