// Starts the Yandex Market sandbox (sandbox/, owned by its own engineer) as a separate process, the way
// `npm run sandbox` does, and talks to its control API over HTTP. Only the documented control API is used.
import * as fs from 'fs';
import * as path from 'path';
import { freePort, spawnGroup, waitForHttp, type ManagedProcess } from './proc';
import { REPO_ROOT } from './paths';

/** YM_SANDBOX_DIR lets the harness be developed against a stand-in sandbox. */
export function sandboxDir(): string {
	return process.env.YM_SANDBOX_DIR ? path.resolve(process.env.YM_SANDBOX_DIR) : path.join(REPO_ROOT, 'sandbox');
}

export interface SandboxKeys {
	communication: string;
	readOnly?: string;
	noChatScope?: string;
	revoked?: string;
	secondBusiness?: string;
	[name: string]: string | undefined;
}

/** SANDBOX_KEYS from the sandbox module (loaded lazily: the harness must not need it at compile time). */
export async function loadSandboxKeys(): Promise<SandboxKeys> {
	if (process.env.YM_SANDBOX_API_KEY) return { communication: process.env.YM_SANDBOX_API_KEY };
	const mod = (await import(path.join(sandboxDir(), 'index'))) as { SANDBOX_KEYS?: SandboxKeys };
	if (!mod.SANDBOX_KEYS?.communication) throw new Error(`${sandboxDir()}/index does not export SANDBOX_KEYS`);
	return mod.SANDBOX_KEYS;
}

export interface NotifyRequest {
	type: string;
	chatId?: string | number;
	messageId?: string | number;
	businessId?: string | number;
	body?: unknown;
	raw?: string;
	contentType?: string;
	duplicates?: number;
	url?: string;
}

/** Typed client of the sandbox control API; works from any process (tests use it through getE2E()). */
export class SandboxControl {
	constructor(readonly url: string) {}

	async call<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
		const res = await fetch(`${this.url}${route}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`sandbox ${method} ${route} -> HTTP ${res.status}: ${text}`);
		return (text ? JSON.parse(text) : undefined) as T;
	}

	reset() {
		return this.call('POST', '/_sandbox/reset');
	}
	/** Sends one notification now and answers the delivery results. */
	notify<T = unknown>(request: NotifyRequest) {
		return this.call<T>('POST', '/_sandbox/notify', request);
	}
	setNotifier(body: { url: string; autoNotify?: boolean; notifyPartnerMessages?: boolean }) {
		return this.call('PUT', '/_sandbox/notifier', body);
	}
	requests<T = unknown[]>(query: { operationId?: string; method?: string; path?: string } = {}) {
		const qs = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
		return this.call<T>('GET', `/_sandbox/requests${qs.size ? `?${qs}` : ''}`);
	}
	clearRequests() {
		return this.call('DELETE', '/_sandbox/requests');
	}
	notifications<T = unknown[]>() {
		return this.call<T>('GET', '/_sandbox/notifications');
	}
	/** The buyer (or Market) writes into a chat. */
	postMessage<T = unknown>(chatId: string, body: { sender?: string; text?: string }) {
		return this.call<T>('POST', `/_sandbox/chats/${chatId}/messages`, body);
	}
}

export interface SandboxProcess {
	url: string;
	port: number;
	keys: SandboxKeys;
	control: SandboxControl;
	proc: ManagedProcess;
	stop(): Promise<void>;
}

export async function startSandboxProcess(options: {
	port?: number;
	logFile: string;
	pidFile?: string;
	timeoutMs?: number;
}): Promise<SandboxProcess> {
	const port = options.port ?? (await freePort());
	const cli = path.join(sandboxDir(), 'cli.ts');
	if (!fs.existsSync(cli)) throw new Error(`Sandbox CLI not found: ${cli}`);
	const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
	const proc = spawnGroup('sandbox', tsx, [cli, '--port', String(port)], {
		cwd: REPO_ROOT,
		env: { ...process.env, YM_SANDBOX_PORT: String(port) },
		logFile: options.logFile,
		pidFile: options.pidFile,
	});
	const url = `http://127.0.0.1:${port}`;
	try {
		await waitForHttp(`${url}/_sandbox/notifications`, options.timeoutMs ?? 60000, { proc });
	} catch (error) {
		await proc.stop();
		throw error;
	}
	return { url, port, keys: await loadSandboxKeys(), control: new SandboxControl(url), proc, stop: () => proc.stop() };
}
