/**
 * `npm run bench`: the action node bench (bench/actions.ts) and, when bench/trigger.ts exists and exports
 * runTriggerBench, the trigger bench; one table with ratios at the end. Not run by CI: figures are printed, never
 * asserted (the machine is shared, so they are ranges).
 *
 *   npm run bench [-- --line node24|node20|v1] [--runs 3] [--items 200] [--latency-items 100] [--only actions|trigger]
 *       [--results bench/RESULTS.actions.md]
 */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { ensureRuntime, lineFromEnv } from '../harness';
import { machineLine, runActionsBench, writeResults } from './actions';
import type { BenchRow } from './table';
import { printTable, tableText } from './table';

function arg(argv: string[], name: string): string | undefined {
	const i = argv.indexOf(`--${name}`);
	return i >= 0 ? argv[i + 1] : undefined;
}

type TriggerBench = (options: { line?: string }) => Promise<BenchRow[]>;

/** The trigger bench lives in its own file (another part of the work); this entry runs without it too. */
async function triggerBench(): Promise<TriggerBench | undefined> {
	const file = ['trigger.ts', 'trigger.js']
		.map((f) => path.join(__dirname, f))
		.find((f) => fs.existsSync(f));
	if (file === undefined) return undefined;
	// A computed specifier: the type checker must not require the file on a branch that does not have it.
	const mod = (await import(pathToFileURL(file).href)) as {
		runTriggerBench?: TriggerBench;
		default?: { runTriggerBench?: TriggerBench };
	};
	// tsx hands a CommonJS module to import() as its `default`.
	const run = mod.runTriggerBench ?? mod.default?.runTriggerBench;
	return typeof run === 'function' ? run : undefined;
}

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	const line = lineFromEnv(arg(argv, 'line'));
	const only = arg(argv, 'only');
	const number = (name: string) =>
		arg(argv, name) === undefined ? undefined : Number(arg(argv, name));
	const rows: BenchRow[] = [];
	if (only === undefined || only === 'actions') {
		rows.push(
			...(await runActionsBench({
				line,
				runs: number('runs'),
				items: number('items'),
				latencyItems: number('latency-items'),
			})),
		);
	}
	if (only === undefined || only === 'trigger') {
		const trigger = await triggerBench();
		if (trigger) rows.push(...(await trigger({ line })));
		else
			console.error(
				'bench: bench/trigger.ts does not export runTriggerBench; trigger rows skipped',
			);
	}
	const header = machineLine(line, ensureRuntime(line).n8nVersion);
	console.log(`\n${header}\n`);
	printTable(rows);
	const results = arg(argv, 'results');
	if (results) writeResults(results, 'Bench results', header, tableText(rows));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
