/**
 * Speed of the action node, side by side with n8n's own HTTP Request node in one real n8n (the packed package
 * installed as a community package), against the sandbox:
 *
 *   per item     Get Chat and Send Message for N items vs an HTTP Request node making the same requests: on loopback
 *                (HTTP Request with default options: every item's request at once), and with a 50 ms round trip
 *                (sandbox latencyMs) vs HTTP Request batching 4 requests every 50 ms, i.e. about 4 in flight, like
 *                Yandex's 4 parallel requests per cabinet. Sends are one at a time by design (the buyer sees them in
 *                input order), so Send Message with latency is set against HTTP Request batching 1 every 50 ms.
 *                The figure is the node's own executionTime from n8n's run data; median of alternating runs.
 *   Return All   requests made vs the fewest the page sizes allow.
 *   rate limit   a batch of Get Chat under a small quota (sandbox window of a few seconds) vs the schedule minimum:
 *                the time the quota windows alone force.
 *   start        n8n's start time (process spawn to ready) with and without the package.
 *
 *   npm run build && npx tsx bench/actions.ts [--line node24|node20|v1] [--runs 3] [--items 200] [--latency-items 100]
 *
 * The sandbox's parallel limit and hourly quotas are lifted for the per-item cases so HTTP Request (which never waits for a slot) is not
 * refused; the action node keeps to 4 on its own. The machine is shared: treat the figures as ranges.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SANDBOX_KEYS, SANDBOX_SEED, startSandbox } from '../sandbox';
import type { Sandbox } from '../sandbox';
import { actionNode, byId, chain, lineFromEnv, node, RESULTS_DIR, startN8n } from '../harness';
import type { N8nInstance, N8nLine, Workflow, WorkflowNode } from '../harness';
import type { BenchRow } from './table';

export interface ActionsBenchOptions {
	line?: N8nLine;
	runs?: number;
	items?: number;
	latencyItems?: number;
	latencyMs?: number;
	startRuns?: number;
	log?: (line: string) => void;
}

const BUSINESS = SANDBOX_SEED.businessId;
const HEADER_CREDENTIAL = { id: 'ymBenchHdrCred01', name: 'Bench Api-Key header' };

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A Code node that makes `count` items, each with a chatId of the seed (cycled). */
function itemsNode(count: number, chatIds: string[]): WorkflowNode {
	return node(
		'Items',
		'n8n-nodes-base.code',
		{
			jsCode: `const ids = ${JSON.stringify(chatIds)};\nreturn Array.from({ length: ${count} }, (_, i) => ({ json: { chatId: ids[i % ids.length], i } }));`,
		},
		{ typeVersion: 2 },
	);
}

interface Case {
	name: string;
	subject: WorkflowNode;
}

function httpRequestNode(
	sandboxUrl: string,
	kind: 'get' | 'send',
	batching?: { batchSize: number; batchInterval: number },
): WorkflowNode {
	const base = `${sandboxUrl}/v2/businesses/${BUSINESS}`;
	const common = {
		authentication: 'genericCredentialType',
		genericAuthType: 'httpHeaderAuth',
		options: batching ? { batching: { batch: batching } } : {},
	};
	const parameters =
		kind === 'get'
			? { method: 'GET', url: `=${base}/chat?chatId={{ $json.chatId }}`, ...common }
			: {
					method: 'POST',
					url: `=${base}/chats/message?chatId={{ $json.chatId }}`,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify({ message: "Bench message " + $json.i }) }}',
					...common,
				};
	return node('Subject', 'n8n-nodes-base.httpRequest', parameters, {
		typeVersion: 4.2,
		credentials: { httpHeaderAuth: HEADER_CREDENTIAL },
	});
}

function ourNode(kind: 'get' | 'send', credential: { id: string; name: string }): WorkflowNode {
	const chatId = { __rl: true, mode: 'id', value: '={{ $json.chatId }}' };
	const parameters =
		kind === 'get'
			? { resource: 'chat', operation: 'get', businessId: byId(BUSINESS), chatId }
			: {
					resource: 'message',
					operation: 'send',
					businessId: byId(BUSINESS),
					chatId,
					text: '=Bench message {{ $json.i }}',
				};
	return actionNode(parameters, credential, { name: 'Subject' });
}

/** Creates one workflow per case, then runs them alternately `runs` times; the subject node's executionTime. */
async function sideBySide(
	n8n: N8nInstance,
	sb: Sandbox,
	items: WorkflowNode,
	cases: Case[],
	runs: number,
	expectItems: number,
): Promise<number[]> {
	const ids: string[] = [];
	for (const c of cases) {
		const workflow: Workflow = chain(`bench ${c.name}`, [
			node('Start', 'n8n-nodes-base.manualTrigger'),
			{ ...items, id: `${items.id}-${ids.length}` },
			c.subject,
		]);
		ids.push(await n8n.createWorkflow(workflow));
	}
	const times: number[][] = cases.map(() => []);
	// One warm-up run each (module loading, expression engine), then alternating measured runs.
	for (let r = -1; r < runs; r++) {
		// Alternate which case goes first, so neither always runs on a warmer process.
		const order =
			r % 2 === 0 ? cases.map((_c, k) => k) : cases.map((_c, k) => cases.length - 1 - k);
		for (const k of order) {
			await sb.control.clearRequests();
			const result = await n8n.runWorkflow(ids[k], 180_000);
			const run = result.runData.Subject?.[0];
			const out = run?.data?.main?.[0] ?? [];
			if (result.status !== 'success' || out.length !== expectItems) {
				throw new Error(
					`bench ${cases[k].name}: ${result.status}, ${out.length} of ${expectItems} items${result.error ? `: ${result.error}` : ''}`,
				);
			}
			if (r >= 0) times[k].push(Number((run as { executionTime?: number }).executionTime));
		}
	}
	return times.map(median);
}

async function countedCalls(
	n8n: N8nInstance,
	sb: Sandbox,
	credential: { id: string; name: string },
	parameters: Record<string, unknown>,
	operationId: string,
): Promise<number> {
	await sb.control.clearRequests();
	const result = await n8n.runWorkflow(
		chain(`bench calls ${operationId}`, [
			node('Start', 'n8n-nodes-base.manualTrigger'),
			actionNode({ businessId: byId(BUSINESS), ...parameters }, credential, { name: 'Subject' }),
		]),
	);
	if (result.status !== 'success') throw new Error(`bench calls ${operationId}: ${result.error}`);
	return (await sb.control.requests({ operationId })).length;
}

export async function runActionsBench(options: ActionsBenchOptions = {}): Promise<BenchRow[]> {
	const log = options.log ?? ((line: string) => console.error(line));
	const line = options.line ?? lineFromEnv();
	const runs = options.runs ?? 3;
	const count = options.items ?? 200;
	const latencyCount = options.latencyItems ?? 100;
	const latencyMs = options.latencyMs ?? 50;
	const startRuns = options.startRuns ?? 3;
	const rows: BenchRow[] = [];

	// Hourly quotas lifted too: every run makes hundreds of the same call.
	const lifted = 1_000_000_000;
	const sb = await startSandbox({
		port: 0,
		parallelLimit: 1000,
		// Checking every answer against the spec costs the sandbox several ms per request, serialised in this
		// process; requests are still validated.
		validateResponses: false,
		quotas: {
			getChat: lifted,
			sendMessageToChat: lifted,
			getChats: lifted,
			getChatHistory: lifted,
		},
	});
	let n8n: N8nInstance | undefined;
	try {
		log(`actions bench: starting n8n (${line}) with the package`);
		n8n = await startN8n({
			mode: 'regular',
			line,
			sandboxUrl: sb.url,
			apiKey: SANDBOX_KEYS.communication,
			workDir: path.join(RESULTS_DIR, `bench-actions-${line}`),
			extraCredentials: [
				{
					...HEADER_CREDENTIAL,
					type: 'httpHeaderAuth',
					data: { name: 'Api-Key', value: SANDBOX_KEYS.communication },
				},
			],
		});
		const credential = { id: n8n.credentialId, name: n8n.connection.credentialName };
		// Every seeded chat of the business accepts messages in the sandbox; one page of them is enough to cycle.
		const listed = await fetch(`${sb.url}/v2/businesses/${BUSINESS}/chats?limit=20`, {
			method: 'POST',
			headers: { 'Api-Key': SANDBOX_KEYS.communication, 'Content-Type': 'application/json' },
			body: '{}',
		});
		const chats = (
			(await listed.json()) as { result: { chats: Array<{ chatId: number | string }> } }
		).result.chats.map((c) => String(c.chatId));
		if (chats.length === 0) throw new Error('the sandbox has no open chats to send to');

		for (const kind of ['get', 'send'] as const) {
			const label = kind === 'get' ? 'Get Chat' : 'Send Message';
			log(`actions bench: ${label} × ${count}, loopback`);
			await sb.control.reset();
			await sb.control.limits({ latencyMs: 0 });
			const [ours, theirs] = await sideBySide(
				n8n,
				sb,
				itemsNode(count, chats),
				[
					{ name: `${kind} ours loopback`, subject: ourNode(kind, credential) },
					{ name: `${kind} http loopback`, subject: httpRequestNode(sb.url, kind) },
				],
				runs,
				count,
			);
			rows.push({
				group: 'action per item',
				case: `${label} × ${count}, loopback`,
				ours,
				baseline: theirs,
				unit: 'ms',
				note:
					kind === 'get'
						? 'vs HTTP Request (all at once); ours 4 in flight'
						: 'vs HTTP Request (all at once); ours one at a time by design',
			});

			log(`actions bench: ${label} × ${latencyCount}, ${latencyMs} ms round trip`);
			await sb.control.reset();
			await sb.control.limits({ latencyMs });
			const batch = kind === 'get' ? 4 : 1;
			const [oursSlow, theirsSlow] = await sideBySide(
				n8n,
				sb,
				itemsNode(latencyCount, chats),
				[
					{ name: `${kind} ours latency`, subject: ourNode(kind, credential) },
					{
						name: `${kind} http latency`,
						subject: httpRequestNode(sb.url, kind, {
							batchSize: batch,
							batchInterval: latencyMs,
						}),
					},
				],
				runs,
				latencyCount,
			);
			rows.push({
				group: 'action per item',
				case: `${label} × ${latencyCount}, ${latencyMs} ms round trip`,
				ours: oursSlow,
				baseline: theirsSlow,
				unit: 'ms',
				note: `vs HTTP Request batching ${batch} every ${latencyMs} ms`,
			});
		}

		log('actions bench: Return All call counts');
		await sb.control.reset();
		const totalChats = SANDBOX_SEED.chatCount;
		const allChats = await countedCalls(
			n8n,
			sb,
			credential,
			{ resource: 'chat', operation: 'getAll', returnAll: true },
			'getChats',
		);
		rows.push({
			group: 'Return All',
			case: `Get Many chats (${totalChats})`,
			ours: allChats,
			baseline: Math.ceil(totalChats / 20),
			unit: 'requests',
			note: 'minimum: pages of 20',
		});
		const history = await countedCalls(
			n8n,
			sb,
			credential,
			{
				resource: 'chat',
				operation: 'getHistory',
				chatId: byId(SANDBOX_SEED.busyChatId),
				returnAll: true,
			},
			'getChatHistory',
		);
		rows.push({
			group: 'Return All',
			case: 'Get History (230 messages)',
			ours: history,
			baseline: Math.ceil(SANDBOX_SEED.busyChatMessageCount / 100),
			unit: 'requests',
			note: 'minimum: pages of 100',
		});

		log('actions bench: rate-limited batch');
		// Windows of 10 s rather than Yandex's hour, so the bench ends: the node's margin after each reset (1 s, the
		// header has whole seconds) weighs more here than it would against an hour.
		const quota = 5;
		const windowMs = 10_000;
		const batchItems = 20;
		await sb.control.reset();
		await sb.control.limits({ latencyMs: 0, windowMs, quotas: { getChat: quota } });
		const started = Date.now();
		const limited = await n8n.runWorkflow(
			chain('bench rate limit', [
				node('Start', 'n8n-nodes-base.manualTrigger'),
				itemsNode(batchItems, chats),
				ourNode('get', credential),
			]),
			300_000,
		);
		const wallMs = Date.now() - started;
		const delivered = limited.runData.Subject?.[0]?.data?.main?.[0]?.length ?? 0;
		const nodeMs = Number(
			(limited.runData.Subject?.[0] as { executionTime?: number } | undefined)?.executionTime ??
				wallMs,
		);
		// The windows alone force this long: the last batch of `quota` can start only in window ceil(n/quota).
		const scheduleMs = (Math.ceil(batchItems / quota) - 1) * windowMs;
		rows.push({
			group: 'rate limit',
			case: `Get Chat × ${batchItems}, quota ${quota} per ${windowMs / 1000} s`,
			ours: nodeMs,
			baseline: scheduleMs,
			unit: 'ms',
			note: `${delivered}/${batchItems} delivered; baseline = schedule minimum`,
		});

		await n8n.stop();
		n8n = undefined;
		// Alternating fresh starts (same migrations on an empty user folder each time), median of each.
		const starts: Record<'with' | 'without', number[]> = { with: [], without: [] };
		for (let r = 0; r < startRuns; r++) {
			for (const which of r % 2 === 0
				? (['without', 'with'] as const)
				: (['with', 'without'] as const)) {
				log(`actions bench: start ${r + 1}/${startRuns} ${which} the package`);
				const started = await startN8n({
					mode: 'regular',
					line,
					sandboxUrl: sb.url,
					apiKey: SANDBOX_KEYS.communication,
					workDir: path.join(RESULTS_DIR, `bench-actions-start-${which}-${line}`),
					withoutPackage: which === 'without',
				});
				starts[which].push(started.timings.mainReadyMs);
				await started.stop();
			}
		}
		rows.push({
			group: 'start',
			case: 'n8n start to ready',
			ours: median(starts.with),
			baseline: median(starts.without),
			unit: 'ms',
			note: `with the package vs without it (median of ${startRuns} alternating fresh starts each)`,
		});
	} finally {
		await n8n?.stop();
		await sb.close();
	}
	return rows;
}

/** The header RESULTS files carry: when, which n8n, which machine. */
export function machineLine(line: N8nLine, version?: string): string {
	const cpus = os.cpus();
	return `${new Date().toISOString()}, n8n ${version ?? line} (line ${line}), bench process on Node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.platform()} ${os.release()}`;
}

export function writeResults(file: string, title: string, header: string, table: string): void {
	fs.writeFileSync(file, `# ${title}\n\n${header}\n\n${table}\n`);
}
