// One-liner setup for e2e test files: `const e2e = useE2E('my-suite');` registers beforeAll/afterAll that start an
// in-process sandbox and a real n8n (its own work folder under test-results/), and stop both afterwards.
// Test files must not touch process, fs or timers (n8n's lint rules), so what they need from those is here.
import * as fs from 'fs';
import * as path from 'path';
import { SANDBOX_KEYS, SANDBOX_SEED, startSandbox } from '../sandbox';
import type { Sandbox, SandboxControlClient } from '../sandbox';
import { startN8n, type N8nInstance, type StartN8nOptions } from './n8n';
import { loadExample } from './examples';
import { CREDENTIAL_TYPE, RESULTS_DIR, TRIGGER_TYPE } from './paths';
import { waitFor } from './proc';
import { lineFromEnv } from './runtime';
import { startStandins, type RunningStandins, type StandinName } from './standins';
import type { CredentialRef, Workflow } from './workflows';

export interface E2E {
	readonly n8n: N8nInstance;
	readonly sandbox: Sandbox;
	readonly control: SandboxControlClient;
	/** The yandexMarketApi credential of the n8n (environment custom, baseUrl = sandbox, communication key). */
	readonly credential: CredentialRef;
	readonly mode: 'regular' | 'queue';
	readonly line: string;
	/** test-results/e2e-<name>-<line>-<mode>/: logs, artifacts, screenshots. */
	readonly workDir: string;
	/** Credential data for another key against the same sandbox (for n8n.createCredential). */
	credentialData(apiKey: string): { apiKey: string; environment: 'custom'; baseUrl: string };
	/** Full text of a log: 'main' | 'worker' | 'webhook' | 'cli' | 'redis' | 'postgres' | 'sandbox'. */
	readLog(name: string): string;
	/** Tails of all logs, for failure messages. */
	logTails(lines?: number): string;
	/** Writes a JSON file next to the logs of this suite (test-results/e2e-<name>-<line>-<mode>/). */
	saveArtifact(name: string, data: unknown): void;
	/** The stand-ins asked for with `standins` (their credentials are imported into n8n with fixed ids). */
	readonly telegram: NonNullable<RunningStandins['telegram']>;
	readonly openai: NonNullable<RunningStandins['openai']>;
	readonly crm: NonNullable<RunningStandins['crm']>;
	/**
	 * Stops n8n (SIGTERM, its graceful stop) and starts it again on the same user folder (database, workflows,
	 * credentials kept); returns how long each half took.
	 */
	restartN8n(): Promise<{ stopMs: number; startMs: number }>;
	/**
	 * An example workflow as a user runs it: imported with this suite's credentials (after `edit`), published, the
	 * sandbox's notifier pointed at its Yandex Market trigger (autoNotify), and a Telegram Trigger registered.
	 */
	publishExample(
		file: string,
		edit?: (workflow: Workflow) => void,
	): Promise<{ id: string; workflow: Workflow }>;
	/** The seller writes into a chat through the API (a PARTNER message; the sandbox notifies it too). HTTP status. */
	sellerMessage(chatId: string, text: string): Promise<number>;
}

export interface UseE2EOptions extends Omit<StartN8nOptions, 'sandboxUrl' | 'apiKey' | 'workDir'> {
	/** Default YM_E2E_MODE or 'regular'. */
	mode?: 'regular' | 'queue';
	/** Extra sandbox options (quotas, windowMs...). */
	sandbox?: Parameters<typeof startSandbox>[0];
	/** Per-test timeout (default 120 s). */
	testTimeoutMs?: number;
	/** Dump the sandbox's requests and notifications into the work folder after the suite (default true). */
	saveSandboxLogs?: boolean;
	/** Stand-ins of outside services to start in-process (Telegram Bot API, OpenAI-compatible model, CRM). */
	standins?: StandinName[];
	/**
	 * More Yandex Market credentials against the same sandbox, imported with fixed ids (e.g. the second business's
	 * key): the public API's credential schema differs between n8n versions, the CLI import does not.
	 */
	yandexCredentials?: Array<{ id: string; name: string; apiKey: string }>;
}

export function e2eMode(): 'regular' | 'queue' {
	return process.env.YM_E2E_MODE === 'queue' ? 'queue' : 'regular';
}

export function useE2E(name: string, options: UseE2EOptions = {}): E2E {
	const mode = options.mode ?? e2eMode();
	const line = options.line ?? lineFromEnv();
	const workDir = path.join(RESULTS_DIR, `e2e-${name}-${line}-${mode}`);
	let n8n: N8nInstance | undefined;
	let sandbox: Sandbox | undefined;
	let standins: RunningStandins | undefined;
	const need = <T>(value: T | undefined, what: string): T => {
		if (value === undefined)
			throw new Error(`${what} is not running (use e2e.* inside tests, after beforeAll)`);
		return value;
	};
	const readLog = (log: string) => {
		const file =
			log === 'sandbox' || log === 'standins'
				? path.join(workDir, `${log}.log`)
				: need(n8n, 'n8n').connection.logFiles[log];
		if (!file) throw new Error(`No log named ${log}`);
		return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
	};
	const saveArtifact = (file: string, data: unknown) => {
		fs.mkdirSync(workDir, { recursive: true });
		fs.writeFileSync(path.join(workDir, file), `${JSON.stringify(data, null, 2)}\n`);
	};

	// Real processes and webhooks: jest's 5 s default is too short for a test.
	jest.setTimeout(options.testTimeoutMs ?? 120000);

	// The in-process sandbox logs one line per request here (next to the n8n logs; printed by e2e.sh on failure).
	const sandboxLog = path.join(workDir, 'sandbox.log');
	const standinLog = path.join(workDir, 'standins.log');
	const n8nOptions = () => ({
		...options,
		mode,
		line,
		workDir,
		sandboxUrl: need(sandbox, 'sandbox').url,
		apiKey: SANDBOX_KEYS.communication,
		extraCredentials: [
			...(standins?.credentials ?? []),
			...(options.yandexCredentials ?? []).map(({ id, name, apiKey }) => ({
				id,
				name,
				type: CREDENTIAL_TYPE,
				data: { apiKey, environment: 'custom', baseUrl: need(sandbox, 'sandbox').url },
			})),
		],
	});

	beforeAll(async () => {
		fs.mkdirSync(workDir, { recursive: true });
		fs.writeFileSync(sandboxLog, '');
		sandbox = await startSandbox({
			port: 0,
			log: (text: string) => fs.appendFileSync(sandboxLog, `${new Date().toISOString()} ${text}\n`),
			...(options.sandbox ?? {}),
		});
		if (options.standins?.length) {
			fs.writeFileSync(standinLog, '');
			standins = await startStandins(options.standins, {
				log: (name, text) =>
					fs.appendFileSync(standinLog, `${new Date().toISOString()} [${name}] ${text}\n`),
			});
		}
		n8n = await startN8n(n8nOptions());
		saveArtifact('start.json', {
			n8nVersion: n8n.runtime.n8nVersion,
			line,
			mode,
			timings: n8n.timings,
			rssMb: n8n.rss(),
		});
	}, 300000);

	afterAll(async () => {
		try {
			if (n8n) saveArtifact('end.json', { rssMb: n8n.rss() });
			if (standins?.telegram) {
				saveArtifact('telegram-calls.json', standins.telegram.state.calls);
				saveArtifact('telegram-deliveries.json', standins.telegram.state.deliveries);
			}
			if (standins?.openai) saveArtifact('openai-requests.json', standins.openai.state.requests);
			if (standins?.crm) saveArtifact('crm-calls.json', standins.crm.state.calls);
			if (sandbox && (options.saveSandboxLogs ?? true)) {
				saveArtifact(
					'sandbox-requests.json',
					await sandbox.control.requests().catch((e: Error) => e.message),
				);
				saveArtifact(
					'sandbox-notifications.json',
					await sandbox.control.notifications().catch((e: Error) => e.message),
				);
			}
		} finally {
			await n8n?.stop();
			await standins?.close();
			await sandbox?.close();
		}
	}, 120000);

	return {
		get n8n() {
			return need(n8n, 'n8n');
		},
		get sandbox() {
			return need(sandbox, 'sandbox');
		},
		get control() {
			return need(sandbox, 'sandbox').control;
		},
		get credential() {
			const instance = need(n8n, 'n8n');
			return { id: instance.credentialId, name: instance.connection.credentialName };
		},
		mode,
		line,
		workDir,
		credentialData: (apiKey: string) => ({
			apiKey,
			environment: 'custom',
			baseUrl: need(sandbox, 'sandbox').url,
		}),
		readLog,
		logTails: (lines = 60) => need(n8n, 'n8n').logs(lines),
		saveArtifact,
		get telegram() {
			return need(standins?.telegram, 'the Telegram stand-in (useE2E standins: telegram)');
		},
		get openai() {
			return need(standins?.openai, 'the model stand-in (useE2E standins: openai)');
		},
		get crm() {
			return need(standins?.crm, 'the CRM stand-in (useE2E standins: crm)');
		},
		async publishExample(file, edit) {
			const instance = need(n8n, 'n8n');
			const workflow = loadExample(file, {
				id: instance.credentialId,
				name: instance.connection.credentialName,
			});
			edit?.(workflow);
			const id = await instance.createWorkflow(workflow);
			await instance.activate(id);
			const yandex = workflow.nodes.find((n) => n.type === TRIGGER_TYPE);
			if (yandex) {
				await need(sandbox, 'sandbox').control.setNotifier({
					url: instance.webhookUrl(String(yandex.webhookId)),
					autoNotify: true,
				});
			}
			const telegram = standins?.telegram;
			if (telegram && workflow.nodes.some((n) => n.type === 'n8n-nodes-base.telegramTrigger')) {
				// n8n serves the webhook before the Telegram Trigger has registered it with setWebhook.
				await waitFor('the Telegram webhook', () => telegram.state.webhook);
			}
			return { id, workflow };
		},
		async sellerMessage(chatId, text) {
			const res = await fetch(
				`${need(sandbox, 'sandbox').url}/v2/businesses/${SANDBOX_SEED.businessId}/chats/message?chatId=${chatId}`,
				{
					method: 'POST',
					headers: { 'Api-Key': SANDBOX_KEYS.communication, 'Content-Type': 'application/json' },
					body: JSON.stringify({ message: text }),
				},
			);
			await res.text();
			return res.status;
		},
		async restartN8n() {
			const before = need(n8n, 'n8n');
			// The same port, as a real restart keeps its URL: Telegram's registered webhook URL stays right.
			const port = Number(new URL(before.baseUrl).port);
			const stopping = Date.now();
			// 45 s: more than n8n's own graceful stop (30 s), the stop timeout the README asks a process manager for.
			await before.stop(45_000);
			const stopMs = Date.now() - stopping;
			n8n = undefined;
			const starting = Date.now();
			n8n = await startN8n({ ...n8nOptions(), fresh: false, port });
			return { stopMs, startMs: Date.now() - starting };
		},
	};
}
