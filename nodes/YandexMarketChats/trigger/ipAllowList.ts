/**
 * Source-address allow-list. Yandex signs nothing: its documented sender ranges are the only authenticity check
 * (REFERENCE §7.2). Addresses are compared as 32-bit (IPv4) or 128-bit (IPv6) integers; an IPv4-mapped IPv6 address
 * (`::ffff:5.45.207.1`, what Node reports on a dual-stack socket) counts as the IPv4 address.
 */

interface Address {
	family: 4 | 6;
	value: bigint;
}

export interface Cidr {
	family: 4 | 6;
	network: bigint;
	prefix: number;
	text: string;
}

function parseIPv4(text: string): bigint | undefined {
	const parts = text.split('.');
	if (parts.length !== 4) return undefined;
	let value = BigInt(0);
	for (const part of parts) {
		if (!/^\d{1,3}$/.test(part)) return undefined;
		const n = Number(part);
		if (n > 255) return undefined;
		value = (value << BigInt(8)) + BigInt(n);
	}
	return value;
}

function parseIPv6(text: string): bigint | undefined {
	let s = text;
	const zone = s.indexOf('%');
	if (zone >= 0) s = s.slice(0, zone);
	// A trailing dotted quad (::ffff:1.2.3.4) stands for the last two groups.
	const lastColon = s.lastIndexOf(':');
	if (s.includes('.', lastColon)) {
		const v4 = parseIPv4(s.slice(lastColon + 1));
		if (v4 === undefined) return undefined;
		const hi = (v4 >> BigInt(16)).toString(16);
		const lo = (v4 & BigInt(0xffff)).toString(16);
		s = `${s.slice(0, lastColon + 1)}${hi}:${lo}`;
	}
	const halves = s.split('::');
	if (halves.length > 2) return undefined;
	const toGroups = (h: string) => (h === '' ? [] : h.split(':'));
	const head = toGroups(halves[0]);
	const rest = halves.length === 2 ? toGroups(halves[1]) : [];
	const explicit = head.length + rest.length;
	if (halves.length === 1 ? explicit !== 8 : explicit > 7) return undefined;
	let value = BigInt(0);
	for (const g of [...head, ...Array<string>(8 - explicit).fill('0'), ...rest]) {
		if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined;
		value = (value << BigInt(16)) + BigInt(parseInt(g, 16));
	}
	return value;
}

const V4_MAPPED_PREFIX = BigInt('0xffff00000000');

export function parseAddress(text: string): Address | undefined {
	const s = text.trim();
	if (s.includes(':')) {
		const value = parseIPv6(s.replace(/^\[|\]$/g, ''));
		if (value === undefined) return undefined;
		if (value >> BigInt(32) === V4_MAPPED_PREFIX >> BigInt(32)) {
			return { family: 4, value: value & BigInt(0xffffffff) };
		}
		return { family: 6, value };
	}
	const value = parseIPv4(s);
	return value === undefined ? undefined : { family: 4, value };
}

/** Parses `a.b.c.d/n`, `x::y/n` or a bare address (a single-host range); undefined when invalid. */
export function parseCidr(text: string): Cidr | undefined {
	const [addressText, prefixText, extra] = text.trim().split('/');
	if (extra !== undefined) return undefined;
	const address = parseAddress(addressText);
	if (!address) return undefined;
	const bits = address.family === 4 ? 32 : 128;
	// `::ffff:1.2.3.0/120` is written in IPv6 terms but applies to the mapped IPv4 range.
	const mappedShift = address.family === 4 && addressText.includes(':') ? 96 : 0;
	let prefix = bits;
	if (prefixText !== undefined) {
		if (!/^\d{1,3}$/.test(prefixText)) return undefined;
		prefix = Number(prefixText) - mappedShift;
		if (prefix < 0 || prefix > bits) return undefined;
	}
	const mask = prefixMask(bits, prefix);
	return { family: address.family, network: address.value & mask, prefix, text: text.trim() };
}

function prefixMask(bits: number, prefix: number): bigint {
	const all = (BigInt(1) << BigInt(bits)) - BigInt(1);
	return prefix === 0 ? BigInt(0) : all ^ ((BigInt(1) << BigInt(bits - prefix)) - BigInt(1));
}

export function isAddressInCidr(address: string, cidr: Cidr): boolean {
	const a = parseAddress(address);
	if (!a || a.family !== cidr.family) return false;
	return (a.value & prefixMask(a.family === 4 ? 32 : 128, cidr.prefix)) === cidr.network;
}

/**
 * Splits a user list (commas, spaces or new lines) into ranges. Invalid entries are returned separately so the
 * caller can refuse to run with a half-understood allow-list.
 */
export function parseCidrList(text: string): { cidrs: Cidr[]; invalid: string[] } {
	const cidrs: Cidr[] = [];
	const invalid: string[] = [];
	for (const entry of text.split(/[\s,;]+/).filter((e) => e !== '')) {
		const cidr = parseCidr(entry);
		if (cidr) cidrs.push(cidr);
		else invalid.push(entry);
	}
	return { cidrs, invalid };
}

export function isAddressAllowed(address: string | undefined, cidrs: readonly Cidr[]): boolean {
	if (!address) return false;
	return cidrs.some((cidr) => isAddressInCidr(address, cidr));
}
