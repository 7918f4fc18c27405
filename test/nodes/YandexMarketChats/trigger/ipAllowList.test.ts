import {
	isAddressAllowed,
	isAddressInCidr,
	parseAddress,
	parseCidr,
	parseCidrList,
} from '../../../../nodes/YandexMarketChats/trigger/ipAllowList';
import { YANDEX_NOTIFICATION_CIDRS } from '../../../../nodes/YandexMarketChats/shared/notifications';

const yandex = parseCidrList(YANDEX_NOTIFICATION_CIDRS.join(',')).cidrs;

describe('ipAllowList', () => {
	it('accepts the edges of every Yandex range and refuses the next address', () => {
		expect(yandex).toHaveLength(3);
		for (const [first, last, outside] of [
			['5.45.207.0', '5.45.207.127', '5.45.207.128'],
			['141.8.142.0', '141.8.142.127', '141.8.142.128'],
			['5.255.253.0', '5.255.253.127', '5.255.253.128'],
		]) {
			expect(isAddressAllowed(first, yandex)).toBe(true);
			expect(isAddressAllowed(last, yandex)).toBe(true);
			expect(isAddressAllowed(outside, yandex)).toBe(false);
		}
		expect(isAddressAllowed('127.0.0.1', yandex)).toBe(false);
	});

	it('treats IPv4-mapped IPv6 addresses (dual-stack sockets) as IPv4', () => {
		expect(isAddressAllowed('::ffff:5.45.207.10', yandex)).toBe(true);
		expect(isAddressAllowed('::FFFF:141.8.142.1', yandex)).toBe(true);
		expect(isAddressAllowed('::ffff:127.0.0.1', yandex)).toBe(false);
		expect(parseAddress('::ffff:7f00:1')).toEqual(parseAddress('127.0.0.1'));
	});

	it('matches IPv6 ranges and never mixes families', () => {
		const v6 = parseCidr('2a02:6b8::/32');
		expect(v6).toBeDefined();
		expect(isAddressInCidr('2a02:6b8:c00::1', v6!)).toBe(true);
		expect(isAddressInCidr('2a02:6b9::1', v6!)).toBe(false);
		expect(isAddressInCidr('5.45.207.1', v6!)).toBe(false);
		expect(isAddressAllowed('::1', parseCidrList('::1').cidrs)).toBe(true);
		expect(isAddressAllowed('::2', parseCidrList('::1/128').cidrs)).toBe(false);
		expect(isAddressAllowed('fe80::1%eth0', parseCidrList('fe80::/10').cidrs)).toBe(true);
	});

	it('reads bare addresses as single hosts and /0 as everything', () => {
		expect(isAddressAllowed('127.0.0.1', parseCidrList('127.0.0.1').cidrs)).toBe(true);
		expect(isAddressAllowed('127.0.0.2', parseCidrList('127.0.0.1').cidrs)).toBe(false);
		expect(isAddressAllowed('8.8.8.8', parseCidrList('0.0.0.0/0').cidrs)).toBe(true);
		expect(isAddressAllowed('127.0.0.1', parseCidrList('::ffff:127.0.0.0/104').cidrs)).toBe(true);
	});

	it('reports invalid entries separately', () => {
		const list = parseCidrList(
			' 10.0.0.0/8, 300.1.1.1 ;foo\n1.2.3.4/33 1.2.3.4/24/1 ::1 1:2:3:4:5:6:7:8:9',
		);
		expect(list.cidrs.map((c) => c.text)).toEqual(['10.0.0.0/8', '::1']);
		expect(list.invalid).toEqual([
			'300.1.1.1',
			'foo',
			'1.2.3.4/33',
			'1.2.3.4/24/1',
			'1:2:3:4:5:6:7:8:9',
		]);
	});

	it('refuses a missing or unparsable client address', () => {
		expect(isAddressAllowed(undefined, yandex)).toBe(false);
		expect(isAddressAllowed('', yandex)).toBe(false);
		expect(isAddressAllowed('not-an-ip', parseCidrList('0.0.0.0/0').cidrs)).toBe(false);
	});
});
