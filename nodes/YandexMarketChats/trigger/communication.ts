/**
 * The review and question events in the triggers, as pure decisions: which read fetches what a notification only
 * points at (Resolve Details), which item of the answer is the one, who its author is for the Authors rule
 * (shared/senders.ts, as Senders for messages), and the output item. The webhook trigger and the poll trigger build their items here, so both look the same.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	formatAnswer,
	formatAnswerComment,
	formatQuestion,
	formatReview,
	formatReviewComment,
} from '../helpers/communication';
import { SELLER_AUTHOR_TYPE } from '../shared/communication';
export { QUESTION_AUTHOR_TYPES as KNOWN_AUTHORS } from '../shared/communication';
import { communicationDedupKey } from '../shared/communicationNotifications';
import type {
	CommunicationNotification,
	CommunicationNotificationType,
} from '../shared/communicationNotifications';

/** The events with an author other than a buyer's review or question: answers and comments. */
export const AUTHORED_EVENTS: readonly CommunicationNotificationType[] = [
	'GOODS_FEEDBACK_COMMENT_CREATED',
	'QUESTION_ANSWER_CREATED',
	'QUESTION_COMMENT_CREATED',
];

/** The read behind each event: the list method named as the transport knows it, its ID filter and list field. */
export interface CommunicationLookup {
	endpoint:
		| 'getGoodsFeedbacks'
		| 'getGoodsFeedbackComments'
		| 'getGoodsQuestions'
		| 'getGoodsQuestionAnswers';
	body: IDataObject;
	itemsKey: 'feedbacks' | 'comments' | 'questions' | 'answers';
	/** Where the item goes in the output, and the name of the lookup in a detailsError. */
	detailsKey: 'review' | 'comment' | 'question' | 'answer';
}

export function lookupFor(event: CommunicationNotification): CommunicationLookup {
	const { ids } = event;
	switch (event.notificationType) {
		case 'GOODS_FEEDBACK_CREATED':
			return {
				endpoint: 'getGoodsFeedbacks',
				body: { feedbackIds: [ids.feedbackId] },
				itemsKey: 'feedbacks',
				detailsKey: 'review',
			};
		case 'GOODS_FEEDBACK_COMMENT_CREATED':
			return {
				endpoint: 'getGoodsFeedbackComments',
				body: { commentIds: [ids.commentId] },
				itemsKey: 'comments',
				detailsKey: 'comment',
			};
		case 'QUESTION_CREATED':
			return {
				endpoint: 'getGoodsQuestions',
				body: { questionIds: [ids.questionId] },
				itemsKey: 'questions',
				detailsKey: 'question',
			};
		case 'QUESTION_ANSWER_CREATED':
			return {
				endpoint: 'getGoodsQuestionAnswers',
				body: { answerIds: [ids.answerId] },
				itemsKey: 'answers',
				detailsKey: 'answer',
			};
		case 'QUESTION_COMMENT_CREATED':
			// Comments live inside their answer: read the answer, then pick the comment.
			return {
				endpoint: 'getGoodsQuestionAnswers',
				body: { answerIds: [ids.answerId] },
				itemsKey: 'answers',
				detailsKey: 'comment',
			};
	}
}

/**
 * The event's item among what the lookup returned (formatted as the action node outputs it), plus, for a comment on
 * an answer, the answer it belongs to. undefined when Yandex returned nothing: the item was deleted (a deleted
 * review is never returned) or is not (yet) visible.
 */
export function pickDetails(
	event: CommunicationNotification,
	items: IDataObject[],
): { value: IDataObject; parent?: IDataObject } | undefined {
	const { businessId, ids } = event;
	const [first] = items;
	switch (event.notificationType) {
		case 'GOODS_FEEDBACK_CREATED':
			return first ? { value: formatReview(first, businessId) } : undefined;
		case 'GOODS_FEEDBACK_COMMENT_CREATED':
			return first ? { value: formatReviewComment(first, businessId) } : undefined;
		case 'QUESTION_CREATED':
			return first ? { value: formatQuestion(first, businessId) } : undefined;
		case 'QUESTION_ANSWER_CREATED':
			return first ? { value: formatAnswer(first, businessId) } : undefined;
		case 'QUESTION_COMMENT_CREATED': {
			if (!first) return undefined;
			const comment = ((first.comments ?? []) as IDataObject[]).find(
				(c) => String(c.id) === ids.commentId,
			);
			if (!comment) return undefined;
			const answer = formatAnswer({ ...first, comments: [] }, businessId);
			delete answer.comments;
			return {
				value: formatAnswerComment({ answerId: ids.answerId, ...comment }, businessId),
				parent: answer,
			};
		}
	}
}

/**
 * What Resolve Details found: the item (and its answer for an answer comment), `missing` when Yandex answered with
 * no such item, or the error of a failed lookup.
 */
export type CommunicationDetails =
	| { found: { value: IDataObject; parent?: IDataObject } }
	| { missing: true }
	| { error: IDataObject };

/** What the Authors rule reads as the author of an event whose item Yandex no longer returns. */
export const GONE_AUTHOR = '(deleted)';

/**
 * The author of an answer or comment for the Authors rule (shared/senders.ts): its authorType when the lookup found
 * it, undefined when the lookup failed (the rule then waits: 503, and Yandex delivers again), and GONE_AUTHOR when
 * Yandex answered without it (deleted or banned): no list allows that author, so the event is dropped, since there
 * is nothing left to answer and 503s for an item that is gone would only make Yandex repeat it for 14 days.
 */
export function authorOf(details: CommunicationDetails | undefined): unknown {
	if (!details || 'error' in details) return undefined;
	if ('missing' in details) return GONE_AUTHOR;
	return details.found.value.authorType;
}

/**
 * One output item per review or question event, the same from both triggers: the notification's IDs and times, the
 * item found by Resolve Details under `review`, `comment`, `question` or `answer` (with `answer` also for a comment
 * on an answer), the IDs it adds (feedbackId of a comment, questionId of an answer), its author, and the notification
 * as received.
 */
export function communicationEventItem(
	event: CommunicationNotification,
	receivedAt: Date,
	details?: CommunicationDetails,
): IDataObject {
	const item: IDataObject = {
		notificationType: event.notificationType,
		businessId: event.businessId,
		...event.ids,
		eventTime: event.eventTime,
		...event.times,
		receivedAt: receivedAt.toISOString(),
		dedupKey: communicationDedupKey(event),
	};
	if (details && 'found' in details) {
		const { value, parent } = details.found;
		for (const key of ['feedbackId', 'questionId', 'parentId'] as const) {
			if (value[key] !== undefined && item[key] === undefined) item[key] = value[key];
		}
		if (parent?.questionId !== undefined) item.questionId = parent.questionId;
		if (value.authorType !== undefined) {
			item.authorType = value.authorType;
			item.fromSeller = value.authorType === SELLER_AUTHOR_TYPE;
		}
		item[lookupFor(event).detailsKey] = value;
		if (parent) item.answer = parent;
	} else if (details && 'missing' in details) {
		item.detailsError = {
			lookup: lookupFor(event).endpoint,
			message: 'Yandex Market did not return this item: it was deleted or is not visible',
		};
	} else if (details && 'error' in details) {
		item.detailsError = details.error;
	}
	item.notification = event.raw;
	return item;
}
