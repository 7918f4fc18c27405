/**
 * Answer latency of the Yandex Market Chats Trigger under load, through a real n8n (the packed package installed as
 * a community package). Yandex gives 1 s for a PING answer and 10 s for other notifications, so the figures that
 * matter are the tail (p99, max) at a realistic and at a heavy concurrency.
 *
 *   npm run build   # the package is packed from dist/ (or set YM_PACKAGE_TARBALL to a tarball)
 *   npx tsx bench/trigger-latency.ts [--mode regular|queue] [--requests 300] [--concurrency 1,10,30] [--line node24|node20|v1]
 *       [--scenarios ping,event,details] [--legacy-expressions]
 *
 * The timing client, the sandbox and n8n share the machine: on a 2-core box the figures measure the whole setup, and
 * anything else running skews them. n8n 2.41 evaluates a trigger's parameters in an isolated-vm isolate per request
 * (only its own Webhook node may skip it), which bounds the requests per second; N8N_EXPRESSION_ENGINE=legacy lifts it.
 *
 * Scenarios (each against its own active workflow):
 *   ping      PING: answered, no execution.
 *   event     CHAT_MESSAGE_SENT with a fresh messageId: answered after n8n registered the execution.
 *   details   the same with Resolve Details on: answered first, then getChat + getChatMessage against the sandbox.
 * Every scenario is warmed up first; every answer is checked (200, JSON, version/name/time).
 */
import { closeAgent, percentile, post } from './trigger';
import { SANDBOX_SEED } from '../sandbox';
import {
	RESULTS_DIR,
	lineFromEnv,
	startN8n,
	startSandboxProcess,
	triggerWorkflow,
} from '../harness';
import type { N8nInstance, N8nLine } from '../harness';

interface Args {
	mode: 'regular' | 'queue';
	requests: number;
	concurrency: number[];
	line: N8nLine;
	scenarios: string[];
	legacyExpressions: boolean;
}

function parseArgs(argv: string[]): Args {
	const get = (name: string) => {
		const i = argv.indexOf(`--${name}`);
		return i >= 0 ? argv[i + 1] : undefined;
	};
	return {
		mode: (get('mode') as Args['mode']) ?? 'regular',
		requests: Number(get('requests') ?? 300),
		concurrency: (get('concurrency') ?? '1,10,30').split(',').map(Number),
		line: lineFromEnv(get('line')),
		scenarios: (get('scenarios') ?? 'ping,event,details').split(','),
		legacyExpressions: argv.includes('--legacy-expressions'),
	};
}

let counter = 1_000_000;
function bodyFor(scenario: string, chatId: string, messageIds: string[]): string {
	if (scenario === 'ping')
		return JSON.stringify({ notificationType: 'PING', time: new Date().toISOString() });
	// Without details any messageId will do; with details it must exist in the sandbox (and duplicates would be
	// dropped by the trigger), so the details scenario cycles through real ones with a fresh sentAt each time.
	const messageId =
		scenario === 'details' ? messageIds[counter % messageIds.length] : String(counter);
	counter++;
	const sentAt = new Date(Date.UTC(2025, 0, 1) + counter * 1000).toISOString();
	return `{"notificationType":"CHAT_MESSAGE_SENT","businessId":${SANDBOX_SEED.businessId},"chatId":${chatId},"messageId":"${messageId}","sentAt":"${sentAt}"}`;
}

async function run(
	url: string,
	scenario: string,
	requests: number,
	concurrency: number,
	chatId: string,
	messageIds: string[],
) {
	const latencies: number[] = [];
	const failures: string[] = [];
	let next = 0;
	const started = Date.now();
	async function worker() {
		while (next < requests) {
			next++;
			const r = await post(url, bodyFor(scenario, chatId, messageIds));
			latencies.push(r.ms);
			let ok = r.status === 200;
			if (ok) {
				const answer = JSON.parse(r.body) as Record<string, unknown>;
				ok =
					typeof answer.version === 'string' &&
					answer.name === 'n8n-nodes-yandex-market' &&
					typeof answer.time === 'string';
			}
			if (!ok) failures.push(`${r.status} ${r.body.slice(0, 200)}`);
		}
	}
	await Promise.all(Array.from({ length: concurrency }, () => worker()));
	const seconds = (Date.now() - started) / 1000;
	latencies.sort((a, b) => a - b);
	return {
		scenario,
		concurrency,
		requests,
		rps: requests / seconds,
		p50: percentile(latencies, 50),
		p90: percentile(latencies, 90),
		p99: percentile(latencies, 99),
		max: latencies[latencies.length - 1],
		failures,
	};
}

async function deploy(
	n8n: N8nInstance,
	parameters: Record<string, unknown>,
	withCredential: boolean,
) {
	const credential = withCredential
		? { id: n8n.credentialId, name: n8n.connection.credentialName }
		: undefined;
	const { workflow, webhookId } = triggerWorkflow(parameters, credential);
	const id = await n8n.createWorkflow(workflow);
	await n8n.activate(id);
	return { id, url: n8n.webhookUrl(webhookId, 'webhook') };
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const workDir = `${RESULTS_DIR}/bench-trigger-${args.line}-${args.mode}`;
	// Its own process, so serving the details lookups does not share an event loop with the timing client.
	const sb = await startSandboxProcess({ logFile: `${workDir}/sandbox.log` });
	// The lookups run after the answer; quotas and the 4-parallel limit would only slow the runs down, not the answer.
	await sb.control.limits({
		quotas: { getChat: 1_000_000, getChatMessage: 1_000_000 },
		parallelLimit: 1_000,
	});
	const n8n = await startN8n({
		mode: args.mode,
		line: args.line,
		sandboxUrl: sb.url,
		apiKey: sb.keys.communication,
		workDir,
		...(args.legacyExpressions ? { env: { N8N_EXPRESSION_ENGINE: 'legacy' } } : {}),
	});
	const rows: Array<Awaited<ReturnType<typeof run>>> = [];
	try {
		const chat = await sb.control.chat(SANDBOX_SEED.busyChatId);
		const messageIds = chat.messages.filter((m) => m.sender === 'CUSTOMER').map((m) => m.messageId);
		const targets: Record<string, { url: string }> = {
			ping: await deploy(n8n, {}, false),
			event: await deploy(n8n, {}, false),
			details: await deploy(n8n, { resolveDetails: true, senders: ['CUSTOMER'] }, true),
		};
		for (const scenario of args.scenarios) {
			await run(targets[scenario].url, scenario, 20, 2, SANDBOX_SEED.busyChatId, messageIds);
			for (const c of args.concurrency) {
				rows.push(
					await run(
						targets[scenario].url,
						scenario,
						args.requests,
						c,
						SANDBOX_SEED.busyChatId,
						messageIds,
					),
				);
			}
		}
	} finally {
		await n8n.stop();
		await sb.stop();
		closeAgent();
	}
	const f = (x: number) => x.toFixed(1).padStart(8);
	const engine = args.legacyExpressions ? ', N8N_EXPRESSION_ENGINE=legacy' : '';
	console.log(
		`\nTrigger answer latency: n8n ${n8n.connection.n8nVersion} (${args.line}), ${args.mode} mode${engine}, ${args.requests} requests per row`,
	);
	console.log('scenario  conc      rps   p50 ms   p90 ms   p99 ms   max ms  failures');
	for (const r of rows) {
		console.log(
			`${r.scenario.padEnd(8)} ${String(r.concurrency).padStart(5)} ${f(r.rps)} ${f(r.p50)} ${f(r.p90)} ${f(r.p99)} ${f(r.max)}  ${r.failures.length}`,
		);
		if (r.failures.length > 0) console.log(`   first failure: ${r.failures[0]}`);
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
