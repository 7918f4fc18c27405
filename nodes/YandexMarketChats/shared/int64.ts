/**
 * Yandex IDs are int64, and JavaScript numbers are exact only up to 2^53: IDs travel as decimal strings inside the
 * nodes, are parsed without rounding, and go back on the wire as bare JSON integers. This module is also the one
 * rule for what a valid ID typed or mapped by a user looks like.
 */
import type { IDataObject } from 'n8n-workflow';

// `IdFrom$`: getChatHistory's messageIdFrom is an int64 too and must reach Yandex as a bare JSON integer.
const ID_KEY = /(^id$|Id$|Ids$|IdFrom$)/;

/**
 * Keys that end in "Id" but hold strings: the seller's SKU (ShopSku: `offerId`, the review filter `offerIds`) and
 * the advertiser context's `brandId`. An SKU such as "100256" is all digits and must still reach Yandex as a JSON
 * string, and come back as the same string.
 */
const STRING_ID_KEYS = new Set(['offerId', 'offerIds', 'brandId']);

/** True for keys that hold Yandex int64 identifiers (id, chatId, orderIds, messageIdFrom, ...). */
export function isIdKey(key: string): boolean {
	return ID_KEY.test(key) && !STRING_ID_KEYS.has(key);
}

/**
 * JSON.parse that keeps integers beyond Number.MAX_SAFE_INTEGER exact by turning them into strings.
 * Yandex IDs are int64; JSON.parse would silently round 9007199254740993 to ...992.
 */
export function parseJsonKeepingBigInts(text: string): unknown {
	let out = '';
	let i = 0;
	const n = text.length;
	while (i < n) {
		const c = text[i];
		if (c === '"') {
			let j = i + 1;
			while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
			out += text.slice(i, j + 1);
			i = j + 1;
		} else if (c === '-' || (c >= '0' && c <= '9')) {
			let j = i + 1;
			while (j < n && /[0-9eE.+-]/.test(text[j])) j++;
			const literal = text.slice(i, j);
			const isInteger = /^-?\d+$/.test(literal);
			out += isInteger && !Number.isSafeInteger(Number(literal)) ? `"${literal}"` : literal;
			i = j;
		} else {
			out += c;
			i++;
		}
	}
	return JSON.parse(out);
}

/** Returns a copy in which every ID field (see isIdKey) that holds a number is a decimal string. */
export function normalizeIds<T>(value: T): T {
	if (Array.isArray(value)) return value.map((v) => normalizeIds(v)) as unknown as T;
	if (value === null || typeof value !== 'object') return value;
	const result: IDataObject = {};
	for (const [key, v] of Object.entries(value as IDataObject)) {
		// Assigning `__proto__` would set the copy's prototype instead of a field.
		if (key === '__proto__') continue;
		if (isIdKey(key) && typeof v === 'number') result[key] = String(v);
		else if (isIdKey(key) && Array.isArray(v))
			result[key] = v.map((x) => (typeof x === 'number' ? String(x) : normalizeIds(x)));
		else result[key] = normalizeIds(v) as IDataObject[keyof IDataObject];
	}
	return result as T;
}

/**
 * JSON.stringify that writes ID fields holding decimal strings as bare JSON integers, so an ID above 2^53 reaches
 * Yandex exactly. Only digit strings under ID keys are touched.
 */
export function stringifyWithInt64(value: unknown): string {
	const marker = '\u0000int64:';
	const mark = (v: unknown) => (typeof v === 'string' && /^\d+$/.test(v) ? `${marker}${v}` : v);
	const json = JSON.stringify(value, (key, v: unknown) => {
		if (!isIdKey(key)) return v;
		return Array.isArray(v) ? v.map(mark) : mark(v);
	});
	return json.replace(/"\\u0000int64:(\d+)"/g, '$1');
}

const INT64_MAX = BigInt('9223372036854775807');

/** What the editor accepts in an ID field (the same rule as normalizeIdInput, minus the int64 range check). */
export const ID_INPUT_REGEX = '^\\s*[0-9]{1,19}\\s*$';

/** A decimal ID ≥ 1, as Yandex's int64 IDs are; returns the trimmed string or undefined when invalid. */
export function normalizeIdInput(value: unknown): string | undefined {
	const s =
		typeof value === 'number'
			? Number.isSafeInteger(value)
				? String(value)
				: ''
			: String(value ?? '');
	const trimmed = s.trim();
	if (!/^\d{1,19}$/.test(trimmed) || /^0+$/.test(trimmed)) return undefined;
	if (BigInt(trimmed) > INT64_MAX) return undefined;
	return trimmed.replace(/^0+/, '');
}

/** A short, safe rendering of a rejected value for an error message (never the whole of a huge or deep value). */
export function describeValue(value: unknown): string {
	if (value === undefined || value === null || value === '') return 'nothing';
	if (typeof value === 'string') {
		return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
	}
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return Array.isArray(value) ? 'a list' : 'an object';
}

/** The error text for an ID that fails normalizeIdInput, naming the field. */
export function invalidIdMessage(field: string, value: unknown): string {
	return `${field} must be a positive integer ID, got ${describeValue(value)}`;
}

/** Orders two decimal ID strings numerically without rounding (either may exceed 2^53). */
export function compareIds(a: string, b: string): number {
	const x = a.replace(/^0+(?=\d)/, '');
	const y = b.replace(/^0+(?=\d)/, '');
	if (x.length !== y.length) return x.length < y.length ? -1 : 1;
	return x < y ? -1 : x > y ? 1 : 0;
}
