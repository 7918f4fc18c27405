// n8n's verification scan (@n8n/scan-community-package), offline. The real `npx @n8n/scan-community-package <name>`
// checks npm provenance, downloads the attested source from GitHub and the tarball from npm, then lints both with
// one ESLint rule set: the source's package.json and {nodes,credentials}/**/*.{js,ts,json}, and the tarball's
// **/*.js and package.json. Here the source is this working tree and the tarball is `npm pack`'s, and both legs go
// through the scanner's own analyzePackage() with its own SOURCE_FILE_PATTERNS and buildScanConfig(). Provenance
// can only exist on a package published from GitHub Actions (.github/workflows/publish.yml), so it is not checked.
//
// Stricter than the scanner: it fails on warnings too, and on a tarball that ships source maps, a
// sourceMappingURL comment, or files outside dist/, index.js and npm's own README/LICENSE/package.json.
//
//   node scripts/scan-package.mjs <tarball.tgz>    (scripts/scan-package.sh builds and packs first)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tarball = process.argv[2];
if (!tarball || !fs.existsSync(tarball)) {
	console.error('usage: node scripts/scan-package.mjs <tarball.tgz>');
	process.exit(2);
}

// The scanner makes a temp folder when it is imported and removes it at exit only with graceful cleanup on.
const scannerDir = path.join(repoRoot, 'node_modules', '@n8n', 'scan-community-package');
createRequire(path.join(scannerDir, 'package.json'))('tmp').setGracefulCleanup();
const scanner = await import(path.join(scannerDir, 'scanner', 'scanner.mjs'));
const { ESLint } = createRequire(path.join(scannerDir, 'package.json'))('eslint');
const glob = createRequire(path.join(scannerDir, 'package.json'))('fast-glob');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ym-scan-'));
const packageDir = path.join(work, 'package');
fs.mkdirSync(packageDir);
execFileSync('tar', ['-xzf', path.resolve(tarball), '-C', packageDir, '--strip-components=1']);

const problems = [];
try {
	// 1. The tarball ships what it should, and no source maps (they would point at sources that are not shipped).
	const shipped = glob.sync('**/*', { cwd: packageDir, dot: true });
	const allowed = /^(dist\/.+|index\.js|package\.json|README\.md|LICENSE(\.md)?|CHANGELOG\.md)$/;
	for (const file of shipped) {
		if (!allowed.test(file)) problems.push(`tarball ships an unexpected file: ${file}`);
		if (file.endsWith('.map')) problems.push(`tarball ships a source map: ${file}`);
		if (/\.(c|m)?js$/.test(file)) {
			const text = fs.readFileSync(path.join(packageDir, file), 'utf8');
			if (/[#@] sourceMappingURL=/.test(text))
				problems.push(`${file} has a sourceMappingURL comment`);
		}
	}

	// 2. The scanner's own gate, both legs, exactly as analyzePackageByName() runs them.
	const legs = [
		{ name: 'source (working tree)', dir: repoRoot, patterns: scanner.SOURCE_FILE_PATTERNS },
		{ name: 'tarball', dir: packageDir, patterns: ['**/*.js', 'package.json'] },
	];
	for (const leg of legs) {
		const result = await scanner.analyzePackage(leg.dir, leg.patterns);
		if (!result.passed) {
			problems.push(`scanner (${leg.name}): ${result.message}\n${result.details ?? ''}`);
		}
	}

	// 3. The same rule set and options once more, to see warnings too (analyzePackage only reports errors).
	const config = await scanner.buildScanConfig();
	for (const leg of legs) {
		const eslint = new ESLint({
			cwd: leg.dir,
			allowInlineConfig: false,
			overrideConfigFile: true,
			overrideConfig: config,
		});
		const files = glob.sync(leg.patterns, {
			cwd: leg.dir,
			absolute: true,
			ignore: ['node_modules/**', '**/package-lock.json'],
		});
		if (files.length === 0) problems.push(`scanner (${leg.name}): no files to lint`);
		const results = await eslint.lintFiles(files);
		const found = results.filter((r) => r.messages.length > 0);
		if (found.length > 0) {
			const text = await (await eslint.loadFormatter('stylish')).format(found);
			problems.push(`scanner rule set (${leg.name}) reports findings:\n${text}`);
		}
		console.log(
			`[scan-package] ${leg.name}: ${files.length} files linted with the scanner's rule set`,
		);
	}
	console.log(`[scan-package] tarball: ${shipped.length} files`);

	// 4. The gate can fail: a package with a runtime dependency and a console call gets the scanner's errors.
	const bad = path.join(work, 'bad');
	fs.mkdirSync(path.join(bad, 'dist'), { recursive: true });
	const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	fs.writeFileSync(
		path.join(bad, 'package.json'),
		JSON.stringify({ ...pkg, dependencies: { axios: '1.0.0' } }),
	);
	fs.writeFileSync(path.join(bad, 'dist', 'bad.js'), 'console.log("x");\n');
	const control = await scanner.analyzePackage(bad, ['**/*.js', 'package.json']);
	const caught = ['no-runtime-dependencies', 'no-console'].filter((rule) =>
		(control.details ?? '').includes(rule),
	);
	if (control.passed || caught.length !== 2) {
		problems.push(
			`control: the scanner passed a package with a runtime dependency and console.log (caught: ${caught.join(', ') || 'nothing'})`,
		);
	}
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}

if (problems.length > 0) {
	for (const p of problems) console.error(`[scan-package] FAILED: ${p}`);
	process.exit(1);
}
console.log(`[scan-package] ok: no findings in ${path.basename(tarball)} or its source`);
