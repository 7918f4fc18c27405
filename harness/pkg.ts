// Packs the repository the way it is published and installs the tarball into an n8n user folder exactly where a
// community-package install puts it: <user folder>/.n8n/nodes/node_modules/n8n-nodes-yandex-market. Nothing from
// the repository's node_modules can leak in: the package has no runtime dependencies, n8n-workflow is a peer that
// n8n itself provides.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { PACKAGE_NAME, REPO_ROOT, RESULTS_DIR } from './paths';

/** `npm pack` of the repository (dist/ must be built). Returns the tarball path. YM_PACKAGE_TARBALL overrides. */
export function packPackage(destination = path.join(RESULTS_DIR, 'pack')): string {
	const override = process.env.YM_PACKAGE_TARBALL;
	if (override) return path.resolve(override);
	fs.mkdirSync(destination, { recursive: true });
	const out = execFileSync(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', destination],
		{
			cwd: REPO_ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	const info = JSON.parse(out) as Array<{ filename: string }>;
	return path.join(destination, info[0].filename);
}

export function installedPackageDir(userFolder: string): string {
	return path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
}

/** Replaces any previous install, so a restart always loads the freshly packed code. */
export function installPackage(userFolder: string, tarball: string): string {
	if (!fs.existsSync(tarball)) throw new Error(`Package tarball not found: ${tarball}`);
	const target = installedPackageDir(userFolder);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	const pkg = JSON.parse(fs.readFileSync(path.join(target, 'package.json'), 'utf8')) as {
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
	for (const file of [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])]) {
		if (!fs.existsSync(path.join(target, file))) {
			throw new Error(
				`The packed package lacks ${file} (listed in package.json "n8n"); was it built?`,
			);
		}
	}
	return target;
}
