// One-liner setup for e2e test files: `const e2e = useE2E('my-suite');` registers beforeAll/afterAll that start an
// in-process sandbox and a real n8n (its own work folder under test-results/), and stop both afterwards.
// Test files must not touch process, fs or timers (n8n's lint rules), so what they need from those is here.
import * as fs from 'fs';
import * as path from 'path';
import { SANDBOX_KEYS, startSandbox } from '../sandbox';
import type { Sandbox, SandboxControlClient } from '../sandbox';
import { startN8n, type N8nInstance, type StartN8nOptions } from './n8n';
import { RESULTS_DIR } from './paths';
import { lineFromEnv } from './runtime';
import type { CredentialRef } from './workflows';

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
	const need = <T>(value: T | undefined, what: string): T => {
		if (value === undefined)
			throw new Error(`${what} is not running (use e2e.* inside tests, after beforeAll)`);
		return value;
	};
	const readLog = (log: string) => {
		const file =
			log === 'sandbox'
				? path.join(workDir, 'sandbox.log')
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

	beforeAll(async () => {
		fs.mkdirSync(workDir, { recursive: true });
		fs.writeFileSync(sandboxLog, '');
		sandbox = await startSandbox({
			port: 0,
			log: (text: string) => fs.appendFileSync(sandboxLog, `${new Date().toISOString()} ${text}\n`),
			...(options.sandbox ?? {}),
		});
		n8n = await startN8n({
			...options,
			mode,
			line,
			workDir,
			sandboxUrl: sandbox.url,
			apiKey: SANDBOX_KEYS.communication,
		});
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
	};
}
