/**
 * The Yandex Market API part of the sandbox: routing (404/405), recording, auth, rate limits, faults, spec
 * validation, the handlers of the 9 operations, and Yandex's error bodies.
 */
import express from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { LIMITS } from '../nodes/YandexMarketChats/shared/contract';
import {
	isIdKey,
	normalizeIds,
	parseJsonKeepingBigInts,
	stringifyWithInt64,
} from '../nodes/YandexMarketChats/shared/int64';
import { authenticate, redactKey } from './auth';
import type { SandboxKey } from './seed';
import { defaultFaultBody } from './faults';
import { asId, decodePageToken, encodePageToken } from './json';
import type { QuotaDecision } from './limits';
import { rateLimitHeaders } from './limits';
import { chatCreated, chatMessageSent } from './notifier';
import type { SandboxState, RequestRecord } from './state';
import { MAX_RECORDED_REQUESTS } from './state';
import type { ChatFilter, StoredChat } from './store';
import type { Operation } from './validation';
import {
	checkApiResponse,
	requestValidator,
	specOperations,
	translateValidationErrors,
} from './validation';

interface ApiContext {
	op: Operation;
	record: RequestRecord;
	started: number;
	/** raw path parameter, before validation */
	pathBusinessId?: string;
	key?: SandboxKey;
	quota?: QuotaDecision;
	rawBody?: string;
}

type ApiRequest = Request & { rawBody?: Buffer };

/** What multer (inside the validator) leaves in req.files. */
interface UploadedFile {
	fieldname: string;
	originalname: string;
	mimetype: string;
	size: number;
	buffer: Buffer;
}

function ctxOf(res: Response): ApiContext {
	return res.locals.ym as ApiContext;
}

/** Yandex's error body; the chat methods use the untyped variant, where `code` is free text. */
function errorBody(code: string, message: string) {
	return { status: 'ERROR', errors: [{ code, message }] };
}

export function sendApi(state: SandboxState, res: Response, status: number, body: unknown): void {
	const text = stringifyWithInt64(body);
	const ctx = res.locals.ym as ApiContext | undefined;
	if (ctx && state.validateResponses) {
		const check = checkApiResponse(ctx.op.operationId, status, text);
		ctx.record.responseValid = check.valid;
		if (!check.valid) {
			ctx.record.responseErrors = check.errors;
			state.log(
				`[sandbox] response of ${ctx.op.operationId} (${status}) violates the spec: ${check.errors.join('; ')}`,
			);
		}
	}
	res.status(status);
	// Spring's spelling, as Yandex sends it.
	res.setHeader('Content-Type', 'application/json;charset=UTF-8');
	res.send(text);
}

function sendError(
	state: SandboxState,
	res: Response,
	status: number,
	code: string,
	message: string,
): void {
	sendApi(state, res, status, errorBody(code, message));
}

function queryParams(req: Request): URLSearchParams {
	const i = req.originalUrl.indexOf('?');
	return new URLSearchParams(i >= 0 ? req.originalUrl.slice(i + 1) : '');
}

function redactHeaders(headers: Request['headers']): RequestRecord['headers'] {
	const out: RequestRecord['headers'] = {};
	for (const [k, v] of Object.entries(headers))
		out[k] = k === 'api-key' ? redactKey(v as string) : v;
	return out;
}

/** Statuses Yandex does not count against the quota: server errors and its own 420 refusals. */
function consumesQuota(status: number | null): boolean {
	return status !== null && status < 500 && status !== 420;
}

export function createApi(state: SandboxState): RequestHandler[] {
	const operations = specOperations();
	const validator = requestValidator();

	const route: RequestHandler = (req, res, next) => {
		const path = req.path;
		const matching = operations.filter((o) => o.regex.test(path));
		const op = matching.find((o) => o.method === req.method);
		const record: RequestRecord = {
			id: state.nextRequestId++,
			at: new Date().toISOString(),
			method: req.method,
			path,
			query: Object.fromEntries(queryParams(req)),
			headers: redactHeaders(req.headers),
			operationId: op?.operationId ?? null,
			valid: true,
			status: null,
		};
		state.requests.push(record);
		if (state.requests.length > MAX_RECORDED_REQUESTS) state.requests.shift();
		const started = Date.now();
		let settled = false;
		const settle = (status: number | null) => {
			if (settled) return;
			settled = true;
			record.status = status;
			record.durationMs = Date.now() - started;
			state.log(
				`${req.method} ${req.originalUrl} -> ${status ?? 'connection reset'} ${record.durationMs}ms${op ? ` ${op.operationId}` : ''}`,
			);
		};
		res.on('finish', () => settle(res.statusCode));
		res.on('close', () => settle(res.writableFinished ? res.statusCode : null));
		if (!op) {
			record.valid = false;
			if (matching.length === 0) {
				res.status(404).setHeader('Content-Type', 'application/json;charset=UTF-8');
				res.send(JSON.stringify(errorBody('NOT_FOUND', 'Resource not found')));
			} else {
				res.status(405).setHeader('Allow', matching.map((o) => o.method).join(', '));
				res.setHeader('Content-Type', 'application/json;charset=UTF-8');
				res.send(
					JSON.stringify(
						errorBody('METHOD_NOT_ALLOWED', `Request method '${req.method}' not supported`),
					),
				);
			}
			return;
		}
		const m = op.regex.exec(path);
		const ctx: ApiContext = {
			op,
			record,
			started,
			pathBusinessId: op.template.includes('{businessId}') ? m?.[1] : undefined,
		};
		res.locals.ym = ctx;
		// The spec names the page token pageToken but Yandex still accepts the old page_token (x-aliases).
		const q = req.query as Record<string, unknown>;
		if (q.page_token !== undefined && q.pageToken === undefined) {
			q.pageToken = q.page_token;
		}
		delete q.page_token;
		next();
	};

	const jsonBody = express.json({
		limit: '512kb',
		type: (req) =>
			/^application\/([\w.+-]*\+)?json\b/i.test(String(req.headers['content-type'] ?? '')),
		verify: (req, _res, buf) => {
			(req as ApiRequest).rawBody = buf;
		},
	});

	const recordBody: RequestHandler = (req, res, next) => {
		const ctx = ctxOf(res);
		const raw = (req as ApiRequest).rawBody;
		if (raw && raw.length > 0) {
			ctx.rawBody = raw.toString('utf8');
			ctx.record.rawBody = ctx.rawBody.slice(0, 65536);
			try {
				ctx.record.body = normalizeIds(parseJsonKeepingBigInts(ctx.rawBody));
			} catch {
				ctx.record.body = undefined;
			}
		}
		next();
	};

	const guard: RequestHandler = (req, res, next) => {
		void guardAsync(req, res).then((proceed) => (proceed ? next() : undefined), next);
	};

	const guardAsync = async (req: Request, res: Response): Promise<boolean> => {
		const ctx = ctxOf(res);
		const { op } = ctx;
		const apiKey = req.get('Api-Key');
		const auth = authenticate(apiKey, op.operationId);
		const key = auth.key;
		if (!key) {
			res.set(rateLimitHeaders(state.limits.peek(op.operationId)));
			const failed = auth as { status: number; code: string; message: string };
			sendError(state, res, failed.status, failed.code, failed.message);
			return false;
		}
		ctx.key = key;
		// Limits count against the business in the URL, which must be the key's own; other URLs count against
		// the key's business.
		const businessId = key.businessId;
		if (!state.limits.acquireParallel(businessId)) {
			res.set(rateLimitHeaders(state.limits.peek(op.operationId)));
			sendError(
				state,
				res,
				420,
				'LIMIT_EXCEEDED',
				`Hit rate limit of ${state.limits.parallelLimit} parallel requests for businessId ${businessId}`,
			);
			return false;
		}
		let released = false;
		const release = () => {
			if (released) return;
			released = true;
			state.limits.releaseParallel(businessId);
		};
		res.on('close', release);
		res.on('finish', release);
		const quota = state.limits.take(businessId, op.operationId);
		ctx.quota = quota;
		res.set(rateLimitHeaders(quota));
		if (!quota.allowed) {
			sendError(
				state,
				res,
				420,
				'LIMIT_EXCEEDED',
				quotaMessage(quota.limit, op.template, businessId),
			);
			return false;
		}
		res.on('close', () => {
			if (!consumesQuota(ctx.record.status)) state.limits.refund(quota.counted);
		});
		if (state.limits.latencyMs > 0) {
			await new Promise((r) => setTimeout(r, state.limits.latencyMs));
			if (res.destroyed || req.socket.destroyed) return false;
		}
		if (!auth.ok) {
			sendError(state, res, auth.status, auth.code, auth.message);
			return false;
		}
		const pathBusiness = ctx.pathBusinessId !== undefined ? asId(ctx.pathBusinessId) : undefined;
		if (pathBusiness !== undefined && pathBusiness !== businessId) {
			sendError(state, res, 403, 'FORBIDDEN', 'Access denied');
			return false;
		}
		const faults = state.faults.take(op.operationId, req.path, op.template);
		if (faults.delayMs > 0) {
			await new Promise((r) => setTimeout(r, faults.delayMs));
			if (res.destroyed || req.socket.destroyed) return false;
		}
		const fault = faults.terminal;
		if (fault?.kind === 'hang') {
			// No answer and no timer: the request holds its slot until the client closes the connection.
			await new Promise<void>((resolve) => {
				if (req.socket.destroyed) resolve();
				else req.socket.once('close', () => resolve());
			});
			return false;
		}
		if (fault?.kind === 'reset') {
			req.socket.destroy();
			return false;
		}
		if (fault?.kind === 'status') {
			const status = fault.status as number;
			if (status === 420) res.set('X-RateLimit-Resource-Remaining', '0');
			// A quota used up for a while: Yandex names the end of the window (whole seconds, RFC 822).
			if (status === 420 && fault.until !== undefined)
				res.set(
					'X-RateLimit-Resource-Until',
					new Date(Math.ceil(fault.until / 1000) * 1000).toUTCString(),
				);
			const body =
				fault.body ?? defaultFaultBody(status, quotaMessage(quota.limit, op.template, businessId));
			sendApi(state, res, status, body);
			return false;
		}
		return true;
	};

	/** Yandex reports a missing body on the POST list methods instead of treating it as {}. */
	const requireBody: RequestHandler = (req, res, next) => {
		const ctx = ctxOf(res);
		if (
			ctx.op.operationId === 'sendFileToChat' ||
			ctx.op.operationId === 'getAuthTokenInfo' ||
			ctx.op.method !== 'POST'
		) {
			return next();
		}
		const hasBody =
			Number(req.headers['content-length'] ?? 0) > 0 ||
			req.headers['transfer-encoding'] !== undefined;
		if (!hasBody) {
			markInvalid(ctx, ['Required request body is missing']);
			return sendError(state, res, 400, 'BAD_REQUEST', 'Required request body is missing');
		}
		next();
	};

	const handle: RequestHandler = (req, res, next) => {
		try {
			const ctx = ctxOf(res);
			handlers[ctx.op.operationId as keyof typeof handlers](state, req, res, ctx);
		} catch (e) {
			next(e);
		}
	};

	/**
	 * JavaScript numbers cannot tell 9223372036854775808 from int64's maximum, so the validator lets IDs beyond
	 * int64 through; Yandex (Java) refuses them as a type mismatch.
	 */
	const int64Check: RequestHandler = (req, res, next) => {
		const ctx = ctxOf(res);
		const problems: string[] = [];
		const params = queryParams(req);
		for (const name of ['chatId', 'messageId']) {
			const v = params.get(name);
			if (v !== null && /^\d+$/.test(v) && BigInt(v) > INT64_MAX)
				problems.push(`Type mismatch: parameter '${name}' must be int64`);
		}
		if (
			ctx.pathBusinessId &&
			/^\d+$/.test(ctx.pathBusinessId) &&
			BigInt(ctx.pathBusinessId) > INT64_MAX
		) {
			problems.push("Type mismatch: parameter 'businessId' must be int64");
		}
		if (ctx.rawBody) {
			for (const [path, v] of idLeaves(bodyOf(ctx), '')) {
				if (typeof v === 'string' && /^\d+$/.test(v) && BigInt(v) > INT64_MAX)
					problems.push(`'${path}' must be int64`);
			}
		}
		if (problems.length === 0) return next();
		markInvalid(ctx, problems);
		sendApi(state, res, 400, {
			status: 'ERROR',
			errors: problems.map((message) => ({ code: 'BAD_REQUEST', message })),
		});
	};

	return [
		route,
		jsonBody,
		recordBody,
		guard,
		requireBody,
		...validator,
		int64Check,
		recordMultipart,
		handle,
	];
}

const INT64_MAX = 9223372036854775807n;

/** Every value in a body under an ID key (id, chatId, orderIds, ...), with its dotted path. */
function idLeaves(value: unknown, path: string): Array<[string, unknown]> {
	if (Array.isArray(value))
		return value.flatMap((v, i) => idLeaves(v, path ? `${path}.${i}` : String(i)));
	if (!value || typeof value !== 'object') return [];
	return Object.entries(value as Record<string, unknown>).flatMap(
		([k, v]): Array<[string, unknown]> => {
			const p = path ? `${path}.${k}` : k;
			if (isIdKey(k) && !Array.isArray(v)) return [[p, v]];
			if (isIdKey(k)) return (v as unknown[]).map((x, i): [string, unknown] => [`${p}.${i}`, x]);
			return idLeaves(v, p);
		},
	);
}

function markInvalid(ctx: ApiContext, errors: string[]): void {
	ctx.record.valid = false;
	ctx.record.validationErrors = errors;
}

function quotaMessage(limit: number, template: string, businessId: string): string {
	return `Hit rate limit of ${limit} requests per 'hour' for resource '${template}' for businessId ${businessId}`;
}

const recordMultipart: RequestHandler = (req, res, next) => {
	const ctx = ctxOf(res);
	const files = (req as Request & { files?: UploadedFile[] }).files;
	const f = files?.[0];
	if (f)
		ctx.record.multipart = {
			fieldName: f.fieldname,
			fileName: f.originalname,
			mimeType: f.mimetype,
			size: f.size,
		};
	next();
};

/** Maps body-parser, validator and multer errors to Yandex's answers. Must be registered after the API. */
export function apiErrorHandler(state: SandboxState) {
	return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
		const ctx = res.locals.ym as ApiContext | undefined;
		if (!ctx) return next(err);
		if (res.headersSent) return;
		const e = err as {
			status?: number;
			type?: string;
			message?: string;
			errors?: Array<{ path?: string; message?: string; errorCode?: string }>;
		};
		if (e.type === 'entity.too.large') {
			markInvalid(ctx, ['request body larger than 512 KB']);
			return sendError(
				state,
				res,
				400,
				'BAD_REQUEST',
				'The request is too big. The maximum request size is 512 KB',
			);
		}
		if (e.type === 'entity.parse.failed') {
			const message = `JSON parse error: ${e.message ?? ''}`;
			markInvalid(ctx, [message]);
			return sendError(state, res, 400, 'BAD_REQUEST', message);
		}
		if (e.status === 413) {
			const message = `File size must not exceed ${LIMITS.fileMaxBytes / 1024 / 1024} MB`;
			markInvalid(ctx, [e.message ?? message]);
			return sendError(state, res, 400, 'BAD_REQUEST', message);
		}
		if (
			typeof e.status === 'number' &&
			e.status >= 400 &&
			e.status < 500 &&
			Array.isArray(e.errors)
		) {
			const t = translateValidationErrors(e.status, e.errors, req.headers['content-type']);
			markInvalid(
				ctx,
				t.errors.map((x) => x.message),
			);
			res.status(t.status);
			return sendApi(state, res, t.status, { status: 'ERROR', errors: t.errors });
		}
		state.log(
			`[sandbox] internal error in ${ctx.op.operationId}: ${(err as Error)?.stack ?? String(err)}`,
		);
		sendError(state, res, 500, 'INTERNAL_ERROR', 'Internal server error');
	};
}

// ---------- handlers ----------

type Handler = (state: SandboxState, req: Request, res: Response, ctx: ApiContext) => void;

function bodyOf(ctx: ApiContext): Record<string, unknown> {
	if (!ctx.rawBody) return {};
	const parsed = normalizeIds(parseJsonKeepingBigInts(ctx.rawBody));
	return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}

function list<T>(v: unknown): T[] | undefined {
	return Array.isArray(v) ? (v as T[]) : undefined;
}

function findChatOr404(
	state: SandboxState,
	res: Response,
	ctx: ApiContext,
	req: Request,
): StoredChat | undefined {
	const chatId = queryParams(req).get('chatId') ?? '';
	const chat = state.store.getChat(ctx.key!.businessId, asId(chatId) ?? '');
	if (!chat) sendError(state, res, 404, 'NOT_FOUND', `Can't find chat by id: '${chatId}'`);
	return chat;
}

function pageOffset(
	state: SandboxState,
	res: Response,
	req: Request,
	kind: string,
): number | undefined {
	const token = (req.query as Record<string, unknown>).pageToken;
	if (token === undefined || token === '') return 0;
	const offset = decodePageToken(String(token), kind);
	if (offset === undefined) {
		markInvalid(ctxOf(res), [`pageToken '${String(token)}' was not issued for this listing`]);
		sendError(state, res, 400, 'BAD_REQUEST', 'Bad page token');
	}
	return offset;
}

function numberQuery(req: Request, name: string): number | undefined {
	const v = (req.query as Record<string, unknown>)[name];
	return v === undefined ? undefined : Number(v);
}

function paged<T>(
	items: T[],
	offset: number,
	limit: number,
	kind: string,
): { page: T[]; paging: Record<string, string> } {
	const page = items.slice(offset, offset + limit);
	const more = offset + limit < items.length;
	return { page, paging: more ? { nextPageToken: encodePageToken(kind, offset + limit) } : {} };
}

function notifyPartnerActivity(state: SandboxState, chat: StoredChat, messageId: string): void {
	const n = state.notifier;
	if (!n.autoEnabled || !n.config.notifyPartnerMessages) return;
	const msg = state.store.findMessage(chat.chatId, messageId);
	if (msg) n.sendInBackground(chatMessageSent(chat, msg));
}

const handlers: Record<string, Handler> = {
	getChats(state, req, res, ctx) {
		const offset = pageOffset(state, res, req, 'chats');
		if (offset === undefined) return;
		const body = bodyOf(ctx);
		const filter: ChatFilter = {
			contexts: list<{ type: string; id: string }>(body.contexts),
			orderIds: list<string>(body.orderIds),
			contextTypes: list<string>(body.contextTypes),
			types: list<string>(body.types),
			statuses: list<string>(body.statuses),
		};
		const chats = state.store.listChats(ctx.key!.businessId, filter);
		const { page, paging } = paged(chats, offset, numberQuery(req, 'limit') ?? 10, 'chats');
		sendApi(state, res, 200, {
			status: 'OK',
			result: {
				chats: page.map((c) => state.store.chatDto(c)),
				...(paging.nextPageToken ? { paging } : {}),
			},
		});
	},

	getChat(state, req, res, ctx) {
		const chat = findChatOr404(state, res, ctx, req);
		if (chat) sendApi(state, res, 200, { status: 'OK', result: state.store.chatDto(chat) });
	},

	getChatHistory(state, req, res, ctx) {
		const chat = findChatOr404(state, res, ctx, req);
		if (!chat) return;
		const offset = pageOffset(state, res, req, `history:${chat.chatId}`);
		if (offset === undefined) return;
		const from = asId(bodyOf(ctx).messageIdFrom);
		const messages = state.store
			.messagesOf(chat.chatId)
			.filter((m) => from === undefined || BigInt(m.messageId) >= BigInt(from));
		const { page, paging } = paged(
			messages,
			offset,
			numberQuery(req, 'limit') ?? 50,
			`history:${chat.chatId}`,
		);
		sendApi(state, res, 200, {
			status: 'OK',
			result: {
				...(chat.orderId ? { orderId: chat.orderId } : {}),
				context: state.store.chatContextDto(chat),
				messages: page.map((m) => state.store.messageDto(m, state.baseUrl)),
				...(paging.nextPageToken ? { paging } : {}),
			},
		});
	},

	getChatMessage(state, req, res, ctx) {
		const chat = findChatOr404(state, res, ctx, req);
		if (!chat) return;
		const messageId = queryParams(req).get('messageId') ?? '';
		const msg = state.store.findMessage(chat.chatId, asId(messageId) ?? '');
		if (!msg) {
			return sendError(
				state,
				res,
				404,
				'NOT_FOUND',
				`Can't find message by id: '${messageId}' for chat '${chat.chatId}'`,
			);
		}
		sendApi(state, res, 200, { status: 'OK', result: state.store.messageDto(msg, state.baseUrl) });
	},

	sendMessageToChat(state, req, res, ctx) {
		const chat = findChatOr404(state, res, ctx, req);
		if (!chat) return;
		const text = String(bodyOf(ctx).message);
		const msg = state.store.addMessage(chat.chatId, { sender: 'PARTNER', message: text });
		afterPartnerMessage(chat);
		sendApi(state, res, 200, { status: 'OK' });
		notifyPartnerActivity(state, chat, msg.messageId);
	},

	createChat(state, _req, res, ctx) {
		const body = bodyOf(ctx);
		const businessId = ctx.key!.businessId;
		const context = body.context as { type?: string; id?: string } | undefined;
		const type = context?.type ?? (body.orderId !== undefined ? 'ORDER' : undefined);
		const id = context ? asId(context.id) : asId(body.orderId);
		if (!type || !id) {
			markInvalid(ctx, ["either 'context' or 'orderId' is required"]);
			return sendError(state, res, 400, 'BAD_REQUEST', "'context' must not be null");
		}
		const opened = state.store.openContextChat(businessId, type as 'ORDER' | 'RETURN', id);
		if (!opened) {
			const what = type === 'ORDER' ? 'Order' : 'Return';
			return sendError(state, res, 404, 'NOT_FOUND', `${what} not found: '${id}'`);
		}
		const { chat, created } = opened;
		sendApi(state, res, 200, { status: 'OK', result: { chatId: chat.chatId } });
		// Yandex documents CHAT_CREATED for every chat, including the ones the seller opens.
		if (created && state.notifier.autoEnabled) state.notifier.sendInBackground(chatCreated(chat));
	},

	sendFileToChat(state, req, res, ctx) {
		const files = ((req as Request & { files?: UploadedFile[] }).files ?? []).filter(
			(f) => f.fieldname === 'file',
		);
		const file = files[0];
		if (!file) {
			markInvalid(ctx, ["multipart part 'file' is missing"]);
			return sendError(
				state,
				res,
				400,
				'BAD_REQUEST',
				"Required request part 'file' is not present",
			);
		}
		if (file.size > LIMITS.fileMaxBytes) {
			markInvalid(ctx, [`file of ${file.size} bytes is larger than 5 MB`]);
			return sendError(
				state,
				res,
				400,
				'BAD_REQUEST',
				`File size must not exceed ${LIMITS.fileMaxBytes / 1024 / 1024} MB`,
			);
		}
		const chat = findChatOr404(state, res, ctx, req);
		if (!chat) return;
		const stored = state.store.addFile(
			file.originalname || 'file',
			file.mimetype || 'application/octet-stream',
			file.buffer,
		);
		const msg = state.store.addMessage(chat.chatId, {
			sender: 'PARTNER',
			payload: [state.store.attach(stored)],
		});
		afterPartnerMessage(chat);
		sendApi(state, res, 200, { status: 'OK' });
		notifyPartnerActivity(state, chat, msg.messageId);
	},

	getCampaigns(state, req, res, ctx) {
		const offset = pageOffset(state, res, req, 'campaigns');
		if (offset === undefined) return;
		const campaigns = state.store.campaignsOf(ctx.key!.businessId);
		// getCampaigns has no default limit: without one, everything comes back on one page.
		const limit = numberQuery(req, 'limit') ?? LIMITS.campaignsPageMax;
		const { page, paging } = paged(campaigns, offset, limit, 'campaigns');
		// The one method here without the {status, result} wrapper.
		sendApi(state, res, 200, {
			campaigns: page.map((c) => state.store.campaignDto(c)),
			...(paging.nextPageToken ? { paging } : {}),
		});
	},

	getAuthTokenInfo(state, _req, res, ctx) {
		sendApi(state, res, 200, {
			status: 'OK',
			result: { apiKey: { name: ctx.key!.name, authScopes: [...ctx.key!.scopes] } },
		});
	},
};

/** A seller answer hands the turn to the buyer. */
function afterPartnerMessage(chat: StoredChat): void {
	if (chat.status === 'NEW' || chat.status === 'WAITING_FOR_PARTNER')
		chat.status = 'WAITING_FOR_CUSTOMER';
}
