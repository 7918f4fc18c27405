import {
	isIdKey,
	normalizeIdInput,
	normalizeIds,
	parseJsonKeepingBigInts,
	stringifyWithInt64,
} from '../../../../nodes/YandexMarketChats/shared/int64';

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
});

describe('SKUs and brand IDs end in "Id" but are strings', () => {
	it('stringifyWithInt64 keeps all-digit offerId, offerIds and brandId as JSON strings', () => {
		expect(
			stringifyWithInt64({ offerIds: ['100256', 'KETTLE'], feedbackIds: ['80001'], offerId: '7' }),
		).toBe('{"offerIds":["100256","KETTLE"],"feedbackIds":[80001],"offerId":"7"}');
		expect(stringifyWithInt64({ context: { brandId: '123', businessId: '10003' } })).toBe(
			'{"context":{"brandId":"123","businessId":10003}}',
		);
	});

	it('isIdKey knows them', () => {
		expect(['offerId', 'offerIds', 'brandId'].map(isIdKey)).toEqual([false, false, false]);
		expect(['feedbackId', 'commentIds', 'id', 'parentId'].map(isIdKey)).toEqual([
			true,
			true,
			true,
			true,
		]);
	});
});
