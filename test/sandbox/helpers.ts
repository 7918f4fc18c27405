/** Fetch helpers for the sandbox tests: every call is a real HTTP request to the in-process sandbox. */
import { SANDBOX_KEYS } from '../../sandbox';

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
	return async function call(method: string, path: string, opts: CallOptions = {}): Promise<ApiResponse> {
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
