import {
	communicationDedupKey,
	parseCommunicationNotification,
} from '../../../../nodes/YandexMarketChats/shared/communicationNotifications';
import type { CommunicationNotificationType } from '../../../../nodes/YandexMarketChats/shared/communicationNotifications';
import { parseJsonKeepingBigInts } from '../../../../nodes/YandexMarketChats/shared/int64';

const T = '2026-12-05T10:00:00Z';

describe('parseCommunicationNotification', () => {
	it.each([
		[
			'GOODS_FEEDBACK_CREATED',
			{ businessId: 10001, feedbackId: 80001, createdAt: '2026-12-05T09:00:00Z', publishedAt: T },
			{ feedbackId: '80001' },
			T,
			'GOODS_FEEDBACK_CREATED|10001|80001',
		],
		[
			'GOODS_FEEDBACK_COMMENT_CREATED',
			{ businessId: 10001, commentId: 81001, createdAt: T },
			{ commentId: '81001' },
			T,
			'GOODS_FEEDBACK_COMMENT_CREATED|10001|81001',
		],
		[
			'QUESTION_CREATED',
			{ businessId: '10001', questionId: '82003', createdAt: T },
			{ questionId: '82003' },
			T,
			'QUESTION_CREATED|10001|82003',
		],
		[
			'QUESTION_ANSWER_CREATED',
			{ businessId: 10001, answerId: 83002, createdAt: T },
			{ answerId: '83002' },
			T,
			'QUESTION_ANSWER_CREATED|10001|83002',
		],
		[
			'QUESTION_COMMENT_CREATED',
			{ businessId: 10001, answerId: 83001, commentId: 84001, createdAt: T },
			{ answerId: '83001', commentId: '84001' },
			T,
			'QUESTION_COMMENT_CREATED|10001|83001|84001',
		],
	] as const)(
		'%s: IDs as strings, the event time and the dedup key',
		(type, body, ids, time, key) => {
			const parsed = parseCommunicationNotification(type as CommunicationNotificationType, {
				notificationType: type,
				...body,
			});
			expect('event' in parsed).toBe(true);
			if (!('event' in parsed)) return;
			expect(parsed.event).toMatchObject({ businessId: '10001', ids, eventTime: time });
			expect(communicationDedupKey(parsed.event)).toBe(key);
		},
	);

	it('keeps IDs above 2^53 exact', () => {
		const raw = parseJsonKeepingBigInts(
			`{"notificationType":"QUESTION_COMMENT_CREATED","businessId":10001,"answerId":9007199254741003,"commentId":9007199254741007,"createdAt":"${T}"}`,
		) as Record<string, string>;
		const parsed = parseCommunicationNotification('QUESTION_COMMENT_CREATED', raw);
		expect(parsed).toMatchObject({
			event: {
				ids: { answerId: '9007199254741003', commentId: '9007199254741007' },
				raw: { answerId: '9007199254741003', commentId: '9007199254741007' },
			},
		});
	});

	it.each([
		[
			'GOODS_FEEDBACK_CREATED',
			{ businessId: 1, feedbackId: 2, createdAt: T },
			'"publishedAt" is required',
		],
		['GOODS_FEEDBACK_COMMENT_CREATED', { businessId: 1, createdAt: T }, '"commentId" is required'],
		[
			'QUESTION_CREATED',
			{ businessId: 1, questionId: 'abc', createdAt: T },
			'"questionId" must be a positive integer ID, got "abc"',
		],
		['QUESTION_ANSWER_CREATED', { answerId: 3, createdAt: T }, '"businessId" is required'],
		[
			'QUESTION_COMMENT_CREATED',
			{ businessId: 1, answerId: 3, commentId: 4, createdAt: '2026-13-45T10:00:00Z' },
			'"createdAt" must be an ISO 8601 date-time',
		],
	] as const)('%s %j is malformed: %s', (type, body, problem) => {
		const parsed = parseCommunicationNotification(type as CommunicationNotificationType, {
			notificationType: type,
			...body,
		});
		expect(parsed).toEqual({ problem: expect.stringContaining(problem) });
		expect((parsed as { problem: string }).problem.startsWith(`${type}: `)).toBe(true);
	});
});
