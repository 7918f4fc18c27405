/**
 * The webhook trigger side by side with n8n's own Webhook node, in one n8n (the packed package installed as a
 * community package): PING and chat-event throughput and tail latency, n8n's CPU per request, n8n's memory after
 * many notifications, and the package's own CPU per request measured apart (the handler run in this process).
 *
 *   npm run build
 *   npx tsx bench/trigger.ts [--modes regular,queue] [--line node24|node20|v1] [--requests 300] [--concurrency 10]
 *       [--rounds 3] [--memory 10000] [--engine vm|legacy] [--env KEY=VALUE,...]
 *       [--webhook-processes N]   (queue mode: N webhook processes behind a round-robin proxy, bench/proxy.ts)
 *
 * Runs alternate (ours, built-in, ours, ...) and the medians are reported, because the machine is shared: treat
 * each figure as a range. The built-in Webhook node (typeVersion 2, static parameters, Respond: Immediately) starts
 * an execution for every request, PING included; the trigger answers PING without one. That is the comparison a
 * user makes when choosing between the two, so it is what is measured.
 */
import * as fs from 'fs';
import * as http from 'http';
import { randomUUID } from 'crypto';
import { execFileSync } from 'child_process';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import {
	RESULTS_DIR,
	chain,
	lineFromEnv,
	node,
	startN8n,
	startSandboxProcess,
	triggerWorkflow,
	validEventJson,
} from '../harness';
import type { N8nInstance, N8nLine } from '../harness';
import { handleNotification } from '../nodes/YandexMarketChats/trigger/webhook';
import { clearDedupCaches } from '../nodes/YandexMarketChats/trigger/dedup';
import { startRoundRobinProxy } from './proxy';
import type { RoundRobinProxy } from './proxy';
import { printTable } from './table';
import type { BenchRow } from './table';

export interface TriggerBenchOptions {
	modes?: Array<'regular' | 'queue'>;
	line?: N8nLine;
	requests?: number;
	concurrency?: number;
	rounds?: number;
	/** Chat events sent before n8n's memory is read (0 skips it). */
	memoryNotifications?: number;
	/** N8N_EXPRESSION_ENGINE: `vm` (n8n 2.41's default, isolated-vm) or `legacy`. */
	engine?: 'vm' | 'legacy';
	env?: Record<string, string>;
	/**
	 * Queue mode: this many `n8n webhook` processes behind a round-robin proxy in this process (bench/proxy.ts).
	 * Unset: one webhook process, reached directly, as before. Set (even to 1): every request goes through the
	 * proxy, so 1 and 2 processes are compared with the same extra hop.
	 */
	webhookProcesses?: number;
	log?: (line: string) => void;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** Closes the keep-alive sockets of `post`, so the process can exit. */
export function closeAgent(): void {
	agent.destroy();
}

/** One JSON POST over a shared keep-alive agent, timed. */
export function post(
	url: string,
	body: string,
): Promise<{ status: number; body: string; ms: number }> {
	const target = new URL(url);
	const started = process.hrtime.bigint();
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: target.hostname,
				port: target.port,
				path: target.pathname,
				method: 'POST',
				agent,
				headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						body: Buffer.concat(chunks).toString('utf8'),
						ms: Number(process.hrtime.bigint() - started) / 1e6,
					}),
				);
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}

export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** CPU seconds (user + system) of every process in the groups of `pids` (n8n, its task runner, worker, webhook). */
function groupCpuSeconds(pids: number[]): number {
	let ticks = 0;
	for (const pgid of pids) {
		let members: number[] = [];
		try {
			members = execFileSync('ps', ['-o', 'pid=', '-g', String(pgid)], { encoding: 'utf8' })
				.split('\n')
				.map((x) => Number(x.trim()))
				.filter((x) => x > 0);
		} catch {
			members = [];
		}
		for (const pid of members) {
			try {
				const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
				const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
				ticks += Number(fields[11]) + Number(fields[12]);
			} catch {
				// The process ended between ps and the read.
			}
		}
	}
	return ticks / 100;
}

let counter = 1_000_000;
const pingBody = () => JSON.stringify({ notificationType: 'PING', time: new Date().toISOString() });
const eventBody = () => validEventJson(counter++);

interface RunFigures {
	rps: number;
	p50: number;
	p99: number;
	cpuMsPerRequest: number;
	failures: number;
}

async function load(
	n8n: N8nInstance,
	url: string,
	body: () => string,
	requests: number,
	concurrency: number,
	accept: (status: number, text: string) => boolean,
	logFailure: (line: string) => void = (line) => console.error(`failed answer: ${line}`),
): Promise<RunFigures> {
	const pids = n8n.processes.map((p) => p.pid);
	const latencies: number[] = [];
	let failures = 0;
	let next = 0;
	const cpuBefore = groupCpuSeconds(pids);
	const started = Date.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < requests) {
				next++;
				const r = await post(url, body());
				latencies.push(r.ms);
				if (!accept(r.status, r.body)) {
					failures++;
					if (failures <= 3) logFailure(`${url}: HTTP ${r.status} ${r.body.slice(0, 200)}`);
				}
			}
		}),
	);
	const seconds = (Date.now() - started) / 1000;
	const cpu = groupCpuSeconds(pids) - cpuBefore;
	latencies.sort((a, b) => a - b);
	return {
		rps: requests / seconds,
		p50: percentile(latencies, 50),
		p99: percentile(latencies, 99),
		cpuMsPerRequest: (cpu * 1000) / requests,
		failures,
	};
}

const ourAnswer = (status: number, text: string) =>
	status === 200 && (JSON.parse(text) as IDataObject).name === 'n8n-nodes-yandex-market';
const anyOk = (status: number) => status === 200;

async function deployOurs(n8n: N8nInstance): Promise<string> {
	const { workflow, webhookId } = triggerWorkflow({}, undefined);
	await n8n.activate(await n8n.createWorkflow(workflow));
	return n8n.webhookUrl(webhookId, 'webhook');
}

/** n8n's Webhook node as a user would set it up for Yandex: POST, answer at once, -> No Operation. */
async function deployBuiltIn(n8n: N8nInstance): Promise<string> {
	const webhookId = randomUUID();
	const webhook = node(
		'Webhook',
		'n8n-nodes-base.webhook',
		{ httpMethod: 'POST', path: webhookId, responseMode: 'onReceived', options: {} },
		{ typeVersion: 2, webhookId },
	);
	const workflow = chain(`bench built-in ${webhookId.slice(0, 8)}`, [
		webhook,
		node('Done', 'n8n-nodes-base.noOp'),
	]);
	await n8n.activate(await n8n.createWorkflow(workflow));
	return n8n.fullPathWebhookUrl(webhookId);
}

/** The package's own handler, in this process, with a minimal context: its CPU per request without n8n. */
async function ownHandlerMsAsync(kind: 'ping' | 'event', n: number): Promise<number> {
	const res = {
		statusCode: 200,
		headersSent: false,
		status(code: number) {
			this.statusCode = code;
			return this;
		},
		json() {
			return this;
		},
		end() {
			return this;
		},
	};
	const trigger = { id: 'bench', name: 'Trigger', type: 'x', typeVersion: 1, position: [0, 0] };
	const bodies = Array.from({ length: n }, () =>
		Buffer.from(kind === 'ping' ? pingBody() : eventBody()),
	);
	let i = 0;
	const ctx = {
		getNode: () => trigger,
		getWorkflow: () => ({ id: 'bench', active: true }),
		getNodeParameter: (_name: string, fallback?: unknown) => fallback,
		getBodyData: () => ({}),
		getResponseObject: () => res,
		getRequestObject: () => {
			const body = bodies[i];
			const req = {
				ip: '127.0.0.1',
				rawBody: undefined as Buffer | undefined,
				readRawBody: async () => {
					req.rawBody = body;
				},
			};
			return req;
		},
		helpers: { returnJsonArray: (data: IDataObject[]) => data.map((json) => ({ json })) },
		logger: { debug: () => undefined, error: () => undefined },
	} as unknown as IWebhookFunctions;
	clearDedupCaches();
	const cpu = process.cpuUsage();
	for (i = 0; i < n; i++) {
		await handleNotification.call(ctx);
		// What n8n does after registering the execution: write the 200 (settles the dedup claim).
		res.statusCode = 200;
		res.end();
	}
	const used = process.cpuUsage(cpu);
	return (used.user + used.system) / 1000 / n;
}

export async function runTriggerBench(options: TriggerBenchOptions = {}): Promise<BenchRow[]> {
	const log = options.log ?? ((line: string) => console.error(line));
	const line = options.line ?? lineFromEnv();
	const modes = options.modes ?? ['regular', 'queue'];
	const requests = options.requests ?? 300;
	const concurrency = options.concurrency ?? 10;
	const rounds = options.rounds ?? 3;
	const memoryNotifications = options.memoryNotifications ?? 10_000;
	const engine = options.engine ?? (line === 'v1' ? 'legacy' : 'vm');
	const env: Record<string, string> = { ...(options.env ?? {}) };
	if (engine === 'legacy') env.N8N_EXPRESSION_ENGINE = 'legacy';
	const rows: BenchRow[] = [];
	const extra = Object.entries(options.env ?? {}).map(([k, v]) => `, ${k}=${v}`);
	const tag = `${line}${engine === 'legacy' ? ', legacy engine' : ''}${extra.join('')}`;

	for (const mode of modes) {
		try {
			rows.push(...(await benchMode(mode)));
		} catch (error) {
			// One mode failing (queue mode needs Redis and PostgreSQL) must not lose the other's figures.
			log(`trigger bench, ${mode} mode failed: ${(error as Error).stack ?? String(error)}`);
			rows.push({
				group: `trigger, ${mode}`,
				case: 'run',
				ours: NaN,
				unit: '',
				note: `failed: ${(error as Error).message}`,
			});
		}
	}

	async function benchMode(mode: 'regular' | 'queue'): Promise<BenchRow[]> {
		const rows: BenchRow[] = [];
		const workDir = `${RESULTS_DIR}/bench-trigger-${line}-${mode}`;
		const sb = await startSandboxProcess({ logFile: `${workDir}/sandbox.log` });
		const n8n = await startN8n({
			mode,
			line,
			sandboxUrl: sb.url,
			apiKey: sb.keys.communication,
			workDir,
			env,
			...(mode === 'queue' && options.webhookProcesses
				? { webhookProcesses: options.webhookProcesses }
				: {}),
		});
		const proxied = mode === 'queue' && options.webhookProcesses !== undefined;
		const processesTag = proxied
			? `, ${options.webhookProcesses} webhook process${options.webhookProcesses === 1 ? '' : 'es'} behind a round-robin proxy`
			: '';
		const group = `trigger, ${mode} (${n8n.connection.n8nVersion}, ${tag}${processesTag})`;
		let proxy: RoundRobinProxy | undefined;
		try {
			let ours = await deployOurs(n8n);
			let builtIn = await deployBuiltIn(n8n);
			if (proxied) {
				proxy = await startRoundRobinProxy(
					n8n.connection.webhookProcessUrls ?? [n8n.connection.webhookBaseUrl],
				);
				const base = n8n.connection.webhookBaseUrl;
				ours = proxy.url + ours.slice(base.length);
				builtIn = proxy.url + builtIn.slice(base.length);
			}
			for (const url of [ours, builtIn]) {
				await load(n8n, url, pingBody, 30, 2, anyOk);
				await load(n8n, url, eventBody, 30, 2, anyOk);
			}
			for (const [name, body] of [
				['PING', pingBody],
				['chat event', eventBody],
			] as const) {
				const figures: { ours: RunFigures[]; builtIn: RunFigures[] } = { ours: [], builtIn: [] };
				for (let r = 0; r < rounds; r++) {
					const order =
						r % 2 === 0 ? (['ours', 'builtIn'] as const) : (['builtIn', 'ours'] as const);
					for (const who of order) {
						const f = await load(
							n8n,
							who === 'ours' ? ours : builtIn,
							body,
							requests,
							concurrency,
							who === 'ours' ? ourAnswer : anyOk,
						);
						figures[who].push(f);
						log(
							`${group} ${name} ${who}: ${f.rps.toFixed(1)} req/s, p99 ${f.p99.toFixed(0)} ms, ${f.cpuMsPerRequest.toFixed(1)} ms CPU/request, ${f.failures} failures`,
						);
					}
				}
				const m = (who: 'ours' | 'builtIn', k: keyof RunFigures) =>
					median(figures[who].map((f) => f[k]));
				const failures = [...figures.ours, ...figures.builtIn].reduce((s, f) => s + f.failures, 0);
				const note = `${rounds}×${requests} requests, ${concurrency} in flight${failures ? `, ${failures} failed answers` : ''}`;
				rows.push(
					{
						group,
						case: `${name} throughput`,
						ours: m('ours', 'rps'),
						baseline: m('builtIn', 'rps'),
						unit: 'req/s',
						ratio: m('ours', 'rps') / m('builtIn', 'rps'),
						note,
					},
					{
						group,
						case: `${name} p99 answer`,
						ours: m('ours', 'p99'),
						baseline: m('builtIn', 'p99'),
						unit: 'ms',
						ratio: m('ours', 'p99') / m('builtIn', 'p99'),
						note: name === 'PING' ? 'Yandex allows 1,000 ms' : 'Yandex allows 10,000 ms',
					},
					{
						group,
						case: `${name}: n8n CPU per request`,
						ours: m('ours', 'cpuMsPerRequest'),
						baseline: m('builtIn', 'cpuMsPerRequest'),
						unit: 'ms',
						ratio: m('ours', 'cpuMsPerRequest') / m('builtIn', 'cpuMsPerRequest'),
						note: 'all n8n processes',
					},
				);
			}
			if (memoryNotifications > 0 && mode === 'regular') {
				const main = n8n.processes.find((p) => p.name === 'n8n-main') ?? n8n.processes[0];
				const before = n8n.rss()[main.name];
				const f = await load(n8n, ours, eventBody, memoryNotifications, concurrency, ourAnswer);
				const after = n8n.rss()[main.name];
				rows.push({
					group,
					case: `n8n RSS after ${memoryNotifications.toLocaleString('en')} chat events`,
					ours: after,
					unit: 'MB',
					note: `${before} MB before; ${f.rps.toFixed(0)} req/s, ${f.failures} failed answers`,
				});
			}
		} finally {
			if (proxy) {
				log(
					`${group}: requests per webhook process ${proxy.counts.join(' / ')}, proxy errors: ${proxy.errors.join('; ') || 'none'}`,
				);
				await proxy.stop();
			}
			await n8n.stop();
			await sb.stop();
		}
		for (const row of rows) log(`row: ${JSON.stringify(row)}`);
		return rows;
	}

	// The package's own share: the handler with a minimal context, in this process (no n8n, no HTTP).
	for (const kind of ['ping', 'event'] as const) {
		await ownHandlerMsAsync(kind, 2000);
		const ms = median([
			await ownHandlerMsAsync(kind, 5000),
			await ownHandlerMsAsync(kind, 5000),
			await ownHandlerMsAsync(kind, 5000),
		]);
		const n8nCpu = rows.find(
			(r) =>
				r.group.includes('regular') &&
				r.case === `${kind === 'ping' ? 'PING' : 'chat event'}: n8n CPU per request`,
		)?.ours;
		rows.push({
			group: 'trigger, package code alone',
			case: `handler CPU per ${kind === 'ping' ? 'PING' : 'chat event'}`,
			ours: ms * 1000,
			unit: 'µs',
			note:
				n8nCpu !== undefined
					? `${((ms / n8nCpu) * 100).toFixed(2)}% of n8n's CPU per request (regular mode)`
					: 'in-process, no n8n',
		});
	}
	agent.destroy();
	return rows;
}

function parseArgs(argv: string[]): TriggerBenchOptions {
	const get = (name: string) => {
		const i = argv.indexOf(`--${name}`);
		return i >= 0 ? argv[i + 1] : undefined;
	};
	const num = (name: string) => (get(name) === undefined ? undefined : Number(get(name)));
	const env = get('env');
	return {
		modes: get('modes')?.split(',') as TriggerBenchOptions['modes'],
		line: get('line') ? lineFromEnv(get('line')) : undefined,
		requests: num('requests'),
		concurrency: num('concurrency'),
		rounds: num('rounds'),
		memoryNotifications: num('memory'),
		engine: get('engine') as TriggerBenchOptions['engine'],
		webhookProcesses: num('webhook-processes'),
		env: env
			? Object.fromEntries(env.split(',').map((kv) => kv.split('=') as [string, string]))
			: undefined,
	};
}

if (require.main === module) {
	const started = new Date();
	runTriggerBench(parseArgs(process.argv.slice(2)))
		.then((rows) => {
			console.log(`\nTrigger bench, ${started.toISOString()}, ${process.platform} ${process.arch}`);
			printTable(rows);
		})
		.catch((error) => {
			console.error(error);
			process.exit(1);
		});
}
