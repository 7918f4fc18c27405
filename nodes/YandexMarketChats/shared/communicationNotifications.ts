/**
 * The five review and question notifications (GOODS_FEEDBACK_CREATED, GOODS_FEEDBACK_COMMENT_CREATED,
 * QUESTION_CREATED, QUESTION_ANSWER_CREATED, QUESTION_COMMENT_CREATED): their fields, validation and dedup key.
 * Source: Yandex's sendNotification docs, spec/notifications-communication.derived.schema.json. Every field is
 * required there. The IDs point at items the API returns; the notifications themselves carry no text or author.
 */
import type { IDataObject } from 'n8n-workflow';
import { boundedCopy, isRealDateTime } from './notifications';
import { describeValue, invalidIdMessage, normalizeIdInput, normalizeIds } from './int64';

export const COMMUNICATION_NOTIFICATION_TYPES = [
	'GOODS_FEEDBACK_CREATED',
	'GOODS_FEEDBACK_COMMENT_CREATED',
	'QUESTION_CREATED',
	'QUESTION_ANSWER_CREATED',
	'QUESTION_COMMENT_CREATED',
] as const;
export type CommunicationNotificationType = (typeof COMMUNICATION_NOTIFICATION_TYPES)[number];

/** The ID fields each type carries (businessId aside) and its time fields; the first time field is the event's. */
export const COMMUNICATION_NOTIFICATION_FIELDS: Record<
	CommunicationNotificationType,
	{ ids: readonly string[]; timeFields: readonly string[] }
> = {
	// Sent on publication: createdAt (when the buyer wrote it) can be long before publishedAt.
	GOODS_FEEDBACK_CREATED: { ids: ['feedbackId'], timeFields: ['publishedAt', 'createdAt'] },
	// No feedbackId: the comment read by its ID names its review.
	GOODS_FEEDBACK_COMMENT_CREATED: { ids: ['commentId'], timeFields: ['createdAt'] },
	QUESTION_CREATED: { ids: ['questionId'], timeFields: ['createdAt'] },
	// No questionId: the answer read by its ID names its question.
	QUESTION_ANSWER_CREATED: { ids: ['answerId'], timeFields: ['createdAt'] },
	// The comment is read through its answer (comments are embedded in answers).
	QUESTION_COMMENT_CREATED: { ids: ['answerId', 'commentId'], timeFields: ['createdAt'] },
};

export function isCommunicationNotificationType(
	type: string,
): type is CommunicationNotificationType {
	return (COMMUNICATION_NOTIFICATION_TYPES as readonly string[]).includes(type);
}

export interface CommunicationNotification {
	notificationType: CommunicationNotificationType;
	businessId: string;
	/** The type's IDs as decimal strings: feedbackId, commentId, questionId, answerId. */
	ids: Record<string, string>;
	/** The event's time (publishedAt for a new review, createdAt otherwise). */
	eventTime: string;
	/** Every time field the type carries, as sent. */
	times: Record<string, string>;
	raw: IDataObject;
}

/** A validated notification of one of the five types, or the problems that make it malformed (400). */
export function parseCommunicationNotification(
	type: CommunicationNotificationType,
	raw: IDataObject,
): { event: CommunicationNotification } | { problem: string } {
	const spec = COMMUNICATION_NOTIFICATION_FIELDS[type];
	const problems: string[] = [];
	const id = (field: string): string | undefined => {
		const v = raw[field];
		if (v === undefined || v === null) {
			problems.push(`"${field}" is required`);
			return undefined;
		}
		const value = typeof v === 'number' || typeof v === 'string' ? normalizeIdInput(v) : undefined;
		if (!value) problems.push(invalidIdMessage(`"${field}"`, v));
		return value;
	};
	const businessId = id('businessId');
	const ids: Record<string, string> = {};
	for (const field of spec.ids) {
		const value = id(field);
		if (value) ids[field] = value;
	}
	const times: Record<string, string> = {};
	for (const field of spec.timeFields) {
		const v = raw[field];
		if (v === undefined || v === null) problems.push(`"${field}" is required`);
		else if (typeof v !== 'string' || !isRealDateTime(v))
			problems.push(`"${field}" must be an ISO 8601 date-time, got ${describeValue(v)}`);
		else times[field] = v;
	}
	if (problems.length > 0) return { problem: `${type}: ${problems.join('; ')}` };
	return {
		event: {
			notificationType: type,
			businessId: businessId as string,
			ids,
			eventTime: times[spec.timeFields[0]],
			times,
			raw: normalizeIds(boundedCopy(raw) as IDataObject),
		},
	};
}

/** The key duplicates share: the type, the cabinet and the item's IDs (an item is created once). */
export function communicationDedupKey(event: CommunicationNotification): string {
	const spec = COMMUNICATION_NOTIFICATION_FIELDS[event.notificationType];
	return [event.notificationType, event.businessId, ...spec.ids.map((f) => event.ids[f])].join('|');
}
