// Which n8n and which Node run the tests. The versions live in runtime/<line>/package.json only (read by
// scripts/runtime-versions.sh); this module asks that script, so the shell scripts and the harness cannot disagree.
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from './paths';

/** node24: the current n8n 2.x on Node 24; node20: the newest n8n 2.x on Node 20; v1: the last n8n 1.x on Node 20. */
export type N8nLine = 'node24' | 'node20' | 'v1';
export const N8N_LINES: readonly N8nLine[] = ['node24', 'node20', 'v1'];

export interface Runtime {
	line: N8nLine;
	n8nVersion: string;
	/** Folder holding bin/node of the Node that runs n8n. */
	nodeDir: string;
	nodeBin: string;
	n8nDir: string;
	/** n8n's JS entry point (run as `<nodeBin> <n8nBin> ...`). */
	n8nBin: string;
	cacheDir: string;
	/** N8N_EXPRESSION_ENGINE for this line, or '' for n8n's default (see scripts/runtime-versions.sh). */
	expressionEngine: string;
}

export function lineFromEnv(value = process.env.N8N_LINE): N8nLine {
	if (value === undefined || value === '') return 'node24';
	const line = N8N_LINES.find((l) => l === value);
	if (!line) throw new Error(`N8N_LINE must be ${N8N_LINES.join(', ')}, not '${value}'`);
	return line;
}

export function resolveRuntime(line: N8nLine = lineFromEnv()): Runtime {
	const script = path.join(REPO_ROOT, 'scripts', 'runtime-versions.sh');
	const out = execFileSync(
		'bash',
		[
			'-c',
			`source "${script}" && printf '%s\\n' "$N8N_VERSION" "$NODE_DIR" "$N8N_DIR" "$N8N_BIN" "$YM_RUNTIME_CACHE" "$YM_EXPRESSION_ENGINE"`,
		],
		{ encoding: 'utf8', env: { ...process.env, N8N_LINE: line } },
	);
	const [n8nVersion, nodeDir, n8nDir, n8nBin, cacheDir, expressionEngine = ''] = out
		.replace(/\n$/, '')
		.split('\n');
	return {
		line,
		n8nVersion,
		nodeDir,
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		n8nDir,
		n8nBin,
		cacheDir,
		expressionEngine,
	};
}

export function isInstalled(runtime: Runtime): boolean {
	const marker = path.join(runtime.n8nDir, '.installed');
	return (
		fs.existsSync(marker) &&
		fs.readFileSync(marker, 'utf8').trim() === runtime.n8nVersion &&
		fs.existsSync(runtime.nodeBin) &&
		fs.existsSync(runtime.n8nBin)
	);
}

/** Runs scripts/install-n8n.sh when the pinned runtime is missing (minutes on a cold cache, a no-op otherwise). */
export function ensureRuntime(line: N8nLine = lineFromEnv()): Runtime {
	const runtime = resolveRuntime(line);
	if (!isInstalled(runtime)) {
		execFileSync('bash', [path.join(REPO_ROOT, 'scripts', 'install-n8n.sh')], {
			stdio: ['ignore', 'inherit', 'inherit'],
			env: { ...process.env, N8N_LINE: line },
		});
	}
	if (!isInstalled(runtime))
		throw new Error(`n8n ${runtime.n8nVersion} is not installed in ${runtime.n8nDir}`);
	return runtime;
}

/** n8n 2.41 has a module that fetches api.n8n.io at start; older versions throw on unknown module names. */
export function hasModule(runtime: Runtime, name: string): boolean {
	return fs.existsSync(path.join(runtime.n8nDir, 'node_modules', 'n8n', 'dist', 'modules', name));
}

/** The committed package files of a runtime folder (runtime/node24, node20, v1, node), parsed. */
export function runtimePackageFiles(folder: string): { pkg: unknown; lock: unknown } {
	const dir = path.join(REPO_ROOT, 'runtime', folder);
	const read = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
	return { pkg: read('package.json'), lock: read('package-lock.json') };
}

/** The 12 hex digits of the lockfile's sha256 that name the line's install folder (scripts/runtime-versions.sh). */
export function lockfileId(folder: string): string {
	const lock = fs.readFileSync(path.join(REPO_ROOT, 'runtime', folder, 'package-lock.json'));
	return createHash('sha256').update(lock).digest('hex').slice(0, 12);
}

/** The files of scripts/, with their text. */
export function scriptTexts(): Array<{ file: string; text: string }> {
	const dir = path.join(REPO_ROOT, 'scripts');
	return fs
		.readdirSync(dir)
		.map((file) => ({ file, text: fs.readFileSync(path.join(dir, file), 'utf8') }));
}
