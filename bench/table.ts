/** One row of the `npm run bench` table, and the table printer both benches share. */
export interface BenchRow {
	group: string;
	case: string;
	ours: number;
	baseline?: number;
	unit: string;
	ratio?: number;
	note?: string;
}

function format(n: number | undefined): string {
	if (n === undefined || !Number.isFinite(n)) return '';
	if (Math.abs(n) >= 100) return String(Math.round(n));
	return String(Math.round(n * 100) / 100);
}

/** ours / baseline, unless the row brings its own ratio. */
function ratioOf(row: BenchRow): number | undefined {
	if (row.ratio !== undefined) return row.ratio;
	return row.baseline ? row.ours / row.baseline : undefined;
}

/** The rows as a Markdown table (readable in a terminal, pasteable into RESULTS.md). */
export function tableText(rows: BenchRow[]): string {
	const header = ['group', 'case', 'ours', 'baseline', 'unit', 'ratio', 'note'];
	const lines = rows.map((r) => [
		r.group,
		r.case,
		format(r.ours),
		format(r.baseline),
		r.unit,
		ratioOf(r) === undefined ? '' : `${format(ratioOf(r))}×`,
		r.note ?? '',
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
	const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
	return [row(header), row(widths.map((w) => '-'.repeat(w))), ...lines.map(row)].join('\n');
}

export function printTable(rows: BenchRow[]): void {
	console.log(tableText(rows));
}
