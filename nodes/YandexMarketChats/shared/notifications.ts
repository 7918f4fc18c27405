/**
 * Yandex Market's push notifications for chats: the body shapes, their validation, the dedup key, and the answers
 * Yandex requires. Source: Yandex's sendNotification docs and spec/notifications-chat.derived.schema.json.
 */
import type { IDataObject } from 'n8n-workflow';
import { PACKAGE_NAME, PACKAGE_VERSION } from './contract';
import { describeValue, invalidIdMessage, normalizeIdInput, normalizeIds } from './int64';

export const CHAT_NOTIFICATION_TYPES = [
	'CHAT_CREATED',
	'CHAT_MESSAGE_SENT',
	'CHAT_ARBITRAGE_STARTED',
	'CHAT_ARBITRAGE_FINISHED',
] as const;
export type ChatNotificationType = (typeof CHAT_NOTIFICATION_TYPES)[number];

/** Required fields per chat notification type, with the name of its time field. */
export const CHAT_NOTIFICATION_FIELDS: Record<
	ChatNotificationType,
	{ timeField: string; messageId: boolean }
> = {
	CHAT_CREATED: { timeField: 'createdAt', messageId: false },
	CHAT_MESSAGE_SENT: { timeField: 'sentAt', messageId: true },
	CHAT_ARBITRAGE_STARTED: { timeField: 'startedAt', messageId: false },
	CHAT_ARBITRAGE_FINISHED: { timeField: 'finishedAt', messageId: false },
};

/** Yandex's documented sender ranges for notifications (no signature exists: the source IP is the only check). */
export const YANDEX_NOTIFICATION_CIDRS = [
	'5.45.207.0/25',
	'141.8.142.0/25',
	'5.255.253.0/25',
] as const;

/** Deadlines Yandex gives our endpoint before it counts a delivery as failed. */
export const NOTIFICATION_TIMEOUTS_MS = { PING: 1000, other: 10_000 } as const;

export interface ChatNotification {
	notificationType: ChatNotificationType;
	businessId: string;
	chatId: string;
	/** Only for CHAT_MESSAGE_SENT. Yandex documents it as a string there (int64 elsewhere): kept as a string. */
	messageId?: string;
	/** The event time (createdAt / sentAt / startedAt / finishedAt, whichever the type carries). */
	eventTime: string;
	raw: IDataObject;
}

export type ParsedNotification =
	| { kind: 'ping'; time?: string; raw: IDataObject }
	| { kind: 'chat'; event: ChatNotification }
	| { kind: 'other'; notificationType: string; raw: IDataObject }
	| { kind: 'invalid'; problem: string };

/**
 * Bounds of what one notification may be. Yandex's chat notifications are a few hundred bytes of flat JSON; the
 * limits are far above that, and keep a hostile or broken body from filling a stored execution (n8n's executions
 * API fails on values nested thousands of levels deep) or the n8n process.
 */
export const NOTIFICATION_LIMITS = {
	/** Bodies above this size get 400 (n8n itself reads at most N8N_PAYLOAD_SIZE_MAX, 16 MB by default). */
	maxBytes: 256 * 1024,
	/** The copy of the notification an execution carries keeps this many levels; deeper values are replaced. */
	maxDepth: 8,
} as const;

/** What replaces a value nested deeper than NOTIFICATION_LIMITS.maxDepth in the execution's copy. */
export const TRUNCATED_VALUE = '[nested too deep: dropped by the trigger]';

const DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|([+-])(\d{2}):?(\d{2}))$/i;

/**
 * An ISO 8601 date-time that names a real moment: month 1-12, a day that month has, 00:00-23:59, seconds up to 60
 * (a leap second), offsets up to ±14:00. `2024-13-45T99:99:99Z` has the right shape but is not a date.
 */
export function isRealDateTime(value: string): boolean {
	const m = DATE_TIME.exec(value);
	if (!m) return false;
	const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
	const second = m[6] === undefined ? 0 : Number(m[6]);
	if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return false;
	// Day 0 of the next month is the last day of this one (UTC: no time zone shifts the count).
	if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false;
	if (m[7] !== undefined && (Number(m[8]) > 14 || Number(m[9]) > 59)) return false;
	return true;
}

/**
 * A copy bounded to `maxDepth` levels, built without recursion past that depth (a body may nest 100,000 levels:
 * JSON.parse copes, a recursive walk or JSON.stringify overflows the stack). `__proto__` keys are dropped so the
 * copy never gets a foreign prototype.
 */
export function boundedCopy(
	value: unknown,
	maxDepth: number = NOTIFICATION_LIMITS.maxDepth,
): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (maxDepth <= 0) return TRUNCATED_VALUE;
	if (Array.isArray(value)) return value.map((v) => boundedCopy(v, maxDepth - 1));
	const result: IDataObject = {};
	for (const [key, v] of Object.entries(value as IDataObject)) {
		if (key === '__proto__') continue;
		result[key] = boundedCopy(v, maxDepth - 1) as IDataObject[keyof IDataObject];
	}
	return result;
}

function idField(body: IDataObject, field: string, problems: string[]): string | undefined {
	const v = body[field];
	if (v === undefined || v === null) {
		problems.push(`"${field}" is required`);
		return undefined;
	}
	// Numbers and numeric strings are both accepted for every ID (Yandex documents messageId as a string and the
	// other IDs as integers): a stricter check would risk refusing, and so losing, a real event.
	const id = typeof v === 'number' || typeof v === 'string' ? normalizeIdInput(v) : undefined;
	if (id) return id;
	problems.push(invalidIdMessage(`"${field}"`, v));
	return undefined;
}

/**
 * Classifies and validates a notification body (already parsed with parseJsonKeepingBigInts). Chat events are
 * checked for their required fields and types; PING and other types are only checked for a notificationType.
 */
export function parseNotification(body: unknown): ParsedNotification {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		return { kind: 'invalid', problem: 'the body must be a JSON object' };
	}
	const raw = body as IDataObject;
	const type = raw.notificationType;
	if (type === undefined || type === null || type === '') {
		return { kind: 'invalid', problem: '"notificationType" is required' };
	}
	if (typeof type !== 'string') {
		return { kind: 'invalid', problem: '"notificationType" must be a string' };
	}
	if (type === 'PING') {
		const time = typeof raw.time === 'string' ? raw.time : undefined;
		return { kind: 'ping', time, raw: boundedCopy(raw) as IDataObject };
	}
	if (!(CHAT_NOTIFICATION_TYPES as readonly string[]).includes(type)) {
		return { kind: 'other', notificationType: type, raw };
	}
	const chatType = type as ChatNotificationType;
	const spec = CHAT_NOTIFICATION_FIELDS[chatType];
	const problems: string[] = [];
	const businessId = idField(raw, 'businessId', problems);
	const chatId = idField(raw, 'chatId', problems);
	const messageId = spec.messageId ? idField(raw, 'messageId', problems) : undefined;
	const time = raw[spec.timeField];
	if (time === undefined || time === null) problems.push(`"${spec.timeField}" is required`);
	else if (typeof time !== 'string' || !isRealDateTime(time))
		problems.push(`"${spec.timeField}" must be an ISO 8601 date-time, got ${describeValue(time)}`);
	if (problems.length > 0) {
		return { kind: 'invalid', problem: `${chatType}: ${problems.join('; ')}` };
	}
	return {
		kind: 'chat',
		event: {
			notificationType: chatType,
			businessId: businessId as string,
			chatId: chatId as string,
			...(messageId ? { messageId } : {}),
			eventTime: time as string,
			raw: normalizeIds(boundedCopy(raw) as IDataObject),
		},
	};
}

/** The key duplicates share: Yandex may deliver the same event several times. */
export function notificationDedupKey(event: ChatNotification): string {
	return [
		event.notificationType,
		event.businessId,
		event.chatId,
		event.messageId ?? '',
		event.eventTime,
	].join('|');
}

/** The body Yandex requires in a 200 answer (version, name and time are all mandatory). */
export function notificationAnswer(now: Date = new Date()): {
	version: string;
	name: string;
	time: string;
} {
	return { version: PACKAGE_VERSION, name: PACKAGE_NAME, time: now.toISOString() };
}

export type NotificationErrorType = 'UNKNOWN' | 'WRONG_EVENT_FORMAT' | 'DUPLICATED_EVENT';

/** Error body: 400 (Yandex never retries) or 500 (Yandex retries for up to 14 days). */
export function notificationError(type: NotificationErrorType, message: string) {
	return { error: { type, message } };
}
