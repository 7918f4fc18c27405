// Runs the Yandex Market sandbox (sandbox/, owned by its own engineer) as a separate process, exactly like
// `npm run sandbox` does, for scripts/start.sh. Tests usually start it in-process with startSandbox().
import * as fs from 'fs';
import * as path from 'path';
import { createControlClient, SANDBOX_KEYS } from '../sandbox';
import type { SandboxControlClient } from '../sandbox';
import { freePort, spawnGroup, waitForHttp, type ManagedProcess } from './proc';
import { REPO_ROOT } from './paths';

export interface SandboxProcess {
	url: string;
	port: number;
	keys: typeof SANDBOX_KEYS;
	control: SandboxControlClient;
	proc: ManagedProcess;
	stop(): Promise<void>;
}

export async function startSandboxProcess(options: {
	port?: number;
	/** Where notifications go; the first is the notifier URL, the others get copies (sandbox only). */
	notifyUrls?: string[];
	logFile: string;
	pidFile?: string;
	timeoutMs?: number;
}): Promise<SandboxProcess> {
	const port = options.port ?? (await freePort());
	const cli = path.join(REPO_ROOT, 'sandbox', 'cli.ts');
	if (!fs.existsSync(cli)) throw new Error(`Sandbox CLI not found: ${cli}`);
	const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
	const args = [
		cli,
		'--port',
		String(port),
		...(options.notifyUrls?.length ? ['--notify-url', options.notifyUrls.join(',')] : []),
	];
	const proc = spawnGroup('sandbox', tsx, args, {
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
	return {
		url,
		port,
		keys: SANDBOX_KEYS,
		control: createControlClient(url),
		proc,
		stop: () => proc.stop(),
	};
}
