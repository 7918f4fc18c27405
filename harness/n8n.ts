// Starts a real n8n (regular mode, or queue mode with a main, a worker and a webhook process) with this package
// installed as a community package, an owner, a public API key and a yandexMarketApi credential.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { N8nClient, type N8nConnection } from './client';
import { CREDENTIAL_TYPE, RESULTS_DIR, TRIGGER_TYPE } from './paths';
import { installPackage, packPackage } from './pkg';
import { freePort, groupRssMb, spawnGroup, tail, waitForHttp, type ManagedProcess } from './proc';
import { ensureRuntime, hasModule, lineFromEnv, type N8nLine, type Runtime } from './runtime';
import { startPostgres, startRedis, type Service } from './services';

const execFileAsync = promisify(execFile);

/** Fixed id of the harness credential: example workflows reference it. */
export const CREDENTIAL_ID = 'ymMarketCred0001';
export const DEFAULT_OWNER = {
	email: 'owner@example.com',
	password: 'Yandex-Market-1',
	firstName: 'Demo',
	lastName: 'Owner',
};
/** Must stay the same for one user folder (n8n writes it to .n8n/config on first run). */
export const ENCRYPTION_KEY = 'n8n-nodes-yandex-market-local-encryption-key';

export interface StartN8nOptions {
	mode?: 'regular' | 'queue';
	line?: N8nLine;
	/** Credential pointing at the sandbox: `{ environment: 'custom', baseUrl: sandboxUrl, apiKey }`. */
	sandboxUrl?: string;
	apiKey?: string;
	/** Full credential override (e.g. a production key); wins over sandboxUrl/apiKey. */
	credential?: { name: string; data: Record<string, unknown> };
	/** More credentials imported with the Yandex one (fixed ids, e.g. the stand-ins' Telegram/OpenAI/CRM ones). */
	extraCredentials?: Array<{
		id: string;
		name: string;
		type: string;
		data: Record<string, unknown>;
	}>;
	/** Holds user/ (N8N_USER_FOLDER), logs/ and pids/. Default test-results/n8n-<line>-<mode>. */
	workDir?: string;
	/** Delete workDir/user first (default true). npm start keeps it so the user's workflows survive. */
	fresh?: boolean;
	/** Package tarball (default: `npm pack` of the repository, or YM_PACKAGE_TARBALL). */
	tarball?: string;
	/** Start n8n without the package (bench: start time with and without it). */
	withoutPackage?: boolean;
	/** Main (editor + REST) port; default a free one. */
	port?: number;
	/** Queue mode database (default postgres; sqlite works for light loads only). */
	db?: 'sqlite' | 'postgres';
	owner?: typeof DEFAULT_OWNER;
	/** Extra environment for every n8n process. */
	env?: Record<string, string>;
	/** Runs after the credential import and before `n8n start` (CLI imports, publish:workflow). */
	beforeStart?: (cli: (args: string[]) => Promise<string>) => Promise<void>;
	startTimeoutMs?: number;
	/**
	 * Queue mode: how many `n8n webhook` processes to start (default 1), each on its own port. The connection's
	 * webhookBaseUrl is the first one; `webhookProcessUrls` lists all, for a load balancer in front (bench/).
	 */
	webhookProcesses?: number;
}

export interface StartTimings {
	importMs: number;
	mainReadyMs: number;
	workerReadyMs?: number;
	webhookReadyMs?: number;
	totalMs: number;
}

export class N8nInstance extends N8nClient {
	constructor(
		connection: N8nConnection,
		readonly runtime: Runtime,
		readonly userFolder: string,
		readonly processes: ManagedProcess[],
		readonly services: Service[],
		readonly timings: StartTimings,
		private readonly spawnMain?: () => Promise<ManagedProcess>,
	) {
		super(connection);
	}

	/**
	 * Stops the main process (editor, REST, triggers and pollers), runs `whileDown`, and starts main again on the same
	 * user folder and database; workers, the webhook process and the services keep running. Published workflows
	 * are activated again on start, as after any restart of n8n.
	 */
	async restartMain(whileDown?: () => Promise<void>): Promise<void> {
		const index = this.processes.findIndex((p) => p.name === 'n8n-main');
		if (index < 0 || !this.spawnMain)
			throw new Error('this instance cannot restart its main process');
		await this.processes[index].stop();
		if (whileDown) await whileDown();
		this.processes[index] = await this.spawnMain();
	}

	/** Tails of every log (n8n processes, redis, postgres). */
	logs(lines = 80): string {
		return Object.values(this.connection.logFiles)
			.map((file) => tail(file, lines))
			.join('\n');
	}

	/** RSS in MB per process group (n8n main includes its task runner). */
	rss(): Record<string, number> {
		return Object.fromEntries(this.processes.map((p) => [p.name, groupRssMb(p.pid)]));
	}

	/**
	 * SIGTERM, then SIGKILL after `graceMs` (default 15 s). A restart that must lose nothing gives n8n more than its
	 * own N8N_GRACEFUL_SHUTDOWN_TIMEOUT (30 s), as the README asks of a process manager.
	 */
	async stop(graceMs?: number): Promise<void> {
		// Webhook and worker first, then main, then the services they use.
		for (const proc of [...this.processes].reverse()) await proc.stop('SIGTERM', graceMs);
		for (const service of this.services) await service.stop();
	}
}

// n8n runs as a user runs it: none of the caller's n8n settings, and none of the npm_* variables that `npm start` /
// `npm test` export (the repository's .npmrc ignore-scripts=true among them) reach it, or the npm that n8n runs to
// install community packages from the editor.
function cleanEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^npm_/i.test(key)) continue;
		if (
			/^(N8N_|DB_|QUEUE_|EXECUTIONS_|WEBHOOK_URL$|NODE_ENV$|NODE_OPTIONS$|GENERIC_TIMEZONE$|OFFLOAD_)/.test(
				key,
			)
		)
			continue;
		env[key] = value;
	}
	return env;
}

/**
 * The offline, loopback-only environment: n8n listens on 127.0.0.1 and every feature that would call out (telemetry,
 * version notifications, templates, banners, license renewal, package checks) is off.
 */
export function n8nEnv(
	runtime: Runtime,
	userFolder: string,
	port: number,
	brokerPort: number,
	webhookBaseUrl: string,
) {
	const base = `http://127.0.0.1:${port}/`;
	const env: NodeJS.ProcessEnv = {
		...cleanEnv(),
		PATH: `${path.join(runtime.nodeDir, 'bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: webhookBaseUrl,
		N8N_EDITOR_BASE_URL: base,
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_MODE: 'internal',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_PYTHON_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		// 2.41 fetches api.n8n.io at start unless this module is off; older versions reject unknown module names.
		N8N_DISABLED_MODULES: hasModule(runtime, 'mcp-registry') ? 'mcp-registry' : '',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		// n8n 1.123 on Node 20 cannot start its default "vm" engine (scripts/runtime-versions.sh).
		...(runtime.expressionEngine ? { N8N_EXPRESSION_ENGINE: runtime.expressionEngine } : {}),
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		// 1.123's default expression engine needs isolated-vm, which ships no prebuilt binary for Node 20 (only
		// Node 22/24 ABIs) and is not compiled by the install (--ignore-scripts): n8n would exit at start.
		...(runtime.line === 'v1' ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {}),
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
	};
	return env;
}

async function ownerSession(baseUrl: string, owner: typeof DEFAULT_OWNER): Promise<string> {
	const setup = await fetch(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(owner),
	});
	const setupText = await setup.text();
	if (!setup.ok && !(setup.status === 400 && /already/i.test(setupText))) {
		throw new Error(`Owner setup failed: HTTP ${setup.status} ${setupText}`);
	}
	const login = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			emailOrLdapLoginId: owner.email,
			email: owner.email,
			password: owner.password,
		}),
	});
	if (!login.ok) {
		throw new Error(
			`Login as ${owner.email} failed (HTTP ${login.status} ${await login.text()}). ` +
				'If you changed the owner password in this user folder, set YM_N8N_OWNER_EMAIL / YM_N8N_OWNER_PASSWORD.',
		);
	}
	const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]);
	const auth = cookies.find((c) => c.startsWith('n8n-auth='));
	if (!auth) throw new Error('Login did not set the n8n-auth cookie');
	return auth;
}

async function createApiKey(baseUrl: string, cookie: string): Promise<string> {
	const call = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
		const res = await fetch(`${baseUrl}${route}`, {
			method,
			headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
			body: body ? JSON.stringify(body) : undefined,
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} ${route} -> HTTP ${res.status} ${text}`);
		return JSON.parse(text) as T;
	};
	// Old harness keys in a persistent user folder are removed, so keys do not pile up.
	type Key = { id: string; label: string };
	const existing = (
		await call<{ data: Key[] | { items?: Key[]; data?: Key[] } }>('GET', '/rest/api-keys')
	).data;
	const keys = Array.isArray(existing) ? existing : (existing.items ?? existing.data ?? []);
	for (const key of keys.filter((k) => k.label?.startsWith('harness'))) {
		await call('DELETE', `/rest/api-keys/${key.id}`);
	}
	let scopes: string[] | undefined;
	try {
		scopes = (await call<{ data: string[] }>('GET', '/rest/api-keys/scopes')).data;
	} catch {
		scopes = undefined; // versions without scoped keys
	}
	const created = await call<{ data: { rawApiKey: string } }>('POST', '/rest/api-keys', {
		label: `harness ${new Date().toISOString()}`,
		expiresAt: null,
		...(scopes ? { scopes } : {}),
	});
	return created.data.rawApiKey;
}

async function triggerWebhookPath(client: N8nClient): Promise<string> {
	try {
		const res = await client.request<{
			data: Array<{ name: string; webhooks?: Array<{ path?: string }> }>;
		}>('POST', '/rest/node-types', { nodeInfos: [{ name: TRIGGER_TYPE, version: 1 }] }, 'cookie');
		const path = res.data?.[0]?.webhooks?.[0]?.path;
		if (typeof path === 'string' && path && !path.startsWith('=')) return path;
	} catch {
		// fall through
	}
	return 'webhook';
}

export async function startN8n(options: StartN8nOptions = {}): Promise<N8nInstance> {
	const started = Date.now();
	const mode = options.mode ?? 'regular';
	const runtime = ensureRuntime(options.line ?? lineFromEnv());
	const workDir = options.workDir ?? path.join(RESULTS_DIR, `n8n-${runtime.line}-${mode}`);
	const userFolder = path.join(workDir, 'user');
	const logDir = path.join(workDir, 'logs');
	// scripts/e2e.sh and scripts/start.sh set YM_RUN_DIR: pid files of this run go there (their safety net stops
	// exactly these process groups), and the work folder is listed so a failing run prints its own logs.
	const runDir = process.env.YM_RUN_DIR;
	const pidDir = runDir ? path.join(runDir, 'pids') : path.join(workDir, 'pids');
	if (runDir) {
		fs.mkdirSync(runDir, { recursive: true });
		fs.appendFileSync(path.join(runDir, 'workdirs'), `${workDir}\n`);
	}
	if (options.fresh ?? true) {
		fs.rmSync(userFolder, { recursive: true, force: true });
		fs.rmSync(logDir, { recursive: true, force: true });
	}
	fs.mkdirSync(userFolder, { recursive: true });
	fs.mkdirSync(logDir, { recursive: true });
	if (!options.withoutPackage) installPackage(userFolder, options.tarball ?? packPackage());

	const port = options.port ?? (await freePort());
	const baseUrl = `http://127.0.0.1:${port}`;
	const services: Service[] = [];
	const processes: ManagedProcess[] = [];
	const logFiles: Record<string, string> = {};
	const stopAll = async () => {
		for (const proc of [...processes].reverse()) await proc.stop();
		for (const service of services) await service.stop();
	};

	try {
		const queue = mode === 'queue';
		const webhookCount = queue ? Math.max(1, options.webhookProcesses ?? 1) : 0;
		const webhookPorts: number[] = [];
		for (let i = 0; i < webhookCount; i++) webhookPorts.push(await freePort());
		const webhookPort = queue ? webhookPorts[0] : port;
		const webhookBaseUrl = `http://127.0.0.1:${webhookPort}/`;
		const webhookProcessUrls = webhookPorts.map((p) => `http://127.0.0.1:${p}/`);
		const webhooks: ManagedProcess[] = [];
		const env = n8nEnv(runtime, userFolder, port, await freePort(), webhookBaseUrl);
		const db = options.db ?? (queue ? 'postgres' : 'sqlite');
		if (db === 'postgres') {
			const pg = await startPostgres({ logDir, pidDir });
			services.push(pg);
			logFiles.postgres = pg.proc.logFile;
			Object.assign(env, {
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: '127.0.0.1',
				DB_POSTGRESDB_PORT: String(pg.port),
				DB_POSTGRESDB_DATABASE: pg.database,
				DB_POSTGRESDB_USER: pg.user,
				DB_POSTGRESDB_PASSWORD: 'n8n',
			});
		}
		if (queue) {
			const redis = await startRedis({ logDir, pidDir });
			services.push(redis);
			logFiles.redis = redis.proc.logFile;
			Object.assign(env, {
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(redis.port),
				QUEUE_BULL_PREFIX: 'ym',
				N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			});
		}
		Object.assign(env, options.env ?? {});

		const cliLog = path.join(logDir, 'cli.log');
		logFiles.cli = cliLog;
		const cli = async (args: string[]): Promise<string> => {
			fs.appendFileSync(cliLog, `\n### n8n ${args.join(' ')}\n`);
			try {
				const { stdout, stderr } = await execFileAsync(runtime.nodeBin, [runtime.n8nBin, ...args], {
					env,
					cwd: userFolder,
					maxBuffer: 64 * 1024 * 1024,
				});
				fs.appendFileSync(cliLog, stdout + stderr);
				return stdout;
			} catch (error) {
				const e = error as Error & { stdout?: string; stderr?: string };
				fs.appendFileSync(cliLog, `${e.stdout ?? ''}${e.stderr ?? ''}`);
				throw new Error(`n8n ${args.join(' ')} failed: ${e.message}\n${tail(cliLog, 40)}`);
			}
		};

		// The credential goes in through the CLI import (any 2.x; plain `data` is encrypted on import, and the
		// fixed id makes it an upsert for a persistent user folder). The file is deleted right after.
		const importStarted = Date.now();
		const credential = options.credential ?? {
			name: 'Yandex Market (sandbox)',
			data: {
				apiKey: options.apiKey ?? '',
				environment: 'custom',
				baseUrl: options.sandboxUrl ?? '',
			},
		};
		const credFile = path.join(userFolder, 'harness-credential.json');
		fs.writeFileSync(
			credFile,
			JSON.stringify([
				{ id: CREDENTIAL_ID, name: credential.name, type: CREDENTIAL_TYPE, data: credential.data },
				...(options.extraCredentials ?? []),
			]),
			{ mode: 0o600 },
		);
		try {
			await cli(['import:credentials', `--input=${credFile}`]);
		} finally {
			fs.rmSync(credFile, { force: true });
		}
		if (options.beforeStart) await options.beforeStart(cli);
		const importMs = Date.now() - importStarted;

		const timeout = options.startTimeoutMs ?? 120000;
		const mainSpawned = Date.now();
		const spawnMain = async (): Promise<ManagedProcess> => {
			const main = spawnGroup('n8n-main', runtime.nodeBin, [runtime.n8nBin, 'start'], {
				env,
				cwd: userFolder,
				logFile: path.join(logDir, 'n8n-main.log'),
				pidFile: path.join(pidDir, `n8n-main-${port}.pid`),
			});
			try {
				await waitForHttp(`${baseUrl}/healthz/readiness`, timeout, { proc: main });
				// 2.8.4 reports ready before its REST routes exist: wait for the editor's settings endpoint too.
				await waitForHttp(`${baseUrl}/rest/settings`, timeout, { proc: main });
			} catch (error) {
				await main.stop();
				throw error;
			}
			return main;
		};
		const main = await spawnMain();
		processes.push(main);
		logFiles.main = main.logFile;
		const mainReadyMs = Date.now() - mainSpawned;

		let workerReadyMs: number | undefined;
		let webhookReadyMs: number | undefined;
		if (queue) {
			const healthPort = await freePort();
			const worker = spawnGroup(
				'n8n-worker',
				runtime.nodeBin,
				[runtime.n8nBin, 'worker', '--concurrency=5'],
				{
					env: {
						...env,
						N8N_RUNNERS_BROKER_PORT: String(await freePort()),
						QUEUE_HEALTH_CHECK_ACTIVE: 'true',
						QUEUE_HEALTH_CHECK_PORT: String(healthPort),
						N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
					},
					cwd: userFolder,
					logFile: path.join(logDir, 'n8n-worker.log'),
					pidFile: path.join(pidDir, `n8n-worker-${port}.pid`),
				},
			);
			processes.push(worker);
			logFiles.worker = worker.logFile;
			for (let i = 0; i < webhookCount; i++) {
				// The first keeps the names it always had, so single-process runs look as before.
				const name = i === 0 ? 'n8n-webhook' : `n8n-webhook-${i + 1}`;
				const webhook = spawnGroup(name, runtime.nodeBin, [runtime.n8nBin, 'webhook'], {
					env: {
						...env,
						N8N_PORT: String(webhookPorts[i]),
						N8N_RUNNERS_BROKER_PORT: String(await freePort()),
					},
					cwd: userFolder,
					logFile: path.join(logDir, `${name}.log`),
					pidFile: path.join(pidDir, `${name}-${port}.pid`),
				});
				webhooks.push(webhook);
				processes.push(webhook);
				logFiles[i === 0 ? 'webhook' : `webhook${i + 1}`] = webhook.logFile;
			}
			const t0 = Date.now();
			await waitForHttp(`http://127.0.0.1:${healthPort}/healthz/readiness`, timeout, {
				proc: worker,
			});
			workerReadyMs = Date.now() - t0;
			for (let i = 0; i < webhookCount; i++) {
				await waitForHttp(`${webhookProcessUrls[i]}healthz/readiness`, timeout, {
					proc: webhooks[i],
				});
			}
			webhookReadyMs = Date.now() - t0;
		}

		const owner = options.owner ?? DEFAULT_OWNER;
		const cookie = await ownerSession(baseUrl, owner);
		const apiKey = await createApiKey(baseUrl, cookie);
		const connection: N8nConnection = {
			mode,
			line: runtime.line,
			n8nVersion: runtime.n8nVersion,
			baseUrl,
			webhookBaseUrl,
			...(queue ? { webhookProcessUrls } : {}),
			apiKey,
			cookie,
			credentialId: CREDENTIAL_ID,
			credentialName: credential.name,
			owner: { email: owner.email, password: owner.password },
			logFiles,
			triggerWebhookPath: 'webhook',
		};
		connection.triggerWebhookPath = await triggerWebhookPath(new N8nClient(connection));
		return new N8nInstance(
			connection,
			runtime,
			userFolder,
			processes,
			services,
			{
				importMs,
				mainReadyMs,
				workerReadyMs,
				webhookReadyMs,
				totalMs: Date.now() - started,
			},
			spawnMain,
		);
	} catch (error) {
		await stopAll();
		throw error;
	}
}
