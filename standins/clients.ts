/**
 * Typed clients of the stand-ins' control APIs, on global fetch only, so tests can use them and they work against
 * stand-ins running in another process (npm start).
 */
import type { CrmCall, CrmRecord } from './crm';
import { jsonCall, queryString } from './http';
import type { CompletionRecord, Script } from './openai';
import type {
	TelegramCall,
	TelegramFault,
	TgMessage,
	TgUpdate,
	UserUpdateInput,
	WebhookDelivery,
} from './telegram';

export interface TelegramControl {
	readonly url: string;
	info(): Promise<Record<string, unknown>>;
	reset(): Promise<void>;
	calls(method?: string): Promise<TelegramCall[]>;
	clearCalls(): Promise<void>;
	/** Messages of a chat (default the team group), optionally only the bot's or only the users'. */
	messages(chatId?: number, from?: 'bot' | 'user'): Promise<TgMessage[]>;
	/** A Telegram user writes (or replies, or sends a photo/document); delivered to the webhook. */
	userMessage(input: UserUpdateInput): Promise<{ update: TgUpdate; delivery?: WebhookDelivery }>;
	/** Telegram delivers the same update again (as it does when a webhook did not answer 200 in time). */
	redeliver(updateId: number): Promise<{ update: TgUpdate; delivery?: WebhookDelivery }>;
	webhook(): Promise<{
		webhook: { url: string; secretToken?: string; allowedUpdates: string[] } | null;
		deliveries: WebhookDelivery[];
	}>;
	fault(
		fault: Partial<TelegramFault> & { method: string; status: number; description: string },
	): Promise<void>;
	clearFaults(): Promise<void>;
}

export function createTelegramControl(url: string): TelegramControl {
	const base = url.replace(/\/+$/, '');
	const call = <T>(method: string, path: string, body?: unknown) =>
		jsonCall<T>(base, method, `/_telegram${path}`, body, 'telegram stand-in');
	return {
		url: base,
		info: () => call('GET', ''),
		reset: async () => void (await call('POST', '/reset')),
		calls: (method) => call('GET', `/calls${queryString({ method })}`),
		clearCalls: async () => void (await call('DELETE', '/calls')),
		messages: (chatId, from) => call('GET', `/messages${queryString({ chatId, from })}`),
		userMessage: (input) => call('POST', '/updates', input),
		redeliver: (updateId) => call('POST', `/updates/${updateId}/redeliver`),
		webhook: () => call('GET', '/webhook'),
		fault: async (fault) => void (await call('POST', '/faults', fault)),
		clearFaults: async () => void (await call('DELETE', '/faults')),
	};
}

export interface OpenAiControl {
	readonly url: string;
	addScript(script: Script): Promise<Script & { id: string }>;
	clearScripts(): Promise<void>;
	requests(): Promise<CompletionRecord[]>;
	clearRequests(): Promise<void>;
	reset(): Promise<void>;
}

export function createOpenAiControl(url: string): OpenAiControl {
	const base = url.replace(/\/+$/, '').replace(/\/v1$/, '');
	const call = <T>(method: string, path: string, body?: unknown) =>
		jsonCall<T>(base, method, `/_openai${path}`, body, 'model stand-in');
	return {
		url: base,
		addScript: (script) => call('POST', '/scripts', script),
		clearScripts: async () => void (await call('DELETE', '/scripts')),
		requests: () => call('GET', '/requests'),
		clearRequests: async () => void (await call('DELETE', '/requests')),
		reset: async () => void (await call('POST', '/reset')),
	};
}

export interface CrmControl {
	readonly url: string;
	calls(): Promise<CrmCall[]>;
	clearCalls(): Promise<void>;
	records(): Promise<CrmRecord[]>;
	reset(): Promise<void>;
	fault(status: number, times?: number): Promise<void>;
}

export function createCrmControl(url: string): CrmControl {
	const base = url.replace(/\/+$/, '');
	const call = <T>(method: string, path: string, body?: unknown) =>
		jsonCall<T>(base, method, `/_crm${path}`, body, 'CRM stand-in');
	return {
		url: base,
		calls: () => call('GET', '/calls'),
		clearCalls: async () => void (await call('DELETE', '/calls')),
		records: () => call('GET', '/records'),
		reset: async () => void (await call('POST', '/reset')),
		fault: async (status, times = 1) => void (await call('POST', '/faults', { status, times })),
	};
}
