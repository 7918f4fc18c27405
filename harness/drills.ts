/**
 * Drill clients for the webhook trigger (test/e2e/webhook-drills.e2e.test.ts, bench/trigger.ts): a raw HTTP client
 * that can send any bytes with any headers and drop the connection after the body, a sender that retries like
 * Yandex, and a seeded corpus of hostile bodies of every class. Node built-ins are allowed here, not in test/.
 */
import * as http from 'http';
import * as zlib from 'zlib';
import { SANDBOX_SEED } from '../sandbox';

export interface RawRequest {
	body: Buffer | string;
	headers?: Record<string, string>;
	/** Destroy the connection this many ms after the body was written (the answer is lost). */
	dropAfterMs?: number;
	timeoutMs?: number;
	agent?: http.Agent;
}

export interface RawResponse {
	status?: number;
	body?: string;
	/** A network failure (refused, reset, timeout) or the deliberate drop. */
	error?: string;
	ms: number;
}

/** One POST with exactly these bytes; never throws. */
export function postRaw(url: string, request: RawRequest): Promise<RawResponse> {
	const target = new URL(url);
	const body = typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
	const started = Date.now();
	return new Promise((resolve) => {
		let done = false;
		const finish = (r: Omit<RawResponse, 'ms'>) => {
			if (done) return;
			done = true;
			resolve({ ...r, ms: Date.now() - started });
		};
		const req = http.request(
			{
				host: target.hostname,
				port: target.port,
				path: target.pathname + target.search,
				method: 'POST',
				agent: request.agent ?? false,
				headers: {
					'content-type': 'application/json',
					'content-length': String(body.length),
					...request.headers,
				},
				timeout: request.timeoutMs ?? 30_000,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					finish({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }),
				);
				res.on('error', (e) => finish({ status: res.statusCode, error: e.message }));
			},
		);
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', (e: NodeJS.ErrnoException) => finish({ error: e.code ?? e.message }));
		req.end(body, () => {
			if (request.dropAfterMs !== undefined) {
				const ms = request.dropAfterMs;
				setTimeout(() => {
					if (done) return;
					req.destroy();
					finish({ error: 'dropped' });
				}, ms);
			}
		});
	});
}

/**
 * Whether Yandex counts the answer as delivered: a 200 whose JSON body has `version`, `name` and `time` (the
 * sandbox's `ok` rule). A 200 with another body (n8n 2.8.4 serves its editor page for a webhook path in the moment
 * after a start, before the webhooks are registered) is a failed delivery that Yandex repeats.
 */
export function yandexAccepts(r: RawResponse): boolean {
	if (r.status !== 200) return false;
	try {
		const body = JSON.parse(r.body ?? '') as Record<string, unknown>;
		return ['version', 'name', 'time'].every((k) => typeof body[k] === 'string' && body[k] !== '');
	} catch {
		return false;
	}
}

export interface Delivery {
	attempts: RawResponse[];
	/** The attempt that got a 200, if any. */
	acknowledged: boolean;
}

/**
 * Delivers one notification the way Yandex does: until an answer is a 200, retry after `retryDelayMs` (Yandex
 * retries every minute in the first hour); a 400 is final (Yandex does not retry it).
 */
export async function deliverLikeYandex(
	url: string,
	request: RawRequest,
	options: { retries?: number; retryDelayMs?: number; dropFirstAfterMs?: number } = {},
): Promise<Delivery> {
	const attempts: RawResponse[] = [];
	const retries = options.retries ?? 20;
	for (let i = 0; i <= retries; i++) {
		const dropAfterMs = i === 0 ? options.dropFirstAfterMs : undefined;
		const r = await postRaw(url, { ...request, dropAfterMs });
		attempts.push(r);
		if (yandexAccepts(r)) return { attempts, acknowledged: true };
		// Only a 400 is final (WRONG_EVENT_FORMAT); anything else, a 404 while n8n activates the workflow after a
		// start included, is a failed delivery that Yandex repeats.
		if (r.status === 400) break;
		await new Promise((ok) => setTimeout(ok, options.retryDelayMs ?? 500));
	}
	return { attempts, acknowledged: false };
}

/** A small deterministic PRNG (mulberry32), so a failing fuzz run can be replayed from its seed. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A valid CHAT_MESSAGE_SENT with its own messageId (unique dedup key per `n`). */
export function validEventJson(n: number, extra: Record<string, unknown> = {}): string {
	const sentAt = new Date(Date.UTC(2025, 0, 1) + n * 1000).toISOString();
	const rest = Object.keys(extra).length > 0 ? `,${JSON.stringify(extra).slice(1, -1)}` : '';
	return `{"notificationType":"CHAT_MESSAGE_SENT","businessId":${SANDBOX_SEED.businessId},"chatId":${SANDBOX_SEED.bigChatId},"messageId":"${n}","sentAt":"${sentAt}"${rest}}`;
}

/** The dedup key the trigger gives validEventJson(n) (trigger items carry it as `dedupKey`). */
export function validEventKey(n: number): string {
	const sentAt = new Date(Date.UTC(2025, 0, 1) + n * 1000).toISOString();
	return `CHAT_MESSAGE_SENT|${SANDBOX_SEED.businessId}|${SANDBOX_SEED.bigChatId}|${n}|${sentAt}`;
}

export interface FuzzCase {
	klass: string;
	body: Buffer;
	headers: Record<string, string>;
	/** Set for the valid events mixed in: their messageId (see validEventKey). */
	valid?: number;
}

const CHAT = SANDBOX_SEED.bigChatId;
const BIZ = SANDBOX_SEED.businessId;
const event = (fields: string) =>
	`{"notificationType":"CHAT_CREATED","businessId":${BIZ},"chatId":${CHAT},${fields}}`;
const nested = (depth: number, open: string, close: string, inner = '1') =>
	open.repeat(depth) + inner + close.repeat(depth);

/** Hostile bodies by class; `pick` chooses among each class's variants. */
const CLASSES: Record<
	string,
	(pick: (n: number) => number, i: number) => FuzzCase['body'] | FuzzCase
> = {
	truncated: (pick) => {
		const full = validEventJson(900_000 + pick(1000));
		return Buffer.from(full.slice(0, 1 + pick(full.length - 2)));
	},
	wrongTypes: (pick) => {
		const variants = [
			'[]',
			'"CHAT_CREATED"',
			'42',
			'null',
			'true',
			'{"notificationType":5}',
			'{"notificationType":["CHAT_CREATED"]}',
			'{"notificationType":{"a":1}}',
			`{"notificationType":"CHAT_CREATED","businessId":true,"chatId":${CHAT},"createdAt":"2025-01-16T10:00:00Z"}`,
			`{"notificationType":"CHAT_CREATED","businessId":${BIZ},"chatId":null,"createdAt":"2025-01-16T10:00:00Z"}`,
			`{"notificationType":"CHAT_CREATED","businessId":${BIZ},"chatId":[1],"createdAt":"2025-01-16T10:00:00Z"}`,
			`{"notificationType":"CHAT_MESSAGE_SENT","businessId":${BIZ},"chatId":${CHAT},"messageId":{"x":1},"sentAt":"2025-01-16T10:00:00Z"}`,
			event('"createdAt":1737021600'),
			event('"createdAt":"yesterday"'),
			event('"createdAt":"2024-13-45T99:99:99Z"'),
			event('"createdAt":"2025-02-30T10:00:00Z"'),
			event('"createdAt":"2025-01-16T10:00:00+25:00"'),
			event('"createdAt":""'),
			'{"notificationType":"CHAT_CREATED"}',
			'{"notificationType":""}',
		];
		return Buffer.from(variants[pick(variants.length)]);
	},
	huge: (pick) => {
		const size = 300_000 + pick(1_500_000);
		return Buffer.from(event(`"createdAt":"2025-01-16T10:00:00Z","pad":"${'x'.repeat(size)}"`));
	},
	deep: (pick) => {
		const depth = 2_000 + pick(40_000);
		const variants = [
			nested(depth, '[', ']'),
			nested(depth, '{"a":', '}'),
			`{"notificationType":"CHAT_CREATED","businessId":${nested(depth, '[', ']')},"chatId":1,"createdAt":"2025-01-16T10:00:00Z"}`,
			`{"notificationType":${nested(depth, '{"x":', '}')}}`,
			`{"notificationType":"CHAT_CREATED","extra":${nested(depth, '[', ']')}}`,
		];
		return Buffer.from(variants[pick(variants.length)]);
	},
	proto: (pick) => {
		const variants = [
			`{"__proto__":{"notificationType":"CHAT_CREATED","businessId":${BIZ},"chatId":${CHAT},"createdAt":"2025-01-16T10:00:00Z"}}`,
			`{"notificationType":"CHAT_CREATED","__proto__":{"businessId":${BIZ},"chatId":${CHAT},"createdAt":"2025-01-16T10:00:00Z"}}`,
			`{"constructor":{"prototype":{"notificationType":"CHAT_CREATED"}},"businessId":${BIZ}}`,
			`{"notificationType":"CHAT_CREATED","businessId":{"__proto__":{"toString":1}},"chatId":${CHAT},"createdAt":"2025-01-16T10:00:00Z"}`,
			'{"__proto__":null}',
		];
		return Buffer.from(variants[pick(variants.length)]);
	},
	nulUtf8: (pick) => {
		const variants = [
			Buffer.concat([Buffer.from('{"notificationType":"CHAT_CREATED\u0000"'), Buffer.from('}')]),
			Buffer.from(
				`{"notificationType":"CHAT_CREATED","businessId":"${BIZ}\\u0000","chatId":${CHAT},"createdAt":"2025-01-16T10:00:00Z"}`,
			),
			Buffer.concat([
				Buffer.from(
					`{"notificationType":"CHAT_CREATED","businessId":${BIZ},"chatId":${CHAT},"createdAt":"2025-01-16T10:00:00Z","x":"`,
				),
				Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff, 0xfe]),
				Buffer.from('"}'),
			]),
			Buffer.concat([
				Buffer.from('{"notificationType":"'),
				Buffer.from([0xc0, 0xaf]),
				Buffer.from('"}'),
			]),
			Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
			Buffer.from(
				`{"notificationType":"CHAT_CREATED","businessId":"\\ud800","chatId":${CHAT},"createdAt":"2025-01-16T10:00:00Z"}`,
			),
			Buffer.from('\u0000\u0000\u0000'),
		];
		return variants[pick(variants.length)];
	},
	bigNumbers: (pick) => {
		const values = [
			'1e400',
			'-1e400',
			'99999999999999999999999',
			'9223372036854775808',
			'-1',
			'0',
			'1.5',
			'-0',
			`${'9'.repeat(5000)}`,
		];
		const v = values[pick(values.length)];
		return Buffer.from(
			pick(2) === 0
				? `{"notificationType":"CHAT_CREATED","businessId":${v},"chatId":${CHAT},"createdAt":"2025-01-16T10:00:00Z"}`
				: `{"notificationType":"CHAT_CREATED","businessId":${BIZ},"chatId":${v},"createdAt":"2025-01-16T10:00:00Z"}`,
		);
	},
	contentTypes: (pick) => {
		const variants: FuzzCase[] = [
			{
				klass: 'contentTypes',
				body: Buffer.from(`notificationType=CHAT_CREATED&businessId=${BIZ}&chatId=${CHAT}`),
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
			},
			{
				klass: 'contentTypes',
				body: Buffer.from(
					'--b\r\nContent-Disposition: form-data; name="notificationType"\r\n\r\nCHAT_CREATED\r\n--b--\r\n',
				),
				headers: { 'content-type': 'multipart/form-data; boundary=b' },
			},
			{
				klass: 'contentTypes',
				body: Buffer.from(
					'<notification><notificationType>CHAT_CREATED</notificationType></notification>',
				),
				headers: { 'content-type': 'application/xml' },
			},
			{
				klass: 'contentTypes',
				body: Buffer.from('{"notificationType":"CHAT_CREATED",'),
				headers: { 'content-type': 'text/plain' },
			},
			{
				klass: 'contentTypes',
				body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
				headers: { 'content-type': 'image/png' },
			},
			{
				klass: 'contentTypes',
				body: Buffer.from('{"notificationType":"CHAT_CREATED"'),
				headers: { 'content-type': 'application/json; charset=utf-16' },
			},
		];
		return variants[pick(variants.length)];
	},
	gzip: (pick) => {
		const variants: FuzzCase[] = [
			{
				klass: 'gzip',
				body: zlib.gzipSync('{"notificationType":"CHAT_CREATED",'),
				headers: { 'content-encoding': 'gzip' },
			},
			{
				klass: 'gzip',
				body: Buffer.from('this is not gzip at all'),
				headers: { 'content-encoding': 'gzip' },
			},
			{
				klass: 'gzip',
				body: zlib.gzipSync(validEventJson(1)).subarray(0, 20),
				headers: { 'content-encoding': 'gzip' },
			},
			{
				klass: 'gzip',
				body: Buffer.from('not deflate either'),
				headers: { 'content-encoding': 'deflate' },
			},
			{
				klass: 'gzip',
				body: zlib.deflateSync('[1,2,3]'),
				headers: { 'content-encoding': 'deflate' },
			},
		];
		return variants[pick(variants.length)];
	},
	empty: (pick) => Buffer.from(['', ' ', '\r\n\t', '{}', '\uFEFF'][pick(5)]),
};

/** A body over n8n's own limit (N8N_PAYLOAD_SIZE_MAX, 16 MB): n8n's reader refuses it; a few per run. */
export function overSizeCase(kind: 'plain' | 'gzipBomb'): FuzzCase {
	if (kind === 'gzipBomb') {
		// 20 MB of spaces inside a JSON string: ~20 KB on the wire, over the limit once decompressed.
		const json = `{"notificationType":"CHAT_CREATED","pad":"${' '.repeat(20 * 1024 * 1024)}"}`;
		return {
			klass: 'overSize',
			body: zlib.gzipSync(json),
			headers: { 'content-encoding': 'gzip' },
		};
	}
	return {
		klass: 'overSize',
		body: Buffer.from(
			event(`"createdAt":"2025-01-16T10:00:00Z","pad":"${'y'.repeat(17 * 1024 * 1024)}"`),
		),
		headers: {},
	};
}

/** Valid events in several forms Yandex (or a proxy in front of n8n) may produce: each must run exactly once. */
function validCase(n: number, pick: (k: number) => number): FuzzCase {
	const forms: Array<() => FuzzCase> = [
		() => ({ klass: 'valid', body: Buffer.from(validEventJson(n)), headers: {} }),
		() => ({
			klass: 'valid',
			body: Buffer.from(validEventJson(n)),
			headers: { 'content-type': 'text/plain' },
		}),
		() => ({
			klass: 'valid',
			body: zlib.gzipSync(validEventJson(n)),
			headers: { 'content-encoding': 'gzip' },
		}),
		() => ({ klass: 'valid', body: Buffer.from(`\uFEFF${validEventJson(n)}`), headers: {} }),
		() => ({
			klass: 'valid',
			body: Buffer.from(
				validEventJson(n).replace(
					/\}$/,
					`,"extra":${nested(5000, '{"a":', '}')},"__proto__":{"x":1}}`,
				),
			),
			headers: {},
		}),
	];
	return { ...forms[pick(forms.length)](), valid: n };
}

/**
 * `total` cases from `seed`: every class in turn (so each appears total/classes times), with a valid event after
 * every `validEvery` hostile ones. Valid events get messageIds from `firstValid` upwards.
 */
export function fuzzCorpus(
	seed: number,
	total: number,
	options: { validEvery?: number; firstValid?: number; overSize?: number } = {},
): FuzzCase[] {
	const random = prng(seed);
	const pick = (n: number) => Math.floor(random() * n);
	const names = Object.keys(CLASSES);
	const out: FuzzCase[] = [];
	let valid = options.firstValid ?? 1;
	let hostile = 0;
	const validEvery = options.validEvery ?? 9;
	const overSize = options.overSize ?? 2;
	for (let i = 0; out.length < total; i++) {
		if (i % (validEvery + 1) === validEvery) {
			out.push(validCase(valid++, pick));
			continue;
		}
		const klass = names[hostile++ % names.length];
		const made = CLASSES[klass](pick, i);
		out.push(Buffer.isBuffer(made) ? { klass, body: made, headers: {} } : made);
	}
	for (let k = 0; k < overSize; k++) {
		out.splice(1 + pick(out.length - 1), 0, overSizeCase(k % 2 === 0 ? 'gzipBomb' : 'plain'));
	}
	return out;
}
