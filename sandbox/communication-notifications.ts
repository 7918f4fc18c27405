/**
 * The five review and question notifications (spec/notifications-communication.derived.schema.json), built from the
 * stored items and sent through the existing notifier. Note what the bodies lack: GOODS_FEEDBACK_COMMENT_CREATED has
 * no feedbackId and QUESTION_ANSWER_CREATED no questionId; the follow-up read has them.
 */
import { yandexTime } from './json';
import type { OutgoingNotification } from './notifier';
import { notificationJson } from './notifier';
import type { SandboxState } from './state';
import type {
	StoredAnswer,
	StoredQuestion,
	StoredQuestionComment,
	StoredReview,
	StoredReviewComment,
} from './communication-store';

// The types are the nodes' (one list): the sandbox sends what the trigger parses.
export { COMMUNICATION_NOTIFICATION_TYPES } from '../nodes/YandexMarketChats/shared/communicationNotifications';

function outgoing(type: string, fields: Record<string, unknown>): OutgoingNotification {
	return { type, bodyText: notificationJson({ notificationType: type, ...fields }) };
}

/** Sent only once the review has passed moderation and been published: createdAt can be earlier. */
export function feedbackCreated(r: StoredReview): OutgoingNotification {
	return outgoing('GOODS_FEEDBACK_CREATED', {
		businessId: r.businessId,
		feedbackId: r.feedbackId,
		createdAt: yandexTime(r.createdAt),
		publishedAt: yandexTime(r.publishedAt),
	});
}

export function reviewCommentCreated(c: StoredReviewComment): OutgoingNotification {
	return outgoing('GOODS_FEEDBACK_COMMENT_CREATED', {
		businessId: c.businessId,
		commentId: c.id,
		createdAt: yandexTime(c.createdAt),
	});
}

export function questionCreated(q: StoredQuestion): OutgoingNotification {
	return outgoing('QUESTION_CREATED', {
		businessId: q.businessId,
		questionId: q.questionId,
		createdAt: yandexTime(q.createdAt),
	});
}

export function answerCreated(a: StoredAnswer): OutgoingNotification {
	return outgoing('QUESTION_ANSWER_CREATED', {
		businessId: a.businessId,
		answerId: a.id,
		createdAt: yandexTime(a.createdAt),
	});
}

export function questionCommentCreated(c: StoredQuestionComment): OutgoingNotification {
	return outgoing('QUESTION_COMMENT_CREATED', {
		businessId: c.businessId,
		answerId: c.answerId,
		commentId: c.id,
		createdAt: yandexTime(c.createdAt),
	});
}

/**
 * The shop's own comments and answers written through the API. Yandex's docs do not say whether these notify; the
 * sandbox assumes the worst case (they do, like the seller's own chat messages), so a trigger's loop protection
 * can be tested. `notifyPartnerMessages: false` turns it off for chats, reviews and questions alike.
 */
export function notifySellerContent(state: SandboxState, n: OutgoingNotification): void {
	const notifier = state.notifier;
	if (!notifier.autoEnabled || !notifier.config.notifyPartnerMessages) return;
	notifier.sendInBackground(n);
}
