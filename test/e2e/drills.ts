/**
 * Shared steps of the webhook drill suites (webhook-drills.e2e.test.ts, webhook-fuzz.e2e.test.ts): deploy a
 * trigger workflow, count executions by the dedup key the trigger puts on each item, and the hostile-body fuzz.
 */
import { sleep } from 'n8n-workflow';
import { fuzzCorpus, postRaw, triggerWorkflow, validEventKey, waitFor } from '../../harness';
import type { E2E, Execution, FuzzCase, RawResponse } from '../../harness';

const TRIGGER = 'Yandex Market Trigger';

export async function deployTrigger(e2e: E2E): Promise<{ id: string; url: string }> {
	const { workflow, webhookId } = triggerWorkflow({}, undefined);
	const id = await e2e.n8n.createWorkflow(workflow);
	await e2e.n8n.activate(id);
	return { id, url: e2e.n8n.webhookUrl(webhookId, 'webhook') };
}

/**
 * Where executedKeys counts the executions n8n recorded as crashed that did not run in full: a stop cut them short
 * (seen on 2.41.1, with no run data kept).
 */
export const CRASHED = '(crashed)';

/** The drills' workflow: the trigger, then a No Op named Done (harness triggerWorkflow). */
const LAST_NODE = 'Done';

/**
 * Whether an execution ran every node of the drill's workflow: the status n8n shows is not enough. n8n 1.x serves
 * webhooks before its start-up recovery has looked for executions a previous process left unfinished, so an
 * execution that starts in that moment is marked crashed while it runs, and still runs in full (seen on 1.123.81,
 * three at once: each with the trigger's item and Done, both successful).
 */
export function ranInFull(execution: Execution): boolean {
	const result = execution.data?.resultData;
	const runs = Object.values(result?.runData ?? {});
	return (
		result?.error === undefined &&
		result?.lastNodeExecuted === LAST_NODE &&
		runs.length > 0 &&
		runs.every((r) => r.length > 0 && r.every((run) => run.executionStatus === 'success'))
	);
}

/** dedupKey -> number of executions that carried it; crashed executions that did not run in full under CRASHED. */
export async function executedKeys(e2e: E2E, workflowId: string): Promise<Map<string, number>> {
	const executions: Execution[] = await e2e.n8n.listExecutions(workflowId, true);
	const counts = new Map<string, number>();
	for (const execution of executions) {
		const json = execution.data?.resultData?.runData?.[TRIGGER]?.[0]?.data?.main?.[0]?.[0]?.json;
		const key =
			execution.status === 'crashed' && !ranInFull(execution)
				? CRASHED
				: String((json as { dedupKey?: unknown } | undefined)?.dedupKey ?? '(no key)');
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return counts;
}

/** Waits until `n` executions exist, then a little longer, so a late extra one would be seen too. */
export async function settledExecutions(
	e2e: E2E,
	workflowId: string,
	n: number,
): Promise<Map<string, number>> {
	await waitFor(
		`${n} executions of ${workflowId}`,
		async () => ((await e2e.n8n.listExecutions(workflowId, false)).length >= n ? true : null),
		120_000,
	);
	await sleep(2000);
	return await executedKeys(e2e, workflowId);
}

export async function inParallel<T, R>(
	items: T[],
	limit: number,
	fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: limit }, async () => {
			while (next < items.length) {
				const i = next++;
				results[i] = await fn(items[i], i);
			}
		}),
	);
	return results;
}

/** A 200 with the body Yandex requires (name, time). */
export function isAnswer(r: RawResponse): boolean {
	if (r.status !== 200) return false;
	const body = JSON.parse(r.body ?? '{}') as Record<string, unknown>;
	return body.name === 'n8n-nodes-yandex-market' && typeof body.time === 'string';
}

export const FUZZ_CLASSES = [
	'truncated',
	'wrongTypes',
	'huge',
	'deep',
	'proto',
	'nulUtf8',
	'bigNumbers',
	'contentTypes',
	'gzip',
	'empty',
	'overSize',
	'valid',
];

/**
 * Sends `total` cases of the seeded corpus (every class, a valid event after every nine hostile ones, two bodies
 * over n8n's own 16 MB limit), 4 in flight, and checks: hostile ones get a 4xx (our 400 WRONG_EVENT_FORMAT when it
 * is a 400), valid ones our 200, and the executions are exactly the valid events, one each.
 */
export async function fuzzDrill(e2e: E2E, seed: number, total: number): Promise<void> {
	const wf = await deployTrigger(e2e);
	const corpus = fuzzCorpus(seed, total, { validEvery: 9, firstValid: 1, overSize: 2 });
	const started = Date.now();
	const answers = await inParallel(corpus, 4, (c: FuzzCase) =>
		postRaw(wf.url, { body: c.body, headers: c.headers, timeoutMs: 30_000 }),
	);
	const byClass: Record<string, Record<string, number>> = {};
	const wrong: string[] = [];
	corpus.forEach((c, i) => {
		const a = answers[i];
		const label = a.status === undefined ? `error ${a.error}` : String(a.status);
		(byClass[c.klass] ??= {})[label] = (byClass[c.klass]?.[label] ?? 0) + 1;
		if (c.valid !== undefined) {
			if (!isAnswer(a)) wrong.push(`valid #${c.valid}: ${label} ${a.body?.slice(0, 200)}`);
			return;
		}
		// Over its 16 MB limit n8n itself refuses the body (413) and may close the socket while the client is still
		// writing it: the client then sees EPIPE/ECONNRESET instead of the 413. Either way nothing reached the node
		// (the executions below must still be exactly the valid events), and Yandex never sends such a body.
		if (
			c.klass === 'overSize' &&
			a.status === undefined &&
			/EPIPE|ECONNRESET/.test(String(a.error))
		)
			return;
		if (a.status === undefined || a.status < 400 || a.status >= 500) {
			wrong.push(`${c.klass} #${i}: ${label} ${a.body?.slice(0, 200)}`);
		} else if (a.status === 400) {
			const error = (JSON.parse(a.body ?? '{}') as { error?: { type?: string } }).error;
			if (error?.type !== 'WRONG_EVENT_FORMAT') wrong.push(`${c.klass} #${i}: 400 ${a.body}`);
		}
	});
	e2e.saveArtifact(`fuzz-${total}.json`, {
		seed,
		total: corpus.length,
		seconds: (Date.now() - started) / 1000,
		byClass,
		wrong,
	});
	expect(wrong).toEqual([]);
	expect(corpus.length).toBeGreaterThanOrEqual(total);
	expect(Object.keys(byClass).sort()).toEqual([...FUZZ_CLASSES].sort());

	const valid = corpus.filter((c) => c.valid !== undefined).map((c) => c.valid as number);
	const executed = await settledExecutions(e2e, wf.id, valid.length);
	expect([...executed.keys()].sort()).toEqual(valid.map(validEventKey).sort());
	expect([...executed.values()].every((n) => n === 1)).toBe(true);
}
