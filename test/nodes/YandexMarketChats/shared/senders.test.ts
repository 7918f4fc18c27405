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
