import {
	businessPath,
	normalizeIdInput,
	normalizeIds,
	notificationAnswer,
	notificationDedupKey,
	parseJsonKeepingBigInts,
	parseNotification,
	stringifyWithInt64,
	INTEGRATION_HEADER_VALUE,
	PACKAGE_VERSION,
} from '../../../../nodes/YandexMarketChats/shared/contract';
import { version } from '../../../../package.json';

describe('int64-safe JSON', () => {
	it('keeps integers above 2^53 exact as strings and leaves safe numbers alone', () => {
		const parsed = parseJsonKeepingBigInts(
			'{"chatId":9007199254740993,"size":12,"ratio":1.5,"neg":-9223372036854775807,"text":"9007199254740993 \\" 1"}',
		) as Record<string, unknown>;
		expect(parsed.chatId).toBe('9007199254740993');
		expect(parsed.size).toBe(12);
		expect(parsed.ratio).toBe(1.5);
		expect(parsed.neg).toBe('-9223372036854775807');
		expect(parsed.text).toBe('9007199254740993 " 1');
	});

	it('writes string IDs back as bare integers without rounding', () => {
		const json = stringifyWithInt64({
			context: { type: 'ORDER', id: '9007199254740993' },
			message: '123',
			orderIds: ['1', '2'],
		});
		expect(json).toBe(
			'{"context":{"type":"ORDER","id":9007199254740993},"message":"123","orderIds":[1,2]}',
		);
	});

	it('turns every *Id field into a string, nested and in arrays', () => {
		expect(
			normalizeIds({
				chatId: 5,
				context: { orderId: 7, type: 'ORDER' },
				chats: [{ chatId: 1 }],
				size: 3,
			}),
		).toEqual({
			chatId: '5',
			context: { orderId: '7', type: 'ORDER' },
			chats: [{ chatId: '1' }],
			size: 3,
		});
	});

	it.each([
		['42', '42'],
		[' 0042 ', '42'],
		[42, '42'],
		['9223372036854775807', '9223372036854775807'],
	])('accepts ID input %p', (input, expected) => {
		expect(normalizeIdInput(input)).toBe(expected);
	});

	it.each(['', '0', '-1', '1.5', 'abc', '9223372036854775808', 2 ** 60])(
		'rejects ID input %p',
		(input) => {
			expect(normalizeIdInput(input)).toBeUndefined();
		},
	);

	it('builds business paths with chat IDs left to the query string', () => {
		expect(businessPath('10001', 'getChat')).toBe('/v2/businesses/10001/chat');
		expect(businessPath('10001', 'sendFileToChat')).toBe('/v2/businesses/10001/chats/file/send');
	});
});

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
		expect(PACKAGE_VERSION).toBe(version);
		expect(INTEGRATION_HEADER_VALUE).toBe(`n8n-nodes-yandex-market/${version}`);
	});
});
