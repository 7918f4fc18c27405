// Redis and PostgreSQL for queue mode, from Debian's packages, each on its own loopback port and in a throw-away
// data folder. scripts/e2e-queue.sh installs the packages when they are missing.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { freePort, spawnGroup, delay, type ManagedProcess } from './proc';

export interface Service {
	port: number;
	proc: ManagedProcess;
	stop(): Promise<void>;
}

function which(binary: string): string | undefined {
	try {
		return (
			execFileSync('bash', ['-c', `command -v ${binary}`], { encoding: 'utf8' }).trim() || undefined
		);
	} catch {
		return undefined;
	}
}

export async function startRedis(options: {
	logDir: string;
	port?: number;
	pidDir?: string;
}): Promise<Service> {
	const bin = which('redis-server');
	if (!bin)
		throw new Error(
			'redis-server is missing: apt-get install -y redis-server (scripts/e2e-queue.sh does it)',
		);
	const port = options.port ?? (await freePort());
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ym-redis-'));
	const proc = spawnGroup(
		'redis',
		bin,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
		],
		{
			logFile: path.join(options.logDir, 'redis.log'),
			pidFile: options.pidDir && path.join(options.pidDir, `redis-${port}.pid`),
		},
	);
	const started = Date.now();
	for (;;) {
		try {
			const pong = execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping'], {
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore'],
			});
			if (pong.trim() === 'PONG') break;
		} catch {
			// not up yet
		}
		if (!proc.isRunning() || Date.now() - started > 20000)
			throw new Error(`redis did not start on ${port}`);
		await delay(100);
	}
	return {
		port,
		proc,
		stop: async () => {
			await proc.stop('SIGTERM', 5000);
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

function pgBinDir(): string {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) throw new Error('PostgreSQL is missing: apt-get install -y postgresql');
	const versions = fs
		.readdirSync(root)
		.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')));
	versions.sort((a, b) => Number(b) - Number(a));
	if (!versions.length) throw new Error('No PostgreSQL server binaries under /usr/lib/postgresql');
	return path.join(root, versions[0], 'bin');
}

/** initdb into a temp folder (as user postgres when running as root), trust auth, user and database `n8n`. */
export async function startPostgres(options: {
	logDir: string;
	port?: number;
	pidDir?: string;
}): Promise<Service & { database: string; user: string }> {
	const bin = pgBinDir();
	const port = options.port ?? (await freePort());
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ym-pg-'));
	const asRoot = process.getuid?.() === 0;
	const run = (cmd: string, args: string[]) =>
		asRoot
			? { command: 'runuser', args: ['-u', 'postgres', '--', cmd, ...args] }
			: { command: cmd, args };
	if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
	const data = path.join(dir, 'data');
	const init = run(path.join(bin, 'initdb'), [
		'-D',
		data,
		'-U',
		'n8n',
		'--auth=trust',
		'-E',
		'UTF8',
		'--no-sync',
	]);
	execFileSync(init.command, init.args, { stdio: 'ignore', cwd: dir });
	const server = run(path.join(bin, 'postgres'), [
		'-D',
		data,
		'-p',
		String(port),
		'-k',
		dir,
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=100',
	]);
	fs.mkdirSync(options.logDir, { recursive: true });
	const proc = spawnGroup('postgres', server.command, server.args, {
		cwd: dir,
		logFile: path.join(options.logDir, 'postgres.log'),
		pidFile: options.pidDir && path.join(options.pidDir, `postgres-${port}.pid`),
	});
	const started = Date.now();
	for (;;) {
		try {
			execFileSync(
				path.join(bin, 'psql'),
				[
					'-h',
					'127.0.0.1',
					'-p',
					String(port),
					'-U',
					'n8n',
					'-d',
					'postgres',
					'-c',
					'CREATE DATABASE n8n',
				],
				{
					stdio: 'ignore',
				},
			);
			break;
		} catch {
			if (!proc.isRunning() || Date.now() - started > 30000)
				throw new Error(`postgres did not start on ${port}; see ${proc.logFile}`);
			await delay(200);
		}
	}
	return {
		port,
		proc,
		database: 'n8n',
		user: 'n8n',
		stop: async () => {
			// SIGINT is PostgreSQL's fast shutdown.
			await proc.stop('SIGINT', 10000);
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}
