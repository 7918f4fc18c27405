import { stringifyWithInt64 } from '../nodes/YandexMarketChats/shared/int64';

/**
 * Small value helpers shared by the sandbox modules: Yandex-style timestamps, decimal-string ID arithmetic and
 * opaque page tokens.
 */

/** Yandex writes API timestamps in Moscow time with an explicit offset, e.g. 2017-11-21T00:00:00+03:00. */
export function yandexTime(date: Date | number = Date.now()): string {
	const ms = typeof date === 'number' ? date : date.getTime();
	const msk = new Date(ms + 3 * 3600_000).toISOString();
	return `${msk.slice(0, 19)}+03:00`;
}

/** Notifications carry nanosecond precision (2025-01-16T10:09:49.759084017Z); Date only has milliseconds. */
export function nanoTime(date: Date = new Date()): string {
	const base = date.toISOString().slice(0, 23);
	const extra = String(process.hrtime()[1] % 1_000_000).padStart(6, '0');
	return `${base}${extra}Z`;
}

/** IDs are decimal strings that may exceed 2^53, so ordering goes through BigInt. */
export function compareIds(a: string, b: string): number {
	const x = BigInt(a);
	const y = BigInt(b);
	return x < y ? -1 : x > y ? 1 : 0;
}

export function maxId(a: string, b: string): string {
	return compareIds(a, b) >= 0 ? a : b;
}

export function nextId(id: string): string {
	return (BigInt(id) + 1n).toString();
}

/** A decimal int64 >= 1 as a canonical string, or undefined. */
export function asId(value: unknown): string | undefined {
	if (typeof value === 'number')
		return Number.isSafeInteger(value) && value >= 1 ? String(value) : undefined;
	if (typeof value !== 'string' || !/^\d{1,19}$/.test(value)) return undefined;
	const n = BigInt(value);
	if (n < 1n || n > 9223372036854775807n) return undefined;
	return n.toString();
}

interface PageTokenData {
	/** which listing the token belongs to, so a chats token is refused by history */
	k: string;
	o: number;
}

/** Yandex page tokens are opaque strings; ours are base64url JSON so a token from another listing is rejected. */
export function encodePageToken(kind: string, offset: number): string {
	return Buffer.from(JSON.stringify({ k: kind, o: offset } satisfies PageTokenData)).toString(
		'base64url',
	);
}

export function decodePageToken(token: string, kind: string): number | undefined {
	try {
		const data = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as PageTokenData;
		if (data?.k !== kind || !Number.isInteger(data.o) || data.o < 0) return undefined;
		return data.o;
	} catch {
		return undefined;
	}
}

/** Keys that end in Id but hold strings (ShopSku offerId/offerIds, the UrbanAds brandId). */
const STRING_ID_KEYS: ReadonlySet<string> = new Set(['offerId', 'offerIds', 'brandId']);
const KEEP_STRING = '\u0001keep-string\u0001';

/**
 * The API's JSON writer: IDs as bare integers with exact digits (stringifyWithInt64), except under keys whose
 * values the spec types as strings, so a numeric SKU such as "100256" stays a JSON string.
 */
export function writeApiJson(value: unknown): string {
	const protect = (v: unknown): unknown => {
		if (Array.isArray(v)) return v.map(protect);
		if (!v || typeof v !== 'object') return v;
		const out: Record<string, unknown> = {};
		for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
			if (STRING_ID_KEYS.has(k) && typeof x === 'string') out[k] = `${KEEP_STRING}${x}`;
			else if (STRING_ID_KEYS.has(k) && Array.isArray(x))
				out[k] = x.map((y) => (typeof y === 'string' ? `${KEEP_STRING}${y}` : y));
			else out[k] = protect(x);
		}
		return out;
	};
	return stringifyWithInt64(protect(value)).replace(/"\\u0001keep-string\\u0001/g, '"');
}

export function isStringIdKey(key: string): boolean {
	return STRING_ID_KEYS.has(key);
}
