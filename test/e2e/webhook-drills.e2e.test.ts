/**
 * Drills of the webhook trigger in a real n8n with its default settings: a slice of the hostile-body
 * corpus, answers lost after the body was sent, concurrent duplicates, and a restart of n8n while events flow.
 * The full 2,000-body fuzz is webhook-fuzz.e2e.test.ts. Clients and corpus: harness/drills.ts.
 */
import { sleep } from 'n8n-workflow';
import {
	deliverLikeYandex,
	prng,
	useE2E,
	validEventJson,
	validEventKey,
	yandexAccepts,
} from '../../harness';
import type { Delivery } from '../../harness';
import {
	CRASHED,
	deployTrigger,
	fuzzDrill,
	inParallel,
	isAnswer,
	settledExecutions,
} from './drills';

const e2e = useE2E('webhook-drills', { sandbox: { autoNotify: false }, testTimeoutMs: 240_000 });

describe('webhook trigger drills (default expression engine)', () => {
	it('hostile bodies of every class get 4xx and start nothing; the valid events among them run once', async () => {
		// n8n 2.41's default engine spends ~90 ms of CPU per webhook request in an isolate before the node runs
		// (bench/RESULTS.trigger.md), so this file sends a 300-body slice; webhook-fuzz sends 2,000.
		await fuzzDrill(e2e, 4_242, 300);
	});

	it('a lost answer (connection dropped 5–100 ms after the body) and Yandex retry give one execution', async () => {
		const wf = await deployTrigger(e2e);
		const random = prng(7);
		const events = Array.from({ length: 30 }, (_, i) => 10_000 + i);
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
		// A fast n8n (2.8.4 answers in a few ms) may get its answer out before the drop: those count as plain deliveries.
		expect(deliveries.filter((d) => d.attempts[0].error === 'dropped').length).toBeGreaterThan(0);
		const executed = await settledExecutions(e2e, wf.id, events.length);
		expect([...executed.keys()].sort()).toEqual(events.map(validEventKey).sort());
		expect([...executed.values()].every((n) => n === 1)).toBe(true);
	});

	it('50 concurrent deliveries of one event (three events) give one execution each', async () => {
		const wf = await deployTrigger(e2e);
		const events = [20_001, 20_002, 20_003];
		// A delivery that finds another one of the same event in flight waits for it (up to 8 s), then answers 200
		// (taken) or runs it (refused); past the wait it answers 500 and Yandex retries, as this client does.
		const deliveries = await Promise.all(
			events.flatMap((n) =>
				Array.from({ length: 50 }, () =>
					deliverLikeYandex(wf.url, { body: validEventJson(n) }, { retryDelayMs: 500 }),
				),
			),
		);
		const first = deliveries.map((d) => d.attempts[0].status ?? d.attempts[0].error);
		e2e.saveArtifact('concurrent-duplicates.json', first);
		expect(deliveries.every((d) => d.acknowledged && isAnswer(d.attempts.at(-1)!))).toBe(true);
		// 500: waited out another delivery of the event; timeout: n8n took longer than this client waits (30 s) on a
		// loaded machine. Either way the retry settles it.
		expect(first.filter((s) => s !== 200 && s !== 500 && s !== 'timeout')).toEqual([]);
		const executed = await settledExecutions(e2e, wf.id, events.length);
		expect([...executed.keys()].sort()).toEqual(events.map(validEventKey).sort());
		expect([...executed.values()]).toEqual([1, 1, 1]);
	});

	it('a restart of n8n while events flow loses no acknowledged event', async () => {
		const wf = await deployTrigger(e2e);
		// A new event every 150 ms for 9 s, each delivered on its own like Yandex does, so that most of them arrive
		// while n8n stops, is down or starts again.
		const events = Array.from({ length: 60 }, (_, i) => 30_000 + i);
		const flow = Promise.all(
			events.map(async (n, i) => {
				await sleep(i * 150);
				return await deliverLikeYandex(
					wf.url,
					{ body: validEventJson(n), timeoutMs: 10_000 },
					{ retryDelayMs: 1000, retries: 90 },
				);
			}),
		);
		await sleep(2000);
		const restart = await e2e.restartN8n();
		const deliveries = await flow;
		e2e.saveArtifact('restart.json', {
			restart,
			attempts: deliveries.map((d) =>
				d.attempts.map((a) =>
					a.status === 200 && !yandexAccepts(a)
						? `200 not an answer: ${String(a.body).slice(0, 80)}`
						: (a.status ?? a.error),
				),
			),
		});
		expect(deliveries.every((d) => d.acknowledged)).toBe(true);
		// Some events met the restart: refused connections, n8n's 500s while it stops, 404 before the workflow is
		// active again. Yandex retries all of these.
		expect(deliveries.some((d) => d.attempts.length > 1)).toBe(true);
		const executed = await settledExecutions(e2e, wf.id, events.length);
		// n8n keeps an execution the stop cut short as "crashed", without its data (seen on 2.41.1: one, whose event
		// had been answered 500). Such an event was not acknowledged, so it is delivered again and must then have run
		// in full (the next check). There can be no more of them than events that needed a second attempt. n8n 1.x
		// also marks crashed the executions that start while its start-up recovery runs; those ran in full and count
		// as runs of their event (drills.ts ranInFull).
		const crashed = executed.get(CRASHED) ?? 0;
		executed.delete(CRASHED);
		expect(crashed).toBeLessThanOrEqual(deliveries.filter((d) => d.attempts.length > 1).length);
		expect(events.filter((n) => !executed.has(validEventKey(n)))).toEqual([]);
		// Acknowledged on the first attempt: Yandex never resends it, so it must have run exactly once. An event whose
		// answer the restart cut off may run twice (the dedup memory does not survive a restart: README).
		const once = events.filter((_, i) => deliveries[i].attempts.length === 1);
		expect(once.length).toBeGreaterThan(0);
		expect(once.filter((n) => executed.get(validEventKey(n)) !== 1)).toEqual([]);
		const keys = new Set(events.map(validEventKey));
		expect([...executed.keys()].filter((k) => !keys.has(k))).toEqual([]);
	});
});
