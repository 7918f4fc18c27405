/**
 * Plays Yandex's notification sender: builds the notification bodies, POSTs them from 127.0.0.1 and judges each
 * answer the way Yandex does (HTTP 200, application/json, a body with version/name/time, within the deadline).
 */
import http from 'node:http';
import { isIdKey } from '../nodes/YandexMarketChats/shared/int64';
import { NOTIFICATION_TIMEOUTS_MS } from '../nodes/YandexMarketChats/shared/notifications';
import { nanoTime, yandexTime } from './json';
import type { Store, StoredChat, StoredMessage } from './store';
import { checkNotificationSchema } from './validation';

export interface NotifierConfig {
	url?: string;
	/**
	 * Sandbox only: copies of every notification also go to these URLs. Yandex has one URL per cabinet; the local
	 * playground uses this to run several example workflows side by side.
	 */
	alsoTo: string[];
	autoNotify: boolean;
	notifyPartnerMessages: boolean;
	/**
	 * Deliver again like Yandex: a failed delivery (anything but a 200 Yandex accepts; a 400 is final) is repeated
	 * after this many ms, up to `maxRetries` times. Yandex repeats every minute in the first hour; a drill compresses
	 * that to seconds. 0: off (the default), each delivery is tried once.
	 */
	retryDelayMs: number;
	maxRetries: number;
}

export interface DeliveryRecord {
	id: number;
	at: string;
	url: string;
	type: string;
	requestBody: string;
	requestContentType: string;
	status: number | null;
	contentType: string | null;
	responseBody: string | null;
	latencyMs: number;
	/** true when Yandex would accept the answer */
	ok: boolean;
	/** Yandex's error taxonomy: CANT_GET_RESPONSE/... or INVALID_RESPONSE/... with details */
	problems: string[];
	/** For a repeated delivery: the ID of the first one and which repeat this is (1, 2, ...). */
	retryOf?: number;
	attempt?: number;
}

export interface OutgoingNotification {
	type: string;
	bodyText: string;
	contentType?: string;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost']);

export class Notifier {
	config: NotifierConfig;
	log: DeliveryRecord[] = [];
	private nextId = 1;
	/** Background deliveries (auto notifications) so close() and tests can wait for them. */
	private pending = new Set<Promise<unknown>>();
	/** Repeats of failed deliveries that are waiting for their time. */
	private retries = new Set<NodeJS.Timeout>();

	constructor(private readonly defaults: Partial<NotifierConfig> = {}) {
		this.config = this.initial();
	}

	private initial(): NotifierConfig {
		return {
			url: this.defaults.url,
			alsoTo: [...(this.defaults.alsoTo ?? [])],
			autoNotify: this.defaults.autoNotify ?? true,
			notifyPartnerMessages: this.defaults.notifyPartnerMessages ?? true,
			retryDelayMs: this.defaults.retryDelayMs ?? 0,
			maxRetries: this.defaults.maxRetries ?? 20,
		};
	}

	reset(): void {
		this.stopRetries();
		this.config = this.initial();
		this.log = [];
	}

	/** Drops the repeats still waiting (reset, close). */
	stopRetries(): void {
		for (const timer of this.retries) clearTimeout(timer);
		this.retries.clear();
	}

	configure(patch: {
		url?: string | null;
		alsoTo?: string[] | null;
		autoNotify?: boolean;
		notifyPartnerMessages?: boolean;
		retryDelayMs?: number;
		maxRetries?: number;
	}): NotifierConfig {
		for (const key of ['retryDelayMs', 'maxRetries'] as const) {
			const v = patch[key];
			if (v !== undefined && !(Number.isInteger(v) && v >= 0))
				throw new Error(`${key} must be a whole number >= 0`);
		}
		if (patch.retryDelayMs !== undefined) {
			this.config.retryDelayMs = patch.retryDelayMs;
			if (patch.retryDelayMs === 0) this.stopRetries();
		}
		if (patch.maxRetries !== undefined) this.config.maxRetries = patch.maxRetries;
		if (patch.url !== undefined) this.config.url = patch.url ?? undefined;
		if (patch.alsoTo !== undefined) this.config.alsoTo = [...(patch.alsoTo ?? [])];
		if (patch.autoNotify !== undefined) this.config.autoNotify = patch.autoNotify;
		if (patch.notifyPartnerMessages !== undefined)
			this.config.notifyPartnerMessages = patch.notifyPartnerMessages;
		return { ...this.config, alsoTo: [...this.config.alsoTo] };
	}

	get autoEnabled(): boolean {
		return Boolean(this.config.url) && this.config.autoNotify;
	}

	/** Sends one notification plus `duplicates` identical copies (Yandex may deliver an event several times). */
	async send(
		n: OutgoingNotification,
		opts: { url?: string; duplicates?: number } = {},
	): Promise<DeliveryRecord[]> {
		const url = opts.url ?? this.config.url;
		if (!url) throw new Error('no notifier URL: set one with PUT /_sandbox/notifier or pass "url"');
		const urls = opts.url ? [opts.url] : [url, ...this.config.alsoTo];
		const results: DeliveryRecord[] = [];
		for (const target of urls)
			for (let i = 0; i <= (opts.duplicates ?? 0); i++) {
				const record = await this.deliver(target, n);
				this.retryIfFailed(record, target, n, 1);
				results.push(record);
			}
		return results;
	}

	/** Yandex repeats every failed delivery except a 400 ("Market sent an incorrect notification"). */
	private retryIfFailed(
		record: DeliveryRecord,
		url: string,
		n: OutgoingNotification,
		attempt: number,
	): void {
		const { retryDelayMs, maxRetries } = this.config;
		if (record.ok || record.status === 400 || retryDelayMs === 0 || attempt > maxRetries) return;
		const first = record.retryOf ?? record.id;
		const timer = setTimeout(() => {
			this.retries.delete(timer);
			const p = this.deliver(url, n).then((again) => {
				again.retryOf = first;
				again.attempt = attempt;
				this.retryIfFailed(again, url, n, attempt + 1);
			});
			this.pending.add(p);
			void p.finally(() => this.pending.delete(p));
		}, retryDelayMs);
		this.retries.add(timer);
	}

	/** Fire-and-forget delivery for events caused by API calls: the API answer must not wait for the receiver. */
	sendInBackground(n: OutgoingNotification): void {
		if (!this.config.url) return;
		const p = this.send(n).catch(() => undefined);
		this.pending.add(p);
		void p.finally(() => this.pending.delete(p));
	}

	async idle(): Promise<void> {
		while (this.pending.size > 0) await Promise.all([...this.pending]);
	}

	private async deliver(url: string, n: OutgoingNotification): Promise<DeliveryRecord> {
		const deadline =
			n.type === 'PING' ? NOTIFICATION_TIMEOUTS_MS.PING : NOTIFICATION_TIMEOUTS_MS.other;
		const contentType = n.contentType ?? 'application/json';
		const record: DeliveryRecord = {
			id: this.nextId++,
			at: new Date().toISOString(),
			url,
			type: n.type,
			requestBody: n.bodyText,
			requestContentType: contentType,
			status: null,
			contentType: null,
			responseBody: null,
			latencyMs: 0,
			ok: false,
			problems: [],
		};
		this.log.push(record);
		const started = process.hrtime.bigint();
		const answer = await post(url, n.bodyText, contentType, deadline);
		record.latencyMs = Number((process.hrtime.bigint() - started) / 1000n) / 1000;
		if ('problem' in answer) {
			record.problems.push(answer.problem);
			return record;
		}
		record.status = answer.status;
		record.contentType = answer.contentType;
		record.responseBody = answer.body;
		record.problems.push(...judgeAnswer(answer.status, answer.contentType, answer.body));
		record.ok = record.problems.length === 0;
		return record;
	}
}

/** Yandex accepts only a 200 with a JSON body holding version, name and time. */
export function judgeAnswer(status: number, contentType: string | null, body: string): string[] {
	if (status !== 200) return [`CANT_GET_RESPONSE/HTTP: status ${status}`];
	const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
	if (mediaType !== 'application/json') {
		return [`CANT_GET_RESPONSE/UNSUPPORTED_MEDIA_TYPE: content type '${contentType ?? ''}'`];
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch (e) {
		return [`INVALID_RESPONSE/CANT_PARSE_RESPONSE: ${(e as Error).message}`];
	}
	const check = checkNotificationSchema('SuccessResponse', parsed);
	return check.valid ? [] : check.errors.map((e) => `INVALID_RESPONSE/INVALID_DATA: ${e}`);
}

type PostResult =
	| { status: number; contentType: string | null; body: string }
	| { problem: string };

function post(
	url: string,
	body: string,
	contentType: string,
	deadlineMs: number,
): Promise<PostResult> {
	let target: URL;
	try {
		target = new URL(url);
	} catch {
		return Promise.resolve({
			problem: `CANT_GET_RESPONSE/CONNECTION_REFUSED: invalid URL '${url}'`,
		});
	}
	// The sandbox never talks to anything off this machine; 'localhost' is pinned to IPv4 so the source
	// address can be 127.0.0.1 as documented.
	if (target.protocol !== 'http:' || !LOOPBACK_HOSTS.has(target.hostname)) {
		return Promise.resolve({
			problem: `CANT_GET_RESPONSE/CONNECTION_REFUSED: the sandbox only delivers to http://127.0.0.1 or http://localhost, not '${url}'`,
		});
	}
	return new Promise((resolve) => {
		let settled = false;
		const done = (r: PostResult) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			resolve(r);
		};
		const payload = Buffer.from(body, 'utf8');
		const req = http.request(
			{
				host: '127.0.0.1',
				localAddress: '127.0.0.1',
				port: target.port || 80,
				path: `${target.pathname}${target.search}`,
				method: 'POST',
				agent: false,
				headers: {
					Host: target.host,
					'Content-Type': contentType,
					'Content-Length': payload.length,
					'User-Agent': 'Yandex.Market notifications (sandbox)',
					Connection: 'close',
				},
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					done({
						status: res.statusCode ?? 0,
						contentType: (res.headers['content-type'] as string | undefined) ?? null,
						body: Buffer.concat(chunks).toString('utf8'),
					}),
				);
				res.on('error', (e) => done({ problem: `CANT_GET_RESPONSE/READ_TIMED_OUT: ${e.message}` }));
			},
		);
		const timer = setTimeout(() => {
			done({
				problem: `CANT_GET_RESPONSE/READ_TIMED_OUT: no complete answer within ${deadlineMs} ms`,
			});
			req.destroy();
		}, deadlineMs);
		req.on('error', (e: NodeJS.ErrnoException) => {
			const kind =
				e.code === 'ECONNREFUSED'
					? 'CONNECTION_REFUSED'
					: e.code === 'ETIMEDOUT'
						? 'CONNECTION_TIMED_OUT'
						: 'READ_TIMED_OUT';
			done({ problem: `CANT_GET_RESPONSE/${kind}: ${e.code ?? ''} ${e.message}`.trim() });
		});
		req.end(payload);
	});
}

// ---------- bodies ----------

/**
 * Writes a flat notification: ID fields as bare JSON integers (exact above 2^53), except messageId, which Yandex
 * documents as a string in CHAT_MESSAGE_SENT.
 */
export function notificationJson(fields: Record<string, unknown>): string {
	const parts = Object.entries(fields)
		.filter(([, v]) => v !== undefined)
		.map(([k, v]) => {
			const bare = isIdKey(k) && k !== 'messageId' && typeof v === 'string' && /^\d+$/.test(v);
			return `${JSON.stringify(k)}:${bare ? v : JSON.stringify(v)}`;
		});
	return `{${parts.join(',')}}`;
}

export function chatCreated(chat: StoredChat): OutgoingNotification {
	return {
		type: 'CHAT_CREATED',
		bodyText: notificationJson({
			notificationType: 'CHAT_CREATED',
			businessId: chat.businessId,
			chatId: chat.chatId,
			createdAt: yandexTime(chat.createdAt),
		}),
	};
}

export function chatMessageSent(chat: StoredChat, msg: StoredMessage): OutgoingNotification {
	return {
		type: 'CHAT_MESSAGE_SENT',
		bodyText: notificationJson({
			notificationType: 'CHAT_MESSAGE_SENT',
			businessId: chat.businessId,
			chatId: chat.chatId,
			messageId: msg.messageId,
			sentAt: yandexTime(msg.createdAt),
		}),
	};
}

export interface NotifyRequest {
	type?: string;
	chatId?: string | number;
	messageId?: string | number;
	businessId?: string | number;
	orderId?: string | number;
	campaignId?: string | number;
	body?: unknown;
	raw?: string;
	contentType?: string;
	duplicates?: number;
	url?: string;
}

export class NotifyError extends Error {
	constructor(
		message: string,
		readonly status = 400,
	) {
		super(message);
	}
}

/**
 * Builds the notification a control request asks for. Arbitrage events also move the chat into the matching
 * state, so a follow-up getChat sees what the notification announced.
 */
export function buildNotification(
	store: Store,
	r: NotifyRequest,
	defaultBusinessId: string,
): OutgoingNotification {
	const type = r.type ?? (r.raw !== undefined ? 'RAW' : undefined);
	if (!type) throw new NotifyError('"type" is required (or "raw")');
	if (r.raw !== undefined)
		return { type, bodyText: r.raw, contentType: r.contentType ?? 'application/json' };
	if (r.body !== undefined)
		return { type, bodyText: JSON.stringify(r.body), contentType: r.contentType };
	const now = new Date();
	const businessId = r.businessId !== undefined ? String(r.businessId) : defaultBusinessId;
	const chatOf = (): StoredChat => {
		if (r.chatId === undefined) throw new NotifyError(`${type} needs "chatId"`);
		const chat = store.chats.get(String(r.chatId));
		if (!chat) throw new NotifyError(`no chat ${r.chatId} in the sandbox`, 404);
		return chat;
	};
	const withType = (n: OutgoingNotification) => ({ ...n, contentType: r.contentType });
	switch (type) {
		case 'PING':
			return withType({
				type,
				bodyText: notificationJson({ notificationType: 'PING', time: nanoTime(now) }),
			});
		case 'CHAT_CREATED':
			return withType(chatCreated(chatOf()));
		case 'CHAT_MESSAGE_SENT': {
			const chat = chatOf();
			const list = store.messagesOf(chat.chatId);
			const msg =
				r.messageId !== undefined
					? store.findMessage(chat.chatId, String(r.messageId))
					: list[list.length - 1];
			if (!msg)
				throw new NotifyError(`no message ${r.messageId ?? ''} in chat ${chat.chatId}`, 404);
			return withType(chatMessageSent(chat, msg));
		}
		case 'CHAT_ARBITRAGE_STARTED':
		case 'CHAT_ARBITRAGE_FINISHED': {
			const chat = chatOf();
			// Yandex does not send arbitrage events for DIRECT chats: there is no order to dispute.
			if (chat.contextType === 'DIRECT')
				throw new NotifyError(`${type} is never sent for DIRECT chats`);
			const started = type === 'CHAT_ARBITRAGE_STARTED';
			chat.type = 'ARBITRAGE';
			chat.status = started ? 'WAITING_FOR_ARBITER' : 'FINISHED';
			chat.updatedAt = now.getTime();
			return withType({
				type,
				bodyText: notificationJson({
					notificationType: type,
					businessId: chat.businessId,
					chatId: chat.chatId,
					[started ? 'startedAt' : 'finishedAt']: yandexTime(now),
				}),
			});
		}
		default:
			return withType({
				type,
				bodyText: notificationJson(otherNotification(type, r, businessId, now)),
			});
	}
}

/** Non-chat types, with the fields Yandex documents for them; a chat trigger must still answer them with 200. */
function otherNotification(
	type: string,
	r: NotifyRequest,
	businessId: string,
	now: Date,
): Record<string, unknown> {
	const t = yandexTime(now);
	const orderId = String(r.orderId ?? '40001');
	const campaignId = String(r.campaignId ?? '20001');
	switch (type) {
		case 'ORDER_CREATED':
		case 'ORDER_CANCELLED':
		case 'ORDER_UPDATED':
			return {
				notificationType: type,
				orderId,
				campaignId,
				[type === 'ORDER_CANCELLED'
					? 'cancelledAt'
					: type === 'ORDER_UPDATED'
						? 'updatedAt'
						: 'createdAt']: t,
			};
		case 'ORDER_STATUS_UPDATED':
			return {
				notificationType: type,
				orderId,
				campaignId,
				status: 'PROCESSING',
				substatus: 'STARTED',
				updatedAt: t,
			};
		case 'ORDER_RETURN_CREATED':
		case 'ORDER_RETURN_STATUS_UPDATED':
			return {
				notificationType: type,
				orderId,
				campaignId,
				returnId: '50001',
				[type === 'ORDER_RETURN_CREATED' ? 'createdAt' : 'updatedAt']: t,
			};
		case 'ORDER_CANCELLATION_REQUEST':
			return { notificationType: type, orderId, campaignId, createdAt: t };
		case 'ORDER_LINE_SERVICE_STATUS_UPDATED':
			return {
				notificationType: type,
				orderId,
				campaignId,
				itemId: '1',
				serviceArticle: 'install-1',
				statuses: ['NEW'],
				updatedAt: t,
			};
		case 'GOODS_FEEDBACK_CREATED':
			return {
				notificationType: type,
				feedbackId: '80001',
				businessId,
				createdAt: t,
				publishedAt: t,
			};
		case 'GOODS_FEEDBACK_COMMENT_CREATED':
			return { notificationType: type, commentId: '81001', businessId, createdAt: t };
		case 'QUESTION_CREATED':
			return { notificationType: type, questionId: '82001', businessId, createdAt: t };
		case 'QUESTION_ANSWER_CREATED':
			return { notificationType: type, answerId: '83001', businessId, createdAt: t };
		case 'QUESTION_COMMENT_CREATED':
			return {
				notificationType: type,
				answerId: '83001',
				commentId: '84001',
				businessId,
				createdAt: t,
			};
		default:
			// Unknown types pass through: Yandex adds new ones, and receivers must answer them too.
			return { notificationType: type, businessId, createdAt: t };
	}
}
