/**
 * The control API under /_sandbox: test and demo hooks that play the buyer and Yandex's notifier, inject faults,
 * change limits and expose what the sandbox saw. Plain JSON, IDs as decimal strings, no auth, no rate limits.
 */
import express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';
import type { MessageSender } from '../nodes/YandexMarketChats/shared/contract';
import {
	CHAT_STATUSES,
	CHAT_TYPES,
	MESSAGE_SENDERS,
} from '../nodes/YandexMarketChats/shared/contract';
import type { ChatStatus, ChatType } from '../nodes/YandexMarketChats/shared/contract';
import type { FaultSpec } from './faults';
import { asId, yandexTime } from './json';
import type { LimitOptions } from './limits';
import type { DeliveryRecord, NotifyRequest } from './notifier';
import { buildNotification, chatCreated, chatMessageSent, NotifyError } from './notifier';
import { KEY_TABLE, SANDBOX_KEYS, SANDBOX_SEED } from './seed';
import type { SandboxState } from './state';
import type { StoredAttachment, StoredChat } from './store';

class ControlError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

type AsyncHandler = (req: Request, res: Response) => Promise<unknown> | unknown;

function wrap(fn: AsyncHandler) {
	return (req: Request, res: Response, next: NextFunction) => {
		Promise.resolve()
			.then(() => fn(req, res))
			.then((out) => {
				if (!res.headersSent) res.json(out ?? { ok: true });
			})
			.catch(next);
	};
}

export interface CustomerMessageInput {
	sender?: Exclude<MessageSender, 'PARTNER'>;
	text?: string;
	attachments?: Array<{ name: string; size?: number; mimeType?: string; content?: string }>;
}

export interface ChatStateInput {
	type?: ChatType;
	status?: ChatStatus;
	/** move updatedAt to now (default false: Yandex documents updatedAt as the time of the last message) */
	touch?: boolean;
}

export interface OpenChatInput {
	contextType: 'DIRECT' | 'ORDER' | 'RETURN';
	id?: string | number;
	businessId?: string | number;
	customer?: { name?: string; publicId?: string };
	/** optional first buyer message */
	text?: string;
}

export function createControlRouter(state: SandboxState): Router {
	const r = express.Router();
	r.use(express.json({ limit: '20mb' }));

	r.get(
		'/',
		wrap(() => ({
			url: state.baseUrl,
			keys: SANDBOX_KEYS,
			keyScopes: KEY_TABLE.map((k) => ({
				name: k.name,
				scopes: k.scopes,
				businessId: k.businessId,
				revoked: Boolean(k.revoked),
				last4: k.key.slice(-4),
			})),
			seed: SANDBOX_SEED,
			limits: state.limits.snapshot(),
			notifier: state.notifier.config,
		})),
	);

	r.post(
		'/reset',
		wrap(async () => {
			await state.notifier.idle();
			state.reseed();
			return { ok: true };
		}),
	);

	r.get(
		'/requests',
		wrap((req) => {
			const q = req.query as Record<string, string | undefined>;
			return state.requests.filter(
				(x) =>
					(!q.operationId || x.operationId === q.operationId) &&
					(!q.method || x.method === q.method.toUpperCase()) &&
					(!q.path || x.path === q.path),
			);
		}),
	);
	r.delete(
		'/requests',
		wrap(() => {
			state.requests.length = 0;
			return { ok: true };
		}),
	);

	r.get(
		'/faults',
		wrap(() => state.faults.list()),
	);
	r.post(
		'/faults',
		wrap((req) => {
			const specs = (Array.isArray(req.body) ? req.body : [req.body]) as FaultSpec[];
			try {
				return { faults: specs.map((s) => state.faults.add(s)) };
			} catch (e) {
				throw new ControlError(400, (e as Error).message);
			}
		}),
	);
	r.delete(
		'/faults',
		wrap(() => {
			state.faults.clear();
			return { ok: true };
		}),
	);

	r.get(
		'/limits',
		wrap(() => state.limits.snapshot()),
	);
	r.post(
		'/limits',
		wrap((req) => {
			try {
				state.limits.configure((req.body ?? {}) as LimitOptions);
			} catch (e) {
				throw new ControlError(400, (e as Error).message);
			}
			return state.limits.snapshot();
		}),
	);

	r.get(
		'/notifier',
		wrap(() => state.notifier.config),
	);
	r.put(
		'/notifier',
		wrap((req) => {
			const body = (req.body ?? {}) as {
				url?: string | null;
				alsoTo?: string[] | null;
				autoNotify?: boolean;
				notifyPartnerMessages?: boolean;
				retryDelayMs?: number;
				maxRetries?: number;
			};
			try {
				return state.notifier.configure(body);
			} catch (e) {
				throw new ControlError(400, (e as Error).message);
			}
		}),
	);

	r.post(
		'/notify',
		wrap(async (req) => {
			const body = (req.body ?? {}) as NotifyRequest;
			try {
				const n = buildNotification(state.store, body, SANDBOX_SEED.businessId);
				return {
					deliveries: await state.notifier.send(n, { url: body.url, duplicates: body.duplicates }),
				};
			} catch (e) {
				throw new ControlError(e instanceof NotifyError ? e.status : 400, (e as Error).message);
			}
		}),
	);

	r.get(
		'/notifications',
		wrap(() => state.notifier.log),
	);
	r.delete(
		'/notifications',
		wrap(() => {
			state.notifier.log = [];
			return { ok: true };
		}),
	);

	r.get(
		'/chats/:chatId',
		wrap((req) => {
			const chat = state.store.chats.get(String(req.params.chatId));
			if (!chat) throw new ControlError(404, `no chat ${req.params.chatId}`);
			return {
				...state.store.chatDto(chat),
				businessId: chat.businessId,
				messages: state.store
					.messagesOf(chat.chatId)
					.map((m) => state.store.messageDto(m, state.baseUrl)),
			};
		}),
	);

	r.post(
		'/chats/:chatId/messages',
		wrap(async (req) =>
			customerMessage(state, String(req.params.chatId), (req.body ?? {}) as CustomerMessageInput),
		),
	);

	r.post(
		'/chats',
		wrap(async (req) => openChat(state, (req.body ?? {}) as OpenChatInput)),
	);

	r.post(
		'/chats/:chatId/state',
		wrap((req) =>
			setChatState(state, String(req.params.chatId), (req.body ?? {}) as ChatStateInput),
		),
	);

	r.get(
		'/files/:id',
		wrap((req, res) => {
			const file = state.store.files.get(String(req.params.id));
			if (!file) throw new ControlError(404, `no file ${req.params.id}`);
			res.setHeader('Content-Type', file.mimeType);
			res.setHeader(
				'Content-Disposition',
				`attachment; filename="${file.name.replace(/["\\\r\n]/g, '_')}"`,
			);
			res.send(file.bytes);
		}),
	);

	r.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
		if (res.headersSent) return next(err);
		const status =
			err instanceof ControlError ? err.status : ((err as { status?: number }).status ?? 500);
		res.status(status).json({ error: (err as Error).message ?? String(err) });
	});
	return r;
}

async function customerMessage(
	state: SandboxState,
	chatIdRaw: string,
	input: CustomerMessageInput,
) {
	const chat = state.store.chats.get(asId(chatIdRaw) ?? '');
	if (!chat) throw new ControlError(404, `no chat ${chatIdRaw}`);
	const sender = input.sender ?? 'CUSTOMER';
	if (
		!(MESSAGE_SENDERS as readonly string[]).includes(sender) ||
		(sender as string) === 'PARTNER'
	) {
		throw new ControlError(
			400,
			'sender must be CUSTOMER, SUPPORT or MARKET (the seller writes through the API)',
		);
	}
	const attachments = input.attachments ?? [];
	if (!input.text && attachments.length === 0)
		throw new ControlError(400, 'give "text" and/or "attachments"');
	const payload: StoredAttachment[] = attachments.map((a) => {
		const bytes =
			a.content !== undefined
				? Buffer.from(a.content, 'utf8')
				: Buffer.alloc(Math.max(0, a.size ?? 1024), 0x61);
		return state.store.attach(
			state.store.addFile(a.name, a.mimeType ?? 'application/octet-stream', bytes),
		);
	});
	const msg = state.store.addMessage(chat.chatId, {
		sender,
		...(input.text ? { message: input.text } : {}),
		...(payload.length > 0 ? { payload } : {}),
	});
	// The buyer spoke last, so the seller owes an answer (the docs' WAITING_FOR_PARTNER recipe relies on it).
	if (sender === 'CUSTOMER' && chat.status !== 'WAITING_FOR_ARBITER')
		chat.status = 'WAITING_FOR_PARTNER';
	const deliveries: DeliveryRecord[] = state.notifier.autoEnabled
		? await state.notifier.send(chatMessageSent(chat, msg))
		: [];
	return {
		...state.store.messageDto(msg, state.baseUrl),
		chatId: chat.chatId,
		businessId: chat.businessId,
		deliveries,
	};
}

async function openChat(state: SandboxState, input: OpenChatInput) {
	const businessId = asId(input.businessId ?? SANDBOX_SEED.businessId);
	if (!businessId || !state.store.businesses.has(businessId))
		throw new ControlError(404, `no business ${input.businessId}`);
	const now = Date.now();
	let chat: StoredChat | undefined;
	let created = false;
	const customer = {
		name: input.customer?.name ?? 'New Buyer',
		publicId: input.customer?.publicId ?? `buyer-${now.toString(36)}`,
	};
	if (input.contextType === 'DIRECT') {
		chat = state.store.addChat({
			businessId,
			contextType: 'DIRECT',
			customer,
			type: 'CHAT',
			status: 'NEW',
			createdAt: now,
			updatedAt: now,
		});
		created = true;
	} else if (input.contextType === 'ORDER' || input.contextType === 'RETURN') {
		const id = asId(input.id);
		if (!id)
			throw new ControlError(
				400,
				`"id" (the ${input.contextType === 'ORDER' ? 'order' : 'return'} ID) is required`,
			);
		const opened = state.store.openContextChat(businessId, input.contextType, id);
		if (!opened) {
			throw new ControlError(
				404,
				`no ${input.contextType.toLowerCase()} ${id} in business ${businessId}`,
			);
		}
		({ chat, created } = opened);
	} else {
		throw new ControlError(400, 'contextType must be DIRECT, ORDER or RETURN');
	}
	const deliveries: DeliveryRecord[] = [];
	if (created && state.notifier.autoEnabled)
		deliveries.push(...(await state.notifier.send(chatCreated(chat))));
	let messageId: string | undefined;
	if (input.text) {
		const msg = state.store.addMessage(chat.chatId, { sender: 'CUSTOMER', message: input.text });
		messageId = msg.messageId;
		chat.status = 'WAITING_FOR_PARTNER';
		if (state.notifier.autoEnabled)
			deliveries.push(...(await state.notifier.send(chatMessageSent(chat, msg))));
	}
	return {
		chatId: chat.chatId,
		businessId,
		created,
		...(messageId ? { messageId } : {}),
		chat: state.store.chatDto(chat),
		createdAt: yandexTime(chat.createdAt),
		deliveries,
	};
}

/** Moves a chat to another type or status without a message or a notification (a dispute, a finished chat). */
function setChatState(state: SandboxState, chatIdRaw: string, input: ChatStateInput) {
	const chat = state.store.chats.get(asId(chatIdRaw) ?? '');
	if (!chat) throw new ControlError(404, `no chat ${chatIdRaw}`);
	if (input.type !== undefined && !(CHAT_TYPES as readonly string[]).includes(input.type))
		throw new ControlError(400, `type must be one of ${CHAT_TYPES.join(', ')}`);
	if (input.status !== undefined && !(CHAT_STATUSES as readonly string[]).includes(input.status))
		throw new ControlError(400, `status must be one of ${CHAT_STATUSES.join(', ')}`);
	if (input.type !== undefined) chat.type = input.type;
	if (input.status !== undefined) chat.status = input.status;
	if (input.touch === true) chat.updatedAt = Math.max(Date.now(), chat.updatedAt);
	return { ...state.store.chatDto(chat), businessId: chat.businessId };
}
