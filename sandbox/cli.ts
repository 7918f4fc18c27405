/**
 * `npm run sandbox [-- --port 18080 --notify-url http://127.0.0.1:5678/webhook/... --latency-ms 50
 * --parallel-limit 4]`: runs the sandbox until SIGINT/SIGTERM and logs one line per request. `--latency-ms` adds a
 * round trip to every API answer (YM_SANDBOX_LATENCY_MS), `--parallel-limit` changes Yandex's 4 parallel requests.
 */
import { SANDBOX_KEYS, SANDBOX_SEED, startSandbox } from './index';

function arg(name: string): string | undefined {
	const argv = process.argv.slice(2);
	const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
	if (i < 0) return undefined;
	const a = argv[i];
	return a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1];
}

async function main(): Promise<void> {
	const portText = arg('port') ?? process.env.YM_SANDBOX_PORT ?? '18080';
	const port = Number(portText);
	if (!Number.isInteger(port) || port < 0 || port > 65535)
		throw new Error(`invalid port '${portText}'`);
	// Several URLs, comma-separated: the first is the notifier URL, the others get copies (sandbox only).
	const [notifyUrl, ...alsoNotify] = (arg('notify-url') ?? process.env.YM_SANDBOX_NOTIFY_URL ?? '')
		.split(',')
		.map((u) => u.trim())
		.filter((u) => u !== '');
	const latencyMs = Number(arg('latency-ms') ?? process.env.YM_SANDBOX_LATENCY_MS ?? 0);
	if (!(latencyMs >= 0)) throw new Error(`invalid --latency-ms '${arg('latency-ms')}'`);
	const parallelText = arg('parallel-limit') ?? process.env.YM_SANDBOX_PARALLEL_LIMIT;
	const parallelLimit = parallelText === undefined ? undefined : Number(parallelText);
	if (parallelLimit !== undefined && !(Number.isInteger(parallelLimit) && parallelLimit >= 1))
		throw new Error(`invalid --parallel-limit '${parallelText}'`);
	const sb = await startSandbox({
		port,
		latencyMs,
		parallelLimit,
		notifyUrl,
		alsoNotify,
		log: (line) => console.log(`${new Date().toISOString()} ${line}`),
	});
	const lines = [
		`Yandex Market sandbox listening on ${sb.url}`,
		`  API base URL (use as the credential's base URL): ${sb.url}`,
		`  control API: ${sb.url}/_sandbox  (see sandbox/README.md)`,
		`  latency: ${latencyMs} ms per answer, ${sb.state.limits.parallelLimit} parallel requests per business`,
		`  notifications: ${notifyUrl ? [notifyUrl, ...alsoNotify].join(', ') : 'off (PUT /_sandbox/notifier {"url": ...})'}`,
		'  Api-Key values:',
		...Object.entries(SANDBOX_KEYS).map(([name, key]) => `    ${name.padEnd(15)} ${key}`),
		'  businesses:',
		...SANDBOX_SEED.businesses.map(
			(b) => `    ${b.id} "${b.name}" campaigns ${b.campaignIds.join(', ')}`,
		),
		`  busy chat ${SANDBOX_SEED.busyChatId} (230 messages), big-ID chat ${SANDBOX_SEED.bigChatId}`,
		'  reviews 80001-80030 and questions 82001-82012 in 10001; 230 reviews in 10002 (see sandbox/README.md)',
	];
	console.log(lines.join('\n'));
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`${signal}: stopping the sandbox`);
		sb.close().then(
			() => process.exit(0),
			(e) => {
				console.error(e);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e) => {
	console.error(`sandbox failed to start: ${(e as Error).message}`);
	process.exit(1);
});
