/**
 * A small CRM stand-in: a REST API of "conversations", one record per marketplace chat, for n8n's HTTP Request
 * node. `PUT /api/conversations/{externalId}` creates or replaces the record (idempotent: the same body again
 * changes nothing, so a redelivered notification is harmless), `GET` reads one or all. The key goes in the
 * `X-Api-Key` header (n8n's Header Auth credential). Every call is recorded.
 *
 * Control API under /_crm: `GET /_crm/calls`, `DELETE /_crm/calls`, `GET /_crm/records`, `POST /_crm/reset`,
 * `POST /_crm/faults {status, times}` (the next calls fail with that status).
 */
import { isDeepStrictEqual } from 'node:util';
import type http from 'node:http';
import { HttpError, listenLoopback, parseBody, sendJson } from './http';

export const CRM_STANDIN = { apiKey: 'crm-standin-api-key-0001', header: 'X-Api-Key' };

export interface CrmRecord {
	externalId: string;
	version: number;
	createdAt: string;
	updatedAt: string;
	data: Record<string, unknown>;
}

export interface CrmCall {
	id: number;
	at: string;
	method: string;
	path: string;
	body?: unknown;
	status: number;
	/** created | updated | unchanged | rejected */
	outcome: string;
	error?: string;
}

export interface CrmStandin {
	url: string;
	apiKey: string;
	state: CrmState;
	close(): Promise<void>;
}

export class CrmState {
	records = new Map<string, CrmRecord>();
	calls: CrmCall[] = [];
	faults: Array<{ status: number; times: number }> = [];
	private nextId = 1;

	record(call: Omit<CrmCall, 'id' | 'at'>): void {
		this.calls.push({ id: this.nextId++, at: new Date().toISOString(), ...call });
	}

	reset(): void {
		this.records.clear();
		this.calls = [];
		this.faults = [];
	}
}

const DIGITS = /^[0-9]{1,19}$/;

/** The fields a conversation must have; a missing or wrong one is refused with a 400 naming it. */
function validate(externalId: string, body: Record<string, unknown>): string | undefined {
	const str = (k: string) => typeof body[k] === 'string' && (body[k] as string) !== '';
	if (!str('source')) return "'source' is required (a string)";
	if (!str('chatId') || !DIGITS.test(String(body.chatId)))
		return "'chatId' is required (a string of digits)";
	if (body.chatId !== externalId)
		return `'chatId' (${String(body.chatId)}) must equal the id in the URL (${externalId})`;
	if (!str('businessId') || !DIGITS.test(String(body.businessId)))
		return "'businessId' is required (a string of digits)";
	if (!str('status')) return "'status' is required";
	if (!str('contextType')) return "'contextType' is required";
	for (const k of ['orderId', 'returnId']) {
		if (body[k] !== undefined && body[k] !== null && !DIGITS.test(String(body[k])))
			return `'${k}' must be a string of digits`;
	}
	const customer = body.customer;
	if (customer === null || typeof customer !== 'object' || Array.isArray(customer))
		return "'customer' is required (an object with name and publicId)";
	if (body.cabinetUrl !== undefined && !/^https:\/\//.test(String(body.cabinetUrl)))
		return "'cabinetUrl' must be an https URL";
	const last = body.lastMessage;
	if (last !== undefined && last !== null) {
		if (typeof last !== 'object' || Array.isArray(last)) return "'lastMessage' must be an object";
		const m = last as Record<string, unknown>;
		if (typeof m.sender !== 'string') return "'lastMessage.sender' is required";
		if (typeof m.at !== 'string' || Number.isNaN(Date.parse(m.at)))
			return "'lastMessage.at' must be a date-time";
	}
	return undefined;
}

async function handle(
	state: CrmState,
	apiKey: string,
	req: http.IncomingMessage,
	res: http.ServerResponse,
	log: (line: string) => void,
): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const method = req.method ?? 'GET';
	const path = url.pathname.replace(/\/+$/, '');

	if (path.startsWith('/_crm')) {
		if (method === 'GET' && path === '/_crm/calls') return sendJson(res, 200, state.calls);
		if (method === 'DELETE' && path === '/_crm/calls') {
			state.calls = [];
			return sendJson(res, 200, { ok: true });
		}
		if (method === 'GET' && path === '/_crm/records')
			return sendJson(res, 200, [...state.records.values()]);
		if (method === 'POST' && path === '/_crm/reset') {
			state.reset();
			return sendJson(res, 200, { ok: true });
		}
		if (method === 'POST' && path === '/_crm/faults') {
			const f = (await parseBody(req)).fields as { status?: number; times?: number };
			if (!f.status) throw new HttpError(400, 'a fault needs a status');
			state.faults.push({ status: f.status, times: f.times ?? 1 });
			return sendJson(res, 200, state.faults);
		}
		throw new HttpError(404, `unknown control route ${method} ${path}`);
	}

	const one = /^\/api\/conversations\/([^/]+)$/.exec(path);
	const list = path === '/api/conversations';
	if (!one && !list) return sendJson(res, 404, { error: 'Not found' });
	const parsed = method === 'PUT' ? (await parseBody(req)).fields : undefined;
	const call = (status: number, outcome: string, error?: string) =>
		state.record({ method, path, body: parsed, status, outcome, ...(error ? { error } : {}) });

	if (req.headers[CRM_STANDIN.header.toLowerCase()] !== apiKey) {
		call(401, 'rejected', 'missing or wrong API key');
		return sendJson(res, 401, { error: `Missing or wrong ${CRM_STANDIN.header}` });
	}
	const fault = state.faults[0];
	if (fault) {
		fault.times -= 1;
		if (fault.times <= 0) state.faults.shift();
		call(fault.status, 'rejected', 'injected fault');
		return sendJson(res, fault.status, { error: 'Service temporarily unavailable' });
	}
	if (list && method === 'GET') {
		call(200, 'read');
		return sendJson(res, 200, { data: [...state.records.values()] });
	}
	const externalId = decodeURIComponent(one?.[1] ?? '');
	if (one && method === 'GET') {
		const record = state.records.get(externalId);
		call(record ? 200 : 404, 'read');
		return record ? sendJson(res, 200, record) : sendJson(res, 404, { error: 'Not found' });
	}
	if (one && method === 'PUT') {
		const body = parsed ?? {};
		const problem = validate(externalId, body);
		if (problem) {
			call(400, 'rejected', problem);
			log(`PUT ${path} -> 400 ${problem}`);
			return sendJson(res, 400, { error: problem });
		}
		const now = new Date().toISOString();
		const existing = state.records.get(externalId);
		if (existing && isDeepStrictEqual(existing.data, body)) {
			call(200, 'unchanged');
			return sendJson(res, 200, { ...existing, changed: false });
		}
		const record: CrmRecord = existing
			? { ...existing, version: existing.version + 1, updatedAt: now, data: body }
			: { externalId, version: 1, createdAt: now, updatedAt: now, data: body };
		state.records.set(externalId, record);
		call(existing ? 200 : 201, existing ? 'updated' : 'created');
		log(`PUT ${path} -> ${existing ? 'updated' : 'created'} v${record.version}`);
		return sendJson(res, existing ? 200 : 201, { ...record, changed: true });
	}
	call(405, 'rejected', `method ${method} not allowed`);
	return sendJson(res, 405, { error: `Method ${method} not allowed` });
}

export async function startCrmStandin(
	options: { port?: number; apiKey?: string; log?: (line: string) => void } = {},
): Promise<CrmStandin> {
	const state = new CrmState();
	const apiKey = options.apiKey ?? CRM_STANDIN.apiKey;
	const log = options.log ?? (() => undefined);
	const server = await listenLoopback((req, res) => {
		handle(state, apiKey, req, res, log).catch((error: Error) => {
			if (res.headersSent) {
				res.end();
				return;
			}
			sendJson(res, error instanceof HttpError ? error.status : 500, { error: error.message });
		});
	}, options.port ?? 0);
	return { url: server.url, apiKey, state, close: () => server.close() };
}
