import {
	excludesAnySender,
	senderVerdict,
} from '../../../../nodes/YandexMarketChats/shared/senders';

const DEFAULT = ['CUSTOMER', 'MARKET', 'SUPPORT'];
const EVERYONE = ['CUSTOMER', 'MARKET', 'PARTNER', 'SUPPORT'];

describe('senderVerdict', () => {
	it.each([
		// isMessage, senders, sender, verdict
		[false, DEFAULT, undefined, 'start'],
		[false, ['CUSTOMER'], undefined, 'start'],
		[true, DEFAULT, 'CUSTOMER', 'start'],
		[true, DEFAULT, 'PARTNER', 'skip'],
		[true, ['CUSTOMER'], 'SUPPORT', 'skip'],
		[true, ['PARTNER'], 'PARTNER', 'start'],
		[true, DEFAULT, 'SOMEONE_NEW', 'skip'],
		[true, DEFAULT, undefined, 'wait'],
		[true, DEFAULT, '', 'wait'],
		[true, DEFAULT, 42, 'wait'],
		[true, ['CUSTOMER'], undefined, 'wait'],
		[true, [], undefined, 'wait'],
		[true, EVERYONE, undefined, 'start'],
		[true, [...EVERYONE].reverse(), null, 'start'],
	])('message=%s senders=%j sender=%j -> %s', (isMessage, senders, sender, verdict) => {
		expect(senderVerdict({ applies: isMessage, senders, author: sender })).toBe(verdict);
	});
});

describe('excludesAnySender', () => {
	it.each([
		[DEFAULT, true],
		[[], true],
		[EVERYONE, false],
		[[...EVERYONE, 'EXTRA'], false],
	])('%j -> %s', (senders, excludes) => {
		expect(excludesAnySender(senders)).toBe(excludes);
	});
});

describe('the same rule over review and question authors (known)', () => {
	const AUTHORS = ['USER', 'BUSINESS', 'VENDOR', 'BRAND'];
	it.each([
		[['USER', 'VENDOR', 'BRAND'], 'BUSINESS', 'skip'],
		[['USER', 'VENDOR', 'BRAND'], 'USER', 'start'],
		[['USER', 'VENDOR', 'BRAND'], undefined, 'wait'],
		// Every author allowed: an unknown one does not matter. (Judged against the message senders, it would wait.)
		[AUTHORS, undefined, 'start'],
	])('authors=%j author=%j -> %s', (senders, author, verdict) => {
		expect(senderVerdict({ applies: true, senders, author, known: AUTHORS })).toBe(verdict);
	});

	it('excludesAnySender judges against the known list', () => {
		expect(excludesAnySender(AUTHORS, AUTHORS)).toBe(false);
		expect(excludesAnySender(AUTHORS)).toBe(true);
	});
});
