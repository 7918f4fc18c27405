/**
 * A local stand-in for the Telegram Bot API (https://core.telegram.org/bots/api), for n8n's Telegram and Telegram
 * Trigger nodes pointed at it through the telegramApi credential's Base URL. It speaks `/bot<token>/<method>`
 * (JSON, form or multipart, GET or POST) and `/file/bot<token>/<path>`, keeps chats, messages and files in memory,
 * records every call, and plays the Telegram users: a control call posts an update (a message, a reply, a photo
 * or a document) to the registered webhook with the registered secret token, the way Telegram delivers it.
 *
 * Control API (JSON, no token) under /_telegram: see standins/README.md.
 */
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import {
	HttpError,
	type LoopbackServer,
	type UploadedPart,
	listenLoopback,
	parseBody,
	readBody,
	redact,
	sendJson,
} from './http';
import {
	CAPTION_LIMIT,
	type MessageEntity,
	ParseEntitiesError,
	TEXT_LIMIT,
	parseEntities,
} from './telegramFormat';

export interface TgUser {
	id: number;
	is_bot: boolean;
	first_name: string;
	last_name?: string;
	username?: string;
}

export interface TgChat {
	id: number;
	type: 'private' | 'group' | 'supergroup';
	title?: string;
	first_name?: string;
	username?: string;
}

export interface TgPhotoSize {
	file_id: string;
	file_unique_id: string;
	width: number;
	height: number;
	file_size: number;
}

export interface TgDocument {
	file_id: string;
	file_unique_id: string;
	file_name?: string;
	mime_type?: string;
	file_size: number;
}

export interface TgMessage {
	message_id: number;
	from?: TgUser;
	chat: TgChat;
	date: number;
	text?: string;
	entities?: MessageEntity[];
	caption?: string;
	caption_entities?: MessageEntity[];
	photo?: TgPhotoSize[];
	document?: TgDocument;
	reply_to_message?: TgMessage;
}

export interface TgUpdate {
	update_id: number;
	message?: TgMessage;
}

interface StoredFile {
	fileId: string;
	uniqueId: string;
	path: string;
	name: string;
	mimeType: string;
	bytes: Buffer;
}

export interface TelegramCall {
	id: number;
	at: string;
	httpMethod: string;
	/** Bot API method, e.g. sendMessage; 'file' for downloads */
	method: string;
	token: string;
	contentType: string;
	params: Record<string, unknown>;
	files: Array<{ field: string; fileName?: string; mimeType?: string; size: number }>;
	status: number;
	ok: boolean;
	description?: string;
	result?: unknown;
}

export interface WebhookDelivery {
	id: number;
	at: string;
	updateId: number;
	url: string;
	secretSent: boolean;
	status: number | null;
	responseBody: string;
	error?: string;
	latencyMs: number;
}

export interface TelegramFault {
	method: string;
	status: number;
	description: string;
	retryAfter?: number;
	times: number;
}

export interface UserUpdateInput {
	/** Telegram chat the user writes in (default: the team group) */
	chatId?: number;
	/** who writes (default: the first user) */
	userId?: number;
	text?: string;
	caption?: string;
	/** message_id (in that chat) the user replies to */
	replyTo?: number;
	/** a photo the user sends: bytes as base64, or `size` random bytes */
	photo?: { fileName?: string; base64?: string; size?: number };
	document?: { fileName: string; mimeType?: string; base64?: string; size?: number };
	/** deliver to the webhook now (default true) */
	deliver?: boolean;
}

export interface TelegramStandinOptions {
	port?: number;
	token?: string;
	log?: (line: string) => void;
}

export const TELEGRAM_STANDIN = {
	token: '7000000001:AAStandinTokenForTheLocalBotApi0000',
	bot: {
		id: 7000000001,
		is_bot: true,
		first_name: 'Yandex Market Bridge',
		username: 'ym_bridge_bot',
	} as TgUser,
	/**
	 * More bots in the team group. Telegram sends a bot's updates to one webhook only, so each published template
	 * with a Telegram Trigger needs a bot of its own (npm start gives the review and question templates these).
	 */
	otherBots: [
		{
			token: '7000000002:AAStandinTokenForTheReviewsBot00000',
			bot: {
				id: 7000000002,
				is_bot: true,
				first_name: 'Shop Reviews',
				username: 'ym_reviews_bot',
			} as TgUser,
		},
		{
			token: '7000000003:AAStandinTokenForTheQuestionsBot000',
			bot: {
				id: 7000000003,
				is_bot: true,
				first_name: 'Shop Questions',
				username: 'ym_questions_bot',
			} as TgUser,
		},
	],
	/** The seller's team group where the bridge posts buyer messages. */
	teamChat: { id: -1001000000001, type: 'supergroup', title: 'Shop support team' } as TgChat,
	users: [
		{ id: 700001, is_bot: false, first_name: 'Anna', last_name: 'Seller', username: 'anna_shop' },
		{ id: 700002, is_bot: false, first_name: 'Boris', username: 'boris_shop' },
	] as TgUser[],
};

export interface TelegramStandin {
	url: string;
	port: number;
	token: string;
	state: TelegramState;
	close(): Promise<void>;
}

export interface TelegramWebhook {
	url: string;
	secretToken?: string;
	allowedUpdates: string[];
	setAt: string;
}

export interface StandinBot {
	token: string;
	bot: TgUser;
}

export class TelegramState {
	calls: TelegramCall[] = [];
	deliveries: WebhookDelivery[] = [];
	messages = new Map<number, TgMessage[]>();
	updates = new Map<number, TgUpdate>();
	files = new Map<string, StoredFile>();
	chats = new Map<number, TgChat>();
	faults: TelegramFault[] = [];
	/** Each bot's registered webhook, by bot id. */
	webhooks = new Map<number, TelegramWebhook>();
	private nextCallId = 1;
	private nextDeliveryId = 1;
	private nextUpdateId = 500000001;
	private nextFile = 1;

	constructor() {
		this.reset();
	}

	/** The main bot's webhook (the one `token` belongs to). */
	get webhook(): TelegramWebhook | null {
		return this.webhooks.get(TELEGRAM_STANDIN.bot.id) ?? null;
	}

	reset(): void {
		this.calls = [];
		this.deliveries = [];
		this.messages = new Map();
		this.updates = new Map();
		this.files = new Map();
		this.faults = [];
		this.webhooks = new Map();
		this.chats = new Map([[TELEGRAM_STANDIN.teamChat.id, { ...TELEGRAM_STANDIN.teamChat }]]);
		for (const u of TELEGRAM_STANDIN.users)
			this.chats.set(u.id, {
				id: u.id,
				type: 'private',
				first_name: u.first_name,
				username: u.username,
			});
	}

	recordCall(call: Omit<TelegramCall, 'id' | 'at'>): TelegramCall {
		const full = { id: this.nextCallId++, at: new Date().toISOString(), ...call };
		this.calls.push(full);
		return full;
	}

	findMessage(chatId: number, messageId: number): TgMessage | undefined {
		return this.messages.get(chatId)?.find((m) => m.message_id === messageId);
	}

	addMessage(message: Omit<TgMessage, 'message_id' | 'date'>): TgMessage {
		const list = this.messages.get(message.chat.id) ?? [];
		const full: TgMessage = {
			message_id: (list.at(-1)?.message_id ?? 0) + 1,
			date: Math.floor(Date.now() / 1000),
			...message,
		};
		list.push(full);
		this.messages.set(message.chat.id, list);
		return full;
	}

	addFile(name: string, mimeType: string, bytes: Buffer, folder: string): StoredFile {
		const n = this.nextFile++;
		const ext = /\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0] ?? '';
		const file: StoredFile = {
			fileId: `BQACAgIAAx0Standin${String(n).padStart(6, '0')}${randomBytes(6).toString('hex')}`,
			uniqueId: `AgADStandin${n}`,
			path: `${folder}/file_${n}${ext}`,
			name,
			mimeType,
			bytes,
		};
		this.files.set(file.fileId, file);
		return file;
	}

	newUpdateId(): number {
		return this.nextUpdateId++;
	}

	takeFault(method: string): TelegramFault | undefined {
		const fault = this.faults.find((f) => f.method === method || f.method === '*');
		if (!fault) return undefined;
		fault.times -= 1;
		if (fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
		return fault;
	}

	nextDelivery(): number {
		return this.nextDeliveryId++;
	}
}

class BotApiError extends Error {
	constructor(
		readonly code: number,
		readonly description: string,
		readonly parameters?: Record<string, unknown>,
	) {
		super(description);
	}
}

const bad = (text: string) => new BotApiError(400, `Bad Request: ${text}`);

function asInt(value: unknown, what: string, required = true): number | undefined {
	if (value === undefined || value === null || value === '') {
		if (required) throw bad(`${what} is empty`);
		return undefined;
	}
	const n = typeof value === 'number' ? value : Number(String(value).trim());
	if (!Number.isInteger(n)) throw bad(`invalid ${what} specified`);
	return n;
}

function asBool(value: unknown): boolean {
	return value === true || value === 'true' || value === '1' || value === 1;
}

function asJson(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch {
		return value;
	}
}

function photoSizes(file: StoredFile): TgPhotoSize[] {
	// Telegram offers several sizes of one photo; here they all point at the same bytes.
	return [90, 320, 800].map((w, i) => ({
		file_id: i === 2 ? file.fileId : `${file.fileId}_${w}`,
		file_unique_id: `${file.uniqueId}_${w}`,
		width: w,
		height: Math.round((w * 3) / 4),
		file_size: file.bytes.length,
	}));
}

function documentOf(file: StoredFile): TgDocument {
	return {
		file_id: file.fileId,
		file_unique_id: file.uniqueId,
		file_name: file.name,
		mime_type: file.mimeType,
		file_size: file.bytes.length,
	};
}

/** A reply carries the replied-to message one level deep, as Telegram does. */
function shallow(message: TgMessage): TgMessage {
	const copy = { ...message };
	delete copy.reply_to_message;
	return copy;
}

const MIME_BY_EXT: Record<string, string> = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	gif: 'image/gif',
	webp: 'image/webp',
	pdf: 'application/pdf',
	txt: 'text/plain',
};

function mimeOf(name: string, fallback = 'application/octet-stream'): string {
	return MIME_BY_EXT[/\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? ''] ?? fallback;
}

function randomJpeg(size: number): Buffer {
	// A JPEG signature plus filler is enough for every consumer here (nobody decodes the pixels).
	const bytes = randomBytes(Math.max(size, 4));
	bytes[0] = 0xff;
	bytes[1] = 0xd8;
	bytes[2] = 0xff;
	bytes[3] = 0xe0;
	return bytes;
}

// ---------- Bot API methods ----------

type Method = (
	state: TelegramState,
	params: Record<string, unknown>,
	files: UploadedPart[],
	standinUrl: string,
	bot: TgUser,
) => unknown;

function targetChat(state: TelegramState, params: Record<string, unknown>): TgChat {
	const raw = params.chat_id;
	if (raw === undefined || raw === null || raw === '') throw bad('chat_id is empty');
	const id = Number(String(raw).trim());
	const chat = Number.isInteger(id) ? state.chats.get(id) : undefined;
	if (!chat) throw bad('chat not found');
	return chat;
}

function replyTarget(
	state: TelegramState,
	chat: TgChat,
	params: Record<string, unknown>,
): TgMessage | undefined {
	const replyParams = asJson(params.reply_parameters) as Record<string, unknown> | undefined;
	const id = asInt(
		params.reply_to_message_id ?? (replyParams && replyParams.message_id),
		'reply_to_message_id',
		false,
	);
	if (id === undefined) return undefined;
	const target = state.findMessage(chat.id, id);
	const allow =
		asBool(params.allow_sending_without_reply) || asBool(replyParams?.allow_sending_without_reply);
	if (!target && !allow) throw bad('message to be replied not found');
	return target ? shallow(target) : undefined;
}

function formatted(
	raw: unknown,
	parseMode: unknown,
	limit: number,
	what: 'text' | 'caption',
): { text: string; entities: MessageEntity[] } | undefined {
	if (raw === undefined || raw === null || raw === '') {
		if (what === 'text') throw bad('message text is empty');
		return undefined;
	}
	let parsed: { text: string; entities: MessageEntity[] };
	try {
		parsed = parseEntities(String(raw), parseMode);
	} catch (error) {
		if (error instanceof ParseEntitiesError) throw bad(error.message);
		throw error;
	}
	if (what === 'text' && parsed.text.trim() === '') throw bad('message text is empty');
	if (parsed.text.length > limit)
		throw bad(what === 'text' ? 'message is too long' : 'message caption is too long');
	return parsed;
}

function uploadOrReference(
	state: TelegramState,
	params: Record<string, unknown>,
	files: UploadedPart[],
	field: 'photo' | 'document',
): StoredFile {
	const part = files.find((f) => f.field === field);
	if (part) {
		if (part.data.length === 0) throw bad('file must be non-empty');
		const name = part.fileName || (field === 'photo' ? 'photo.jpg' : 'document');
		return state.addFile(
			name,
			part.mimeType || mimeOf(name),
			part.data,
			field === 'photo' ? 'photos' : 'documents',
		);
	}
	const ref = params[field];
	if (typeof ref === 'string' && ref !== '') {
		const known = [...state.files.values()].find(
			(f) => f.fileId === ref || ref.startsWith(`${f.fileId}_`),
		);
		if (known) return known;
		// Telegram would download a URL itself; the stand-in cannot reach the internet, so it refuses it clearly.
		throw bad(
			`wrong remote file identifier specified: ${/^https?:/.test(ref) ? 'URLs are not fetched by the stand-in' : 'unknown file_id'}`,
		);
	}
	throw bad(`there is no ${field} in the request`);
}

/** sendPhoto and sendDocument: the same rules, a different attachment field. */
function sendFileMessage(
	state: TelegramState,
	params: Record<string, unknown>,
	files: UploadedPart[],
	kind: 'photo' | 'document',
	bot: TgUser,
): TgMessage {
	const chat = targetChat(state, params);
	const caption = formatted(params.caption, params.parse_mode, CAPTION_LIMIT, 'caption');
	const reply = replyTarget(state, chat, params);
	const file = uploadOrReference(state, params, files, kind);
	return state.addMessage({
		from: bot,
		chat,
		...(kind === 'photo' ? { photo: photoSizes(file) } : { document: documentOf(file) }),
		...(caption ? { caption: caption.text } : {}),
		...(caption?.entities.length ? { caption_entities: caption.entities } : {}),
		...(reply ? { reply_to_message: reply } : {}),
	});
}

const METHODS: Record<string, Method> = {
	getMe: (_state, _params, _files, _url, bot) => bot,

	setWebhook(state, params, _files, _url, bot) {
		const url = String(params.url ?? '');
		if (url === '') {
			state.webhooks.delete(bot.id);
			return true;
		}
		if (!/^https?:\/\//.test(url)) throw bad('invalid webhook URL specified');
		const secret = params.secret_token === undefined ? undefined : String(params.secret_token);
		if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret))
			throw bad('secret token contains unallowed characters');
		const allowed = asJson(params.allowed_updates);
		state.webhooks.set(bot.id, {
			url,
			secretToken: secret,
			allowedUpdates: Array.isArray(allowed) ? allowed.map(String) : [],
			setAt: new Date().toISOString(),
		});
		return true;
	},

	deleteWebhook(state, _params, _files, _url, bot) {
		state.webhooks.delete(bot.id);
		return true;
	},

	getWebhookInfo(state, _params, _files, _url, bot) {
		const hook = state.webhooks.get(bot.id);
		const pending = [...state.updates.values()].filter(
			(u) => !state.deliveries.some((d) => d.updateId === u.update_id && d.status === 200),
		).length;
		return hook
			? {
					url: hook.url,
					has_custom_certificate: false,
					pending_update_count: pending,
					max_connections: 40,
					ip_address: '127.0.0.1',
					...(hook.allowedUpdates.length ? { allowed_updates: hook.allowedUpdates } : {}),
				}
			: { url: '', has_custom_certificate: false, pending_update_count: pending };
	},

	sendMessage(state, params, _files, _url, bot) {
		const chat = targetChat(state, params);
		const text = formatted(params.text, params.parse_mode, TEXT_LIMIT, 'text')!;
		const reply = replyTarget(state, chat, params);
		return state.addMessage({
			from: bot,
			chat,
			text: text.text,
			...(text.entities.length ? { entities: text.entities } : {}),
			...(reply ? { reply_to_message: reply } : {}),
		});
	},

	sendPhoto: (state, params, files, _url, bot) =>
		sendFileMessage(state, params, files, 'photo', bot),

	sendDocument: (state, params, files, _url, bot) =>
		sendFileMessage(state, params, files, 'document', bot),

	sendChatAction(state, params) {
		targetChat(state, params);
		return true;
	},

	getFile(state, params) {
		const id = String(params.file_id ?? '');
		if (id === '') throw bad('file_id is empty');
		const file = [...state.files.values()].find(
			(f) => f.fileId === id || id.startsWith(`${f.fileId}_`),
		);
		if (!file) throw bad('invalid file_id');
		return {
			file_id: id,
			file_unique_id: file.uniqueId,
			file_size: file.bytes.length,
			file_path: file.path,
		};
	},
};

// ---------- webhook delivery (the stand-in as Telegram's update sender) ----------

export async function deliverUpdate(
	state: TelegramState,
	update: TgUpdate,
	log: (line: string) => void,
): Promise<WebhookDelivery | undefined> {
	// A reply goes to the bot whose message it answers (what a bot in a group with privacy mode on receives); anything
	// else to the main bot.
	const replied = update.message?.reply_to_message?.from;
	const hook = state.webhooks.get(replied?.is_bot ? replied.id : TELEGRAM_STANDIN.bot.id);
	if (!hook) return undefined;
	const kind = Object.keys(update).find((k) => k !== 'update_id') ?? 'message';
	if (hook.allowedUpdates.length > 0 && !hook.allowedUpdates.includes(kind)) return undefined;
	const started = Date.now();
	const delivery: WebhookDelivery = {
		id: state.nextDelivery(),
		at: new Date().toISOString(),
		updateId: update.update_id,
		url: hook.url,
		secretSent: hook.secretToken !== undefined,
		status: null,
		responseBody: '',
		latencyMs: 0,
	};
	try {
		const res = await fetch(hook.url, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				...(hook.secretToken !== undefined
					? { 'X-Telegram-Bot-Api-Secret-Token': hook.secretToken }
					: {}),
			},
			body: JSON.stringify(update),
			signal: AbortSignal.timeout(10000),
		});
		delivery.status = res.status;
		delivery.responseBody = (await res.text()).slice(0, 2000);
	} catch (error) {
		delivery.error = (error as Error).message;
	}
	delivery.latencyMs = Date.now() - started;
	state.deliveries.push(delivery);
	log(
		`webhook update ${update.update_id} -> ${delivery.status ?? delivery.error} ${delivery.latencyMs}ms`,
	);
	return delivery;
}

/** A Telegram user writes into a chat the bot is in; the update goes to the webhook like Telegram sends it. */
export async function userMessage(
	state: TelegramState,
	input: UserUpdateInput,
	log: (line: string) => void,
): Promise<{ update: TgUpdate; delivery?: WebhookDelivery }> {
	const chatId = input.chatId ?? TELEGRAM_STANDIN.teamChat.id;
	const chat = state.chats.get(chatId);
	if (!chat) throw new HttpError(400, `unknown Telegram chat ${chatId}`);
	const from = TELEGRAM_STANDIN.users.find(
		(u) => u.id === (input.userId ?? TELEGRAM_STANDIN.users[0].id),
	);
	if (!from) throw new HttpError(400, `unknown Telegram user ${input.userId}`);
	let reply: TgMessage | undefined;
	if (input.replyTo !== undefined) {
		const target = state.findMessage(chat.id, input.replyTo);
		if (!target)
			throw new HttpError(400, `message ${input.replyTo} does not exist in chat ${chat.id}`);
		reply = shallow(target);
	}
	const content: Partial<TgMessage> = {};
	if (input.photo) {
		const name = input.photo.fileName ?? 'photo.jpg';
		const bytes = input.photo.base64
			? Buffer.from(input.photo.base64, 'base64')
			: randomJpeg(input.photo.size ?? 2048);
		content.photo = photoSizes(state.addFile(name, 'image/jpeg', bytes, 'photos'));
	} else if (input.document) {
		const bytes = input.document.base64
			? Buffer.from(input.document.base64, 'base64')
			: randomBytes(input.document.size ?? 1024);
		content.document = documentOf(
			state.addFile(
				input.document.fileName,
				input.document.mimeType ?? mimeOf(input.document.fileName),
				bytes,
				'documents',
			),
		);
	} else if (input.text === undefined || input.text === '') {
		throw new HttpError(400, 'a user message needs text, a photo or a document');
	}
	if (content.photo || content.document) {
		if (input.caption) content.caption = input.caption;
	} else content.text = input.text;
	const message = state.addMessage({
		from,
		chat,
		...content,
		...(reply ? { reply_to_message: reply } : {}),
	});
	const update: TgUpdate = { update_id: state.newUpdateId(), message };
	state.updates.set(update.update_id, update);
	const delivery = input.deliver === false ? undefined : await deliverUpdate(state, update, log);
	return { update, delivery };
}

// ---------- server ----------

function botRequest(
	pathname: string,
): { token: string; method: string; file?: string } | undefined {
	const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(pathname);
	if (file)
		return {
			token: decodeURIComponent(file[1]),
			method: 'file',
			file: decodeURIComponent(file[2]),
		};
	const api = /^\/bot([^/]+)\/([A-Za-z]*)\/?$/.exec(pathname);
	if (api) return { token: decodeURIComponent(api[1]), method: api[2] };
	return undefined;
}

async function handleBot(
	state: TelegramState,
	bots: StandinBot[],
	req: http.IncomingMessage,
	res: http.ServerResponse,
	target: { token: string; method: string; file?: string },
	url: URL,
	standinUrl: string,
	log: (line: string) => void,
): Promise<void> {
	const record = (
		status: number,
		params: Record<string, unknown>,
		files: UploadedPart[],
		contentType: string,
		outcome: { ok: boolean; description?: string; result?: unknown },
	) =>
		state.recordCall({
			httpMethod: req.method ?? 'GET',
			method: target.method,
			token: redact(target.token),
			contentType,
			params,
			files: files.map((f) => ({
				field: f.field,
				fileName: f.fileName,
				mimeType: f.mimeType,
				size: f.data.length,
			})),
			status,
			...outcome,
		});

	const bot = bots.find((b) => b.token === target.token)?.bot;
	if (!bot) {
		await readBody(req).catch(() => undefined);
		record(401, {}, [], String(req.headers['content-type'] ?? ''), {
			ok: false,
			description: 'Unauthorized',
		});
		return sendJson(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
	}
	if (target.method === 'file') {
		const file = [...state.files.values()].find((f) => f.path === target.file);
		record(file ? 200 : 404, { path: target.file }, [], '', { ok: Boolean(file) });
		if (!file) return sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
		res.writeHead(200, { 'Content-Type': file.mimeType, 'Content-Length': file.bytes.length });
		res.end(file.bytes);
		return;
	}
	let params: Record<string, unknown> = {};
	let files: UploadedPart[] = [];
	let contentType = String(req.headers['content-type'] ?? '');
	try {
		const body = await parseBody(req);
		params = { ...Object.fromEntries(url.searchParams), ...body.fields };
		files = body.files;
		contentType = body.contentType;
	} catch (error) {
		const status = error instanceof HttpError ? error.status : 400;
		const description = `Bad Request: ${(error as Error).message}`;
		record(status, params, files, contentType, { ok: false, description });
		return sendJson(res, 400, { ok: false, error_code: 400, description });
	}
	const method = METHODS[target.method];
	try {
		if (!method) throw new BotApiError(404, 'Not Found');
		const fault = state.takeFault(target.method);
		if (fault) {
			throw new BotApiError(
				fault.status,
				fault.description,
				fault.retryAfter !== undefined ? { retry_after: fault.retryAfter } : undefined,
			);
		}
		const result = method(state, params, files, standinUrl, bot);
		record(200, params, files, contentType, { ok: true, result });
		log(`${target.method} -> 200`);
		return sendJson(res, 200, { ok: true, result });
	} catch (error) {
		if (!(error instanceof BotApiError)) throw error;
		record(error.code, params, files, contentType, { ok: false, description: error.description });
		log(`${target.method} -> ${error.code} ${error.description}`);
		return sendJson(res, error.code, {
			ok: false,
			error_code: error.code,
			description: error.description,
			...(error.parameters ? { parameters: error.parameters } : {}),
		});
	}
}

async function handleControl(
	state: TelegramState,
	req: http.IncomingMessage,
	res: http.ServerResponse,
	url: URL,
	standin: { url: string; token: string; bots: StandinBot[] },
	log: (line: string) => void,
): Promise<void> {
	const path = url.pathname.replace(/^\/_telegram/, '') || '/';
	const method = req.method ?? 'GET';
	const body = method === 'GET' || method === 'DELETE' ? {} : (await parseBody(req)).fields;
	const num = (name: string) => {
		const v = url.searchParams.get(name);
		return v === null ? undefined : Number(v);
	};
	if (method === 'GET' && path === '/') {
		return sendJson(res, 200, {
			url: standin.url,
			apiBaseUrl: standin.url,
			token: standin.token,
			bot: TELEGRAM_STANDIN.bot,
			bots: standin.bots.map((b) => ({ ...b.bot, webhook: state.webhooks.get(b.bot.id) ?? null })),
			teamChat: TELEGRAM_STANDIN.teamChat,
			users: TELEGRAM_STANDIN.users,
			webhook: state.webhook,
		});
	}
	if (method === 'POST' && path === '/reset') {
		state.reset();
		return sendJson(res, 200, { ok: true });
	}
	if (path === '/calls') {
		if (method === 'DELETE') {
			state.calls = [];
			return sendJson(res, 200, { ok: true });
		}
		const m = url.searchParams.get('method');
		return sendJson(
			res,
			200,
			state.calls.filter((c) => !m || c.method === m),
		);
	}
	if (method === 'GET' && path === '/messages') {
		const chatId = num('chatId') ?? TELEGRAM_STANDIN.teamChat.id;
		const from = url.searchParams.get('from');
		const list = (state.messages.get(chatId) ?? []).filter(
			(m) => !from || (from === 'bot' ? m.from?.is_bot === true : m.from?.is_bot !== true),
		);
		return sendJson(res, 200, list);
	}
	if (method === 'GET' && path === '/webhook')
		return sendJson(res, 200, {
			webhook: state.webhook,
			webhooks: Object.fromEntries(
				standin.bots.map((b) => [String(b.bot.username), state.webhooks.get(b.bot.id) ?? null]),
			),
			deliveries: state.deliveries,
		});
	if (method === 'GET' && path === '/deliveries') return sendJson(res, 200, state.deliveries);
	if (method === 'POST' && path === '/updates') {
		const result = await userMessage(state, body as UserUpdateInput, log);
		return sendJson(res, 200, result);
	}
	const redeliver = /^\/updates\/(\d+)\/redeliver$/.exec(path);
	if (method === 'POST' && redeliver) {
		const update = state.updates.get(Number(redeliver[1]));
		if (!update) throw new HttpError(404, `no update ${redeliver[1]}`);
		return sendJson(res, 200, { update, delivery: await deliverUpdate(state, update, log) });
	}
	if (path === '/faults') {
		if (method === 'DELETE') {
			state.faults = [];
			return sendJson(res, 200, { ok: true });
		}
		if (method === 'POST') {
			const f = body as Partial<TelegramFault>;
			if (!f.method || !f.status || !f.description)
				throw new HttpError(400, 'a fault needs method, status and description');
			state.faults.push({
				method: f.method,
				status: f.status,
				description: f.description,
				retryAfter: f.retryAfter,
				times: f.times ?? 1,
			});
			return sendJson(res, 200, state.faults);
		}
		return sendJson(res, 200, state.faults);
	}
	throw new HttpError(404, `unknown control route ${method} ${url.pathname}`);
}

export async function startTelegramStandin(
	options: TelegramStandinOptions = {},
): Promise<TelegramStandin> {
	const state = new TelegramState();
	const token = options.token ?? TELEGRAM_STANDIN.token;
	const bots: StandinBot[] = [{ token, bot: TELEGRAM_STANDIN.bot }, ...TELEGRAM_STANDIN.otherBots];
	const log = options.log ?? (() => undefined);
	let base = '';
	const server: LoopbackServer = await listenLoopback((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const run = async () => {
			if (url.pathname === '/_telegram' || url.pathname.startsWith('/_telegram/'))
				return await handleControl(state, req, res, url, { url: base, token, bots }, log);
			const target = botRequest(url.pathname);
			if (!target)
				return sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
			return await handleBot(state, bots, req, res, target, url, base, log);
		};
		run().catch((error: Error) => {
			if (res.headersSent) {
				res.end();
				return;
			}
			const status = error instanceof HttpError ? error.status : 500;
			sendJson(res, status, { error: error.message });
		});
	}, options.port ?? 0);
	base = server.url;
	return { url: server.url, port: server.port, token, state, close: () => server.close() };
}
