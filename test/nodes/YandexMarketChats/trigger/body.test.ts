import {
	parseRawBody,
	unreadableBody,
	utf8Text,
} from '../../../../nodes/YandexMarketChats/trigger/body';
import { NOTIFICATION_LIMITS } from '../../../../nodes/YandexMarketChats/shared/notifications';

describe('utf8Text', () => {
	it('decodes UTF-8, drops a byte order mark and refuses invalid bytes', () => {
		expect(utf8Text(Buffer.from('{"a":"é"}'))).toBe('{"a":"é"}');
		expect(utf8Text(Buffer.from('\uFEFF{}'))).toBe('{}');
		expect(utf8Text(Buffer.from([0x7b, 0xff, 0x7d]))).toBeUndefined();
		// A real U+FFFD in the text is valid UTF-8.
		expect(utf8Text(Buffer.from('"\uFFFD"'))).toBe('"\uFFFD"');
	});
});

describe('unreadableBody', () => {
	it.each([
		[{ type: 'entity.too.large' }, /larger than n8n accepts/],
		[{ code: 'Z_DATA_ERROR' }, /not valid gzip or deflate/],
		[new Error('aborted'), /^aborted$/],
		[{ message: 'x'.repeat(300) }, /^x{200}…$/],
	])('%j', (error, expected) => {
		expect(unreadableBody(error)).toMatch(expected);
	});
});

describe('parseRawBody', () => {
	const problem = (raw: Buffer) => {
		const parsed = parseRawBody(raw);
		return parsed.kind === 'invalid' ? parsed.problem : parsed.kind;
	};

	it.each([
		['', 'the body is empty'],
		['   ', 'the body is empty'],
		['{"notificationType":', /^the body is not valid JSON \(/],
		['[1]', 'the body must be a JSON object'],
		['{"notificationType":"PING"}', 'ping'],
		['{"notificationType":"ORDER_CREATED"}', 'other'],
	])('%j -> %s', (text, expected) => {
		if (typeof expected === 'string') expect(problem(Buffer.from(text))).toBe(expected);
		else expect(problem(Buffer.from(text))).toMatch(expected);
	});

	it('refuses invalid UTF-8 and a body over the limit, naming the limit', () => {
		expect(problem(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]))).toBe('the body is not valid UTF-8');
		const big = Buffer.alloc(NOTIFICATION_LIMITS.maxBytes + 1, 0x20);
		expect(problem(big)).toContain(`more than the ${NOTIFICATION_LIMITS.maxBytes}`);
	});

	it('keeps int64 IDs exact', () => {
		const parsed = parseRawBody(
			Buffer.from(
				'{"notificationType":"CHAT_CREATED","businessId":1,"chatId":9007199254740993,"createdAt":"2025-01-16T10:00:00Z"}',
			),
		);
		expect(parsed).toMatchObject({ kind: 'chat', event: { chatId: '9007199254740993' } });
	});
});
