/**
 * Small HTTP helpers shared by the stand-ins: a loopback server with clean shutdown, body reading (JSON, form,
 * multipart) without extra dependencies, and a fetch-based JSON client for their control APIs.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface LoopbackServer {
	url: string;
	port: number;
	close(): Promise<void>;
}

/** Listens on 127.0.0.1 only (port 0 = a free one) and destroys open sockets on close. */
export async function listenLoopback(
	handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
	port = 0,
): Promise<LoopbackServer> {
	const server = http.createServer(handler);
	const sockets = new Set<Socket>();
	server.on('connection', (s: Socket) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	const actual = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${actual}`,
		port: actual,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				for (const s of sockets) s.destroy();
			}),
	};
}

export async function readBody(req: http.IncomingMessage, maxBytes = 60 * 1024 * 1024) {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
		size += buf.length;
		if (size > maxBytes) throw new HttpError(413, `request body over ${maxBytes} bytes`);
		chunks.push(buf);
	}
	return Buffer.concat(chunks);
}

export class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

export interface UploadedPart {
	field: string;
	fileName?: string;
	mimeType?: string;
	data: Buffer;
}

export interface ParsedBody {
	/** Scalar fields: JSON values as sent, form and multipart fields as strings. */
	fields: Record<string, unknown>;
	files: UploadedPart[];
	contentType: string;
	/** 'json' | 'form' | 'multipart' | 'none' */
	kind: string;
}

/** Reads a request body the way HTTP APIs such as Telegram's accept it: JSON, urlencoded or multipart. */
export async function parseBody(req: http.IncomingMessage): Promise<ParsedBody> {
	const contentType = String(req.headers['content-type'] ?? '');
	const raw = await readBody(req);
	if (raw.length === 0) return { fields: {}, files: [], contentType, kind: 'none' };
	if (/^application\/json/i.test(contentType)) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(raw.toString('utf8'));
		} catch {
			throw new HttpError(400, 'the body is not valid JSON');
		}
		if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
			throw new HttpError(400, 'the JSON body must be an object');
		return { fields: parsed as Record<string, unknown>, files: [], contentType, kind: 'json' };
	}
	if (/^application\/x-www-form-urlencoded/i.test(contentType)) {
		const fields: Record<string, unknown> = {};
		for (const [k, v] of new URLSearchParams(raw.toString('utf8'))) fields[k] = v;
		return { fields, files: [], contentType, kind: 'form' };
	}
	const boundary = /^multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	if (boundary) {
		const parts = parseMultipart(raw, boundary[1] ?? boundary[2].trim());
		const fields: Record<string, unknown> = {};
		const files: UploadedPart[] = [];
		for (const part of parts) {
			if (part.fileName !== undefined) files.push(part);
			else fields[part.field] = part.data.toString('utf8');
		}
		return { fields, files, contentType, kind: 'multipart' };
	}
	throw new HttpError(415, `unsupported content type '${contentType}'`);
}

/** RFC 7578 multipart/form-data, enough for what HTTP clients (form-data, undici, curl) send. */
export function parseMultipart(body: Buffer, boundary: string): UploadedPart[] {
	const delimiter = Buffer.from(`--${boundary}`);
	const parts: UploadedPart[] = [];
	let start = body.indexOf(delimiter);
	if (start < 0) throw new HttpError(400, 'multipart body without its boundary');
	for (;;) {
		start += delimiter.length;
		if (body.slice(start, start + 2).toString() === '--') break;
		if (body.slice(start, start + 2).toString() === '\r\n') start += 2;
		const next = body.indexOf(delimiter, start);
		if (next < 0) throw new HttpError(400, 'multipart body is not terminated');
		const chunk = body.slice(start, next - 2); // the CRLF before the next delimiter belongs to it
		const headerEnd = chunk.indexOf('\r\n\r\n');
		if (headerEnd < 0) throw new HttpError(400, 'multipart part without headers');
		const headers = chunk.slice(0, headerEnd).toString('utf8');
		const data = chunk.slice(headerEnd + 4);
		const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
		const field = /\bname="([^"]*)"/i.exec(disposition)?.[1];
		if (field === undefined) throw new HttpError(400, 'multipart part without a name');
		const star = /filename\*=UTF-8''([^;\r\n]+)/i.exec(disposition)?.[1];
		const plain = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
		const mimeType = /content-type:\s*([^\r\n;]+)/i.exec(headers)?.[1]?.trim();
		parts.push({
			field,
			fileName: star !== undefined ? decodeURIComponent(star) : plain,
			mimeType,
			data,
		});
		start = next;
	}
	return parts;
}

export function sendJson(
	res: http.ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json',
		'Content-Length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

/** JSON over global fetch, for the typed control clients (usable from tests, which may not import node built-ins). */
export async function jsonCall<T>(
	base: string,
	method: string,
	path: string,
	body?: unknown,
	what = 'stand-in',
): Promise<T> {
	const res = await fetch(`${base}${path}`, {
		method,
		headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	if (!res.ok)
		throw new Error(`${what} ${method} ${path} -> ${res.status}: ${text.slice(0, 1000)}`);
	return (text ? JSON.parse(text) : undefined) as T;
}

/** `?a=1&b=2` from the defined entries. */
export function queryString(q: Record<string, string | number | undefined> = {}): string {
	const p = new URLSearchParams();
	for (const [k, v] of Object.entries(q)) if (v !== undefined) p.set(k, String(v));
	const s = p.toString();
	return s ? `?${s}` : '';
}

/** Last four characters only: stand-in logs must not show secrets either. */
export function redact(secret: string): string {
	return `****${secret.slice(-4)}`;
}
