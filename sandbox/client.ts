/**
 * Typed client of the control API, built on global fetch only, so it works in tests (which may not import Node
 * built-ins) and against a sandbox running in another process.
 */
import type { ChatStateInput, CustomerMessageInput, OpenChatInput } from './control';
import type { Fault, FaultSpec } from './faults';
import type { LimitOptions } from './limits';
import type { DeliveryRecord, NotifierConfig, NotifyRequest } from './notifier';
import type { RequestRecord } from './state';

export type {
	ChatStateInput,
	CustomerMessageInput,
	OpenChatInput,
	Fault,
	FaultSpec,
	LimitOptions,
	DeliveryRecord,
	NotifierConfig,
	NotifyRequest,
	RequestRecord,
};

export interface MessageView {
	messageId: string;
	createdAt: string;
	sender: string;
	message?: string;
	payload?: Array<{ name: string; url: string; size: number }>;
}

export interface CustomerMessageResult extends MessageView {
	chatId: string;
	businessId: string;
	/** notifications sent because of this message (empty without a notifier URL or with autoNotify off) */
	deliveries: DeliveryRecord[];
}

export interface OpenChatResult {
	chatId: string;
	businessId: string;
	created: boolean;
	messageId?: string;
	chat: Record<string, unknown>;
	deliveries: DeliveryRecord[];
}

export interface ChatView {
	chatId: string;
	businessId: string;
	type: string;
	status: string;
	context: Record<string, unknown>;
	createdAt: string;
	updatedAt: string;
	messages: MessageView[];
}

export interface LimitsSnapshot {
	latencyMs: number;
	/** per business ID: the most Yandex API requests in flight at once since the last reset or limits change */
	maxInFlight: Record<string, number>;
	windowMs: number;
	parallelLimit: number;
	quotas: Record<string, number>;
}

export interface SandboxControlClient {
	readonly url: string;
	info(): Promise<Record<string, unknown>>;
	reset(): Promise<void>;
	requests(filter?: {
		operationId?: string;
		method?: string;
		path?: string;
	}): Promise<RequestRecord[]>;
	clearRequests(): Promise<void>;
	faults(spec: FaultSpec | FaultSpec[]): Promise<Fault[]>;
	listFaults(): Promise<Fault[]>;
	clearFaults(): Promise<void>;
	limits(opts: LimitOptions): Promise<LimitsSnapshot>;
	/** the limits in force and the peak number of requests in flight per business (maxInFlight) */
	currentLimits(): Promise<LimitsSnapshot>;
	customerMessage(chatId: string, input: CustomerMessageInput): Promise<CustomerMessageResult>;
	openChat(input: OpenChatInput): Promise<OpenChatResult>;
	/** a dispute starts or ends, a chat finishes: type/status change without a message */
	setChatState(chatId: string, input: ChatStateInput): Promise<Record<string, unknown>>;
	chat(chatId: string): Promise<ChatView>;
	setNotifier(config: {
		url: string | null;
		/** sandbox only: copies of every notification also go to these URLs */
		alsoTo?: string[] | null;
		autoNotify?: boolean;
		notifyPartnerMessages?: boolean;
		/** deliver failed notifications again after this many ms, like Yandex (0: off) */
		retryDelayMs?: number;
		maxRetries?: number;
	}): Promise<NotifierConfig>;
	notify(request: NotifyRequest): Promise<DeliveryRecord[]>;
	notifications(): Promise<DeliveryRecord[]>;
	clearNotifications(): Promise<void>;
}

export class SandboxControlError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

export function createControlClient(url: string): SandboxControlClient {
	const base = url.replace(/\/+$/, '');
	async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
		const res = await fetch(`${base}/_sandbox${path}`, {
			method,
			headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) {
			let message = text;
			try {
				message = (JSON.parse(text) as { error?: string }).error ?? text;
			} catch {
				// not JSON: keep the text
			}
			throw new SandboxControlError(
				res.status,
				`sandbox ${method} /_sandbox${path} -> ${res.status}: ${message}`,
			);
		}
		return (text ? JSON.parse(text) : undefined) as T;
	}
	const query = (q: Record<string, string | undefined> = {}) => {
		const p = new URLSearchParams();
		for (const [k, v] of Object.entries(q)) if (v !== undefined) p.set(k, v);
		const s = p.toString();
		return s ? `?${s}` : '';
	};
	return {
		url: base,
		info: () => call('GET', '/'),
		reset: async () => {
			await call('POST', '/reset');
		},
		requests: (filter) => call('GET', `/requests${query(filter)}`),
		clearRequests: async () => {
			await call('DELETE', '/requests');
		},
		faults: async (spec) => (await call<{ faults: Fault[] }>('POST', '/faults', spec)).faults,
		listFaults: () => call('GET', '/faults'),
		clearFaults: async () => {
			await call('DELETE', '/faults');
		},
		limits: (opts) => call('POST', '/limits', opts),
		currentLimits: () => call('GET', '/limits'),
		customerMessage: (chatId, input) =>
			call('POST', `/chats/${encodeURIComponent(chatId)}/messages`, input),
		openChat: (input) => call('POST', '/chats', input),
		setChatState: (chatId, input) =>
			call('POST', `/chats/${encodeURIComponent(chatId)}/state`, input),
		chat: (chatId) => call('GET', `/chats/${encodeURIComponent(chatId)}`),
		setNotifier: (config) => call('PUT', '/notifier', config),
		notify: async (request) =>
			(await call<{ deliveries: DeliveryRecord[] }>('POST', '/notify', request)).deliveries,
		notifications: () => call('GET', '/notifications'),
		clearNotifications: async () => {
			await call('DELETE', '/notifications');
		},
	};
}
