/**
 * Drills of the webhook trigger in a real n8n (issue 10): hostile bodies of every class mixed with valid events,
 * answers lost after the body was sent, concurrent duplicates, and a restart of n8n while events flow. Clients and
 * the corpus live in harness/drills.ts. Bounded for CI (about two minutes on a 2-core machine).
 */
import { sleep } from 'n8n-workflow';
import {
	deliverLikeYandex,
	fuzzCorpus,
	postRaw,
	prng,
	triggerWorkflow,
	useE2E,
	validEventJson,
	validEventKey,
	waitFor,
} from '../../harness';
import type { Delivery, Execution, FuzzCase, RawResponse } from '../../harness';

const e2e = useE2E('webhook-drills', { sandbox: { autoNotify: false }, testTimeoutMs: 300_000 });

const TRIGGER = 'Yandex Market Trigger';

async function deploy(): Promise<{ id: string; url: string }> {
	const { workflow, webhookId } = triggerWorkflow({}, undefined);
	const id = await e2e.n8n.createWorkflow(workflow);
	await e2e.n8n.activate(id);
	return { id, url: e2e.n8n.webhookUrl(webhookId, 'webhook') };
}

/** dedupKey -> number of executions that carried it. */
async function executedKeys(workflowId: string): Promise<Map<string, number>> {
	const executions: Execution[] = await e2e.n8n.listExecutions(workflowId, true);
	const counts = new Map<string, number>();
	for (const execution of executions) {
		const json = execution.data?.resultData?.runData?.[TRIGGER]?.[0]?.data?.main?.[0]?.[0]?.json;
		const key = String((json as { dedupKey?: unknown } | undefined)?.dedupKey ?? '(no key)');
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return counts;
}

/** Waits until `n` executions exist, then a little longer, so a late extra one would be seen too. */
async function settledExecutions(workflowId: string, n: number): Promise<Map<string, number>> {
	await waitFor(
		`${n} executions of ${workflowId}`,
		async () => ((await e2e.n8n.listExecutions(workflowId, false)).length >= n ? true : null),
		120_000,
	);
	await sleep(2000);
	return await executedKeys(workflowId);
}

async function inParallel<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>) {
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

function isAnswer(r: RawResponse): boolean {
	if (r.status !== 200) return false;
	const body = JSON.parse(r.body ?? '{}') as Record<string, unknown>;
	return body.name === 'n8n-nodes-yandex-market' && typeof body.time === 'string';
}

describe('webhook trigger drills', () => {
	it('hostile bodies of every class get 4xx and start nothing; every valid event among them runs once', async () => {
		const wf = await deploy();
		const seed = 20_261_202;
		const corpus = fuzzCorpus(seed, 2_000, { validEvery: 9, firstValid: 1, overSize: 2 });
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
			if (a.status === undefined || a.status < 400 || a.status >= 500) {
				wrong.push(`${c.klass} #${i}: ${label} ${a.body?.slice(0, 200)}`);
			} else if (a.status === 400) {
				const error = (JSON.parse(a.body ?? '{}') as { error?: { type?: string } }).error;
				if (error?.type !== 'WRONG_EVENT_FORMAT') wrong.push(`${c.klass} #${i}: 400 ${a.body}`);
			}
		});
		e2e.saveArtifact('fuzz-answers.json', { seed, byClass, wrong });
		expect(wrong).toEqual([]);
		const classes = Object.keys(byClass);
		for (const klass of [
			'truncated',
			'wrongTypes',
			'huge',
			'deep',
			'proto',
			'nulUtf8',
			'bigNumbers',
			'contentTypes',
			'gzip',
			'overSize',
			'valid',
		]) {
			expect(classes).toContain(klass);
		}
		expect(corpus.length).toBeGreaterThanOrEqual(2_000);

		const valid = corpus.filter((c) => c.valid !== undefined).map((c) => c.valid as number);
		const executed = await settledExecutions(wf.id, valid.length);
		expect([...executed.keys()].sort()).toEqual(valid.map(validEventKey).sort());
		expect([...executed.values()].every((n) => n === 1)).toBe(true);
	});

	it('a lost answer (connection dropped 5–100 ms after the body) and Yandex retry give one execution', async () => {
		const wf = await deploy();
		const random = prng(7);
		const events = Array.from({ length: 20 }, (_, i) => 10_000 + i);
		const deliveries: Delivery[] = await inParallel(events, 4, (n) =>
			deliverLikeYandex(
				wf.url,
				{ body: validEventJson(n) },
				{ dropFirstAfterMs: 5 + Math.floor(random() * 96), retryDelayMs: 300, retries: 10 },
			),
		);
		e2e.saveArtifact(
			'dropped-answers.json',
			deliveries.map((d) => d.attempts.map((a) => a.status ?? a.error)),
		);
		expect(deliveries.every((d) => d.acknowledged)).toBe(true);
		expect(deliveries.every((d) => d.attempts[0].error === 'dropped')).toBe(true);
		const executed = await settledExecutions(wf.id, events.length);
		expect([...executed.keys()].sort()).toEqual(events.map(validEventKey).sort());
		expect([...executed.values()].every((n) => n === 1)).toBe(true);
	});

	it('50 concurrent deliveries of one event (three events) give one execution each, every answer a 200', async () => {
		const wf = await deploy();
		const events = [20_001, 20_002, 20_003];
		const answers = await Promise.all(
			events.flatMap((n) =>
				Array.from({ length: 50 }, () => postRaw(wf.url, { body: validEventJson(n) })),
			),
		);
		expect(answers.filter((a) => !isAnswer(a)).map((a) => a.status ?? a.error)).toEqual([]);
		const executed = await settledExecutions(wf.id, events.length);
		expect([...executed.keys()].sort()).toEqual(events.map(validEventKey).sort());
		expect([...executed.values()]).toEqual([1, 1, 1]);
	});

	it('a restart of n8n while events flow loses no acknowledged event', async () => {
		const wf = await deploy();
		const events = Array.from({ length: 60 }, (_, i) => 30_000 + i);
		const flow = inParallel(events, 3, async (n) => {
			await sleep(100);
			return await deliverLikeYandex(
				wf.url,
				{ body: validEventJson(n), timeoutMs: 10_000 },
				{ retryDelayMs: 1000, retries: 90 },
			);
		});
		await sleep(1500);
		const restart = await e2e.restartN8n();
		const deliveries = await flow;
		e2e.saveArtifact('restart.json', {
			restart,
			attempts: deliveries.map((d) => d.attempts.map((a) => a.status ?? a.error)),
		});
		expect(restart.stopMs).toBeGreaterThan(0);
		expect(deliveries.every((d) => d.acknowledged)).toBe(true);
		const executed = await settledExecutions(wf.id, events.length);
		const missing = events.filter((n) => !executed.has(validEventKey(n)));
		expect(missing).toEqual([]);
		// Acknowledged on the first attempt: Yandex never resends it, so it must have run exactly once. An event whose
		// answer the restart cut off may run twice (the dedup memory does not survive a restart: documented).
		const once = events.filter((n, i) => deliveries[i].attempts.length === 1);
		expect(once.length).toBeGreaterThan(0);
		expect(once.filter((n) => executed.get(validEventKey(n)) !== 1)).toEqual([]);
		expect([...executed.keys()].filter((k) => !events.map(validEventKey).includes(k))).toEqual([]);
	});
});
