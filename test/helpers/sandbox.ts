/** Fetch helpers for the sandbox tests: every call is a real HTTP request to the in-process sandbox. */
import { SANDBOX_KEYS, startSandbox } from '../../sandbox';
import type { Sandbox } from '../../sandbox';

export interface ApiResponse {
	status: number;
	headers: Headers;
	text: string;
	/** parsed with plain JSON.parse: fine for everything except the digits of IDs above 2^53 */
	json: Record<string, unknown>;
}

export interface CallOptions {
	key?: string | null;
	query?: Record<string, string | number>;
	/** sent as JSON */
	body?: unknown;
	/** sent as is, with contentType */
	raw?: string | FormData;
	contentType?: string;
	headers?: Record<string, string>;
}

export function apiCaller(baseUrl: () => string) {
	return async function call(
		method: string,
		path: string,
		opts: CallOptions = {},
	): Promise<ApiResponse> {
		const url = new URL(`${baseUrl()}${path}`);
		for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, String(v));
		const headers: Record<string, string> = { ...(opts.headers ?? {}) };
		const key = opts.key === undefined ? SANDBOX_KEYS.communication : opts.key;
		if (key !== null) headers['Api-Key'] = key;
		let body: string | FormData | undefined;
		if (opts.raw !== undefined) {
			body = opts.raw;
			if (opts.contentType) headers['Content-Type'] = opts.contentType;
		} else if (opts.body !== undefined) {
			body = JSON.stringify(opts.body);
			headers['Content-Type'] = 'application/json';
		}
		const res = await fetch(url, { method, headers, body });
		const text = await res.text();
		let json: Record<string, unknown> = {};
		try {
			json = JSON.parse(text) as Record<string, unknown>;
		} catch {
			json = {};
		}
		return { status: res.status, headers: res.headers, text, json };
	};
}

export function firstErrorMessage(r: ApiResponse): string {
	const errors = r.json.errors as Array<{ code: string; message: string }> | undefined;
	return errors?.[0]?.message ?? '';
}

/**
 * One in-process sandbox per test file, reset before every test, and a check after every test that each answer the
 * sandbox gave (errors included) matched the official spec. The returned object stands for the running sandbox.
 */
export function useSpecCheckedSandbox(): Sandbox {
	let current: Sandbox | undefined;
	beforeAll(async () => {
		current = await startSandbox({ port: 0 });
	});
	afterAll(async () => {
		await current?.close();
	});
	beforeEach(async () => {
		await current?.control.reset();
	});
	afterEach(async () => {
		const bad = (await current!.control.requests()).filter((r) => r.responseValid === false);
		expect(
			bad.map((r) => ({ op: r.operationId, status: r.status, errors: r.responseErrors })),
		).toEqual([]);
	});
	return new Proxy({} as Sandbox, {
		get: (_target, prop) => {
			if (!current) throw new Error('the sandbox is not running (use it inside tests)');
			return current[prop as keyof Sandbox];
		},
	});
}
