/**
 * The one row shape every bench module returns, and the table `npm run bench` prints. `ours` is the package's
 * figure, `baseline` n8n's own node measured side by side in the same n8n; `ratio` is ours / baseline in the
 * direction of the unit (for a time, above 1 is slower; for a throughput, below 1 is slower), see `note`.
 */
export interface BenchRow {
	group: string;
	case: string;
	ours: number;
	baseline?: number;
	unit: string;
	ratio?: number;
	note?: string;
}

function fmt(x: number | undefined): string {
	if (x === undefined || Number.isNaN(x)) return '';
	if (Math.abs(x) >= 100) return x.toFixed(0);
	if (Math.abs(x) >= 10) return x.toFixed(1);
	return x.toFixed(2);
}

/** Prints rows as an aligned text table (also valid Markdown), grouped in the order given. */
export function printTable(rows: BenchRow[], out: (line: string) => void = console.log): void {
	const header = ['group', 'case', 'ours', 'baseline', 'unit', 'ratio', 'note'];
	const cells = rows.map((r) => [
		r.group,
		r.case,
		fmt(r.ours),
		fmt(r.baseline),
		r.unit,
		r.ratio === undefined ? '' : `${fmt(r.ratio)}×`,
		r.note ?? '',
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
	const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i])).join(' | ')} |`;
	out(line(header));
	out(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
	for (const c of cells) out(line(c));
}
