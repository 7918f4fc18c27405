import {
	notificationAnswer,
	notificationDedupKey,
	parseNotification,
} from '../../../../nodes/YandexMarketChats/shared/notifications';
import { version } from '../../../../package.json';

describe('notifications', () => {
	it('classifies PING, other types and chat events', () => {
		expect(
			parseNotification({ notificationType: 'PING', time: '2025-01-16T10:09:49.759084017Z' }).kind,
		).toBe('ping');
		expect(parseNotification({ notificationType: 'ORDER_CREATED', orderId: 1 })).toMatchObject({
			kind: 'other',
			notificationType: 'ORDER_CREATED',
		});
		const parsed = parseNotification({
			notificationType: 'CHAT_MESSAGE_SENT',
			businessId: 10001,
			chatId: '9007199254740993',
			messageId: 'example'.length,
			sentAt: '2025-01-16T10:09:49+03:00',
		});
		expect(parsed).toMatchObject({
			kind: 'chat',
			event: {
				businessId: '10001',
				chatId: '9007199254740993',
				messageId: '7',
				eventTime: '2025-01-16T10:09:49+03:00',
			},
		});
	});

	it.each([
		[[], 'must be a JSON object'],
		[{}, '"notificationType" is required'],
		[{ notificationType: 5 }, 'must be a string'],
		[
			{ notificationType: 'CHAT_CREATED', businessId: 1, createdAt: '2025-01-16T10:09:49Z' },
			'"chatId" is required',
		],
		[
			{
				notificationType: 'CHAT_MESSAGE_SENT',
				businessId: 1,
				chatId: 2,
				messageId: 'abc',
				sentAt: '2025-01-16T10:09:49Z',
			},
			'"messageId" must be a positive integer ID',
		],
		[
			{
				notificationType: 'CHAT_ARBITRAGE_STARTED',
				businessId: 1,
				chatId: 2,
				startedAt: 'yesterday',
			},
			'"startedAt" must be an ISO 8601',
		],
	])('rejects %j naming the problem', (body, problem) => {
		const parsed = parseNotification(body);
		expect(parsed.kind).toBe('invalid');
		expect(parsed.kind === 'invalid' && parsed.problem).toContain(problem);
	});

	it('gives duplicates of one event the same key and different events different keys', () => {
		const a = parseNotification({
			notificationType: 'CHAT_CREATED',
			businessId: 1,
			chatId: 2,
			createdAt: '2025-01-16T10:09:49Z',
		});
		const b = parseNotification({
			notificationType: 'CHAT_CREATED',
			businessId: 1,
			chatId: 2,
			createdAt: '2025-01-16T10:09:49Z',
		});
		const c = parseNotification({
			notificationType: 'CHAT_CREATED',
			businessId: 1,
			chatId: 3,
			createdAt: '2025-01-16T10:09:49Z',
		});
		if (a.kind !== 'chat' || b.kind !== 'chat' || c.kind !== 'chat')
			throw new Error('expected chat events');
		expect(notificationDedupKey(a.event)).toBe(notificationDedupKey(b.event));
		expect(notificationDedupKey(a.event)).not.toBe(notificationDedupKey(c.event));
	});

	it('answers with the package version, name and the current time', () => {
		const answer = notificationAnswer(new Date('2026-01-02T03:04:05.000Z'));
		expect(answer).toEqual({
			version,
			name: 'n8n-nodes-yandex-market',
			time: '2026-01-02T03:04:05.000Z',
		});
	});
});
