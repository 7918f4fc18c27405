// Process helpers for the real-n8n harness: every long-running child is spawned in its own session (setsid via
// `detached: true`), so stopping it means signalling its whole process group (n8n's task-runner child included).
import { spawn, execFileSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';

export interface ManagedProcess {
	name: string;
	pid: number;
	logFile: string;
	child: ChildProcess;
	/** Resolves with the exit code (or signal name) once the process is gone. */
	exited: Promise<number | string>;
	isRunning(): boolean;
	stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	logFile: string;
	/** Written with the pid, so an outer shell (scripts/start.sh trap) can stop the group too. */
	pidFile?: string;
}

export function spawnGroup(
	name: string,
	command: string,
	args: string[],
	options: SpawnOptions,
): ManagedProcess {
	fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
	const out = fs.openSync(options.logFile, 'a');
	fs.writeSync(out, `\n### ${new Date().toISOString()} ${name}: ${command} ${args.join(' ')}\n`);
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env,
		detached: true,
		stdio: ['ignore', out, out],
	});
	fs.closeSync(out);
	if (child.pid === undefined) throw new Error(`Could not spawn ${name} (${command})`);
	const pid = child.pid;
	if (options.pidFile) {
		fs.mkdirSync(path.dirname(options.pidFile), { recursive: true });
		fs.writeFileSync(options.pidFile, `${pid}\n`);
	}
	let running = true;
	const exited = new Promise<number | string>((resolve) => {
		child.on('exit', (code, signal) => {
			running = false;
			if (options.pidFile) fs.rmSync(options.pidFile, { force: true });
			resolve(code ?? signal ?? 'unknown');
		});
		child.on('error', () => {
			running = false;
			resolve('spawn-error');
		});
	});
	const proc: ManagedProcess = {
		name,
		pid,
		logFile: options.logFile,
		child,
		exited,
		isRunning: () => running,
		stop: async (signal: NodeJS.Signals = 'SIGTERM', graceMs = 15000) => {
			if (!running) return;
			killGroup(pid, signal);
			const done = await Promise.race([exited.then(() => true), delay(graceMs).then(() => false)]);
			if (!done) {
				killGroup(pid, 'SIGKILL');
				await Promise.race([exited, delay(2000)]);
			}
			// The leader may be gone while group members (a task runner) linger: sweep the group.
			killGroup(pid, 'SIGKILL');
		},
	};
	return proc;
}

export function killGroup(pid: number, signal: NodeJS.Signals): boolean {
	try {
		process.kill(-pid, signal);
		return true;
	} catch {
		return false;
	}
}

export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A port for a process we start next (n8n's main, webhook and worker ports, its task broker). Not one the kernel
 * picks (listen on 0): those come from the ephemeral range, which outgoing connections draw from too, so between our
 * check and the child's bind a connection to Redis, PostgreSQL or the sandbox could take it (seen in queue mode:
 * "n8n Task Broker's port … is already in use"). Instead a random port below that range that is free now, never the
 * same twice in this process.
 */
export async function freePort(): Promise<number> {
	const [low, high] = portRangeBelowEphemeral();
	for (let attempt = 0; attempt < 200; attempt++) {
		const port = low + Math.floor(Math.random() * (high - low));
		if (handedOut.has(port) || !(await isPortFree(port))) continue;
		handedOut.add(port);
		return port;
	}
	throw new Error(`no free port found between ${low} and ${high}`);
}

const handedOut = new Set<number>();

/** What the kernel says its ephemeral range is ("32768\t60999"), or undefined where there is no such file. */
function ephemeralRangeText(): string | undefined {
	try {
		return fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8');
	} catch {
		return undefined;
	}
}

/**
 * [low, high): the 12,000 ports below the kernel's ephemeral range (`rangeText` as in ip_local_port_range; Linux
 * default 32768-60999 when it is missing or unreadable), and never below 10000.
 */
export function portRangeBelowEphemeral(
	rangeText: string | undefined = ephemeralRangeText(),
): [number, number] {
	const first = Number((rangeText ?? '').trim().split(/\s+/)[0]);
	const ephemeralLow = Number.isInteger(first) && first > 0 ? first : 32_768;
	const high = Math.max(ephemeralLow, 22_000);
	return [Math.max(10_000, high - 12_000), high];
}

export async function isPortFree(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/**
 * Polls `url` until `accept(status)` holds. Fails early when `proc` exits, and then includes its log tail.
 */
export async function waitForHttp(
	url: string,
	timeoutMs: number,
	options: { proc?: ManagedProcess; accept?: (status: number) => boolean; method?: string } = {},
): Promise<number> {
	const accept = options.accept ?? ((status: number) => status === 200);
	const started = Date.now();
	let last = 'no answer';
	while (Date.now() - started < timeoutMs) {
		if (options.proc && !options.proc.isRunning()) {
			throw new Error(
				`${options.proc.name} exited while waiting for ${url}\n${tail(options.proc.logFile, 60)}`,
			);
		}
		try {
			const res = await fetch(url, {
				method: options.method ?? 'GET',
				signal: AbortSignal.timeout(5000),
			});
			await res.arrayBuffer();
			if (accept(res.status)) return Date.now() - started;
			last = `HTTP ${res.status}`;
		} catch (error) {
			last = (error as Error).message;
		}
		await delay(150);
	}
	const logs = options.proc ? `\n${tail(options.proc.logFile, 60)}` : '';
	throw new Error(`Timed out after ${timeoutMs} ms waiting for ${url} (last: ${last})${logs}`);
}

export function tail(file: string, lines: number): string {
	try {
		const text = fs.readFileSync(file, 'utf8').split('\n');
		return `--- last ${lines} lines of ${file} ---\n${text.slice(-lines - 1).join('\n')}`;
	} catch {
		return `--- ${file}: no log ---`;
	}
}

/** Resident set size of a process group in MB (sum over members), from ps. */
export function groupRssMb(pid: number): number {
	try {
		const out = execFileSync('ps', ['-o', 'rss=', '-g', String(pid)], { encoding: 'utf8' });
		return Math.round(
			out.split('\n').reduce((sum, line) => sum + (Number(line.trim()) || 0), 0) / 1024,
		);
	} catch {
		return 0;
	}
}

/**
 * Polls `check` until it returns something other than undefined, null or false, or fails after `timeoutMs` naming `what`
 * and the last value seen (for e2e tests, which may not use timers themselves).
 */
export async function waitFor<T>(
	what: string,
	check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
	timeoutMs = 30000,
	intervalMs = 150,
): Promise<T> {
	const started = Date.now();
	let lastError: unknown;
	for (;;) {
		try {
			const value = await check();
			if (value !== undefined && value !== null && value !== false) return value;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() - started > timeoutMs) {
			throw new Error(
				`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`,
			);
		}
		await delay(intervalMs);
	}
}
