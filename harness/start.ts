// `npm start` (scripts/start.sh): the local playground. Starts the Yandex Market sandbox and a real n8n (SQLite,
// 127.0.0.1) with this package installed as a community package, an owner, a yandexMarketApi credential and the
// example workflows; prints the editor URL and login; Ctrl-C stops everything. The user folder is persistent
// (.runtime/start/<line>/user), so workflows survive restarts.
//
// Environment:
//   YANDEX_MARKET_API_KEY      a real Api-Key: the credential points at Yandex instead of the sandbox (no sandbox)
//   YANDEX_MARKET_ENVIRONMENT  production (default) | yandexGo, with YANDEX_MARKET_API_KEY
//   N8N_LINE                   node24 (default, n8n 2.41.1) | node20 (n8n 2.8.4) | v1 (n8n 1.123.81)
//   YM_N8N_PORT (5678), YM_SANDBOX_PORT (18080), YM_START_DIR (.runtime/start/<line>),
//   YM_N8N_OWNER_EMAIL / YM_N8N_OWNER_PASSWORD (default owner@example.com / Yandex-Market-1)
import * as fs from 'fs';
import * as path from 'path';
import { exampleFiles, loadExample } from './examples';
import { CREDENTIAL_ID, DEFAULT_OWNER, startN8n, type N8nInstance } from './n8n';
import { REPO_ROOT } from './paths';
import { isPortFree } from './proc';
import { lineFromEnv } from './runtime';
import { startSandboxProcess, type SandboxProcess } from './sandbox';

const AUTO_REPLY_EXAMPLE = 'auto-reply-to-buyer-messages.json';

function log(message: string) {
	process.stderr.write(`[start] ${message}\n`);
}

async function main() {
	const line = lineFromEnv();
	const realKey = process.env.YANDEX_MARKET_API_KEY?.trim();
	const environment = process.env.YANDEX_MARKET_ENVIRONMENT?.trim() || 'production';
	if (realKey && environment !== 'production' && environment !== 'yandexGo') {
		throw new Error(
			`YANDEX_MARKET_ENVIRONMENT must be production or yandexGo, not '${environment}'`,
		);
	}
	const port = Number(process.env.YM_N8N_PORT || 5678);
	const sandboxPort = Number(process.env.YM_SANDBOX_PORT || 18080);
	const workDir = path.resolve(
		process.env.YM_START_DIR || path.join(REPO_ROOT, '.runtime', 'start', line),
	);
	const owner = {
		...DEFAULT_OWNER,
		email: process.env.YM_N8N_OWNER_EMAIL || DEFAULT_OWNER.email,
		password: process.env.YM_N8N_OWNER_PASSWORD || DEFAULT_OWNER.password,
	};
	for (const [name, p] of [['n8n', port], ...(realKey ? [] : [['sandbox', sandboxPort]])] as Array<
		[string, number]
	>) {
		if (!(await isPortFree(p))) {
			throw new Error(
				`Port ${p} for ${name} is in use on 127.0.0.1 (set YM_N8N_PORT / YM_SANDBOX_PORT)`,
			);
		}
	}

	const autoReply = loadExample(AUTO_REPLY_EXAMPLE);
	const autoReplyHook = String(autoReply.nodes.find((n) => n.webhookId)?.webhookId);
	const autoReplyUrl = `http://127.0.0.1:${port}/webhook/${autoReplyHook}/webhook`;

	let sandbox: SandboxProcess | undefined;
	let n8n: N8nInstance | undefined;
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		log('stopping n8n and the sandbox...');
		await n8n?.stop().catch(() => undefined);
		await sandbox?.stop().catch(() => undefined);
		log('stopped');
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));
	process.on('SIGHUP', () => void stop(0));

	try {
		if (!realKey) {
			log(`starting the Yandex Market sandbox on 127.0.0.1:${sandboxPort}`);
			sandbox = await startSandboxProcess({
				port: sandboxPort,
				notifyUrl: autoReplyUrl,
				logFile: path.join(workDir, 'logs', 'sandbox.log'),
				pidFile: process.env.YM_RUN_DIR
					? path.join(process.env.YM_RUN_DIR, 'pids', 'sandbox.pid')
					: undefined,
			});
		}
		const marker = path.join(workDir, 'user', '.examples-imported');
		const firstRun = !fs.existsSync(marker);
		log(
			`starting n8n (${line}) on 127.0.0.1:${port}, user folder ${path.relative(REPO_ROOT, path.join(workDir, 'user'))}`,
		);
		n8n = await startN8n({
			mode: 'regular',
			line,
			workDir,
			fresh: false,
			port,
			owner,
			credential: realKey
				? { name: 'Yandex Market', data: { apiKey: realKey, environment, baseUrl: '' } }
				: {
						name: 'Yandex Market (sandbox)',
						data: {
							apiKey: sandbox?.keys.communication,
							environment: 'custom',
							baseUrl: sandbox?.url,
						},
					},
			beforeStart: async (cli) => {
				if (!firstRun) return;
				// Examples only on the first start: later starts keep the user's edits.
				for (const file of exampleFiles()) await cli(['import:workflow', `--input=${file}`]);
			},
		});
		if (firstRun) {
			fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
			if (!realKey) {
				await n8n.activate(String(autoReply.id));
				log(`published "${autoReply.name}"`);
			}
		}
	} catch (error) {
		log((error as Error).message);
		if (n8n) log(n8n.logs(40));
		await stop(1);
		return;
	}

	const rows = [
		'',
		'  n8n with n8n-nodes-yandex-market is running',
		`  editor:     ${n8n.baseUrl}`,
		`  login:      ${owner.email} / ${owner.password}`,
		`  n8n:        ${n8n.runtime.n8nVersion} on Node ${line === 'node24' ? '24' : '20'} (N8N_LINE=${line})`,
		`  credential: "${n8n.connection.credentialName}" (id ${CREDENTIAL_ID}) -> ` +
			(realKey
				? `Yandex Market ${environment} with YANDEX_MARKET_API_KEY`
				: `sandbox ${sandbox?.url}`),
		`  examples:   ${exampleFiles()
			.map((f) => `"${loadExample(f).name}"`)
			.join(', ')}`,
		`  auto-reply production webhook URL: ${autoReplyUrl}`,
	];
	if (sandbox) {
		rows.push(
			`  sandbox:    ${sandbox.url} (Api-Key ${sandbox.keys.communication}; control API ${sandbox.url}/_sandbox)`,
			'  try it: a buyer writes into order chat 30003, the sandbox notifies the published auto-reply workflow:',
			`    curl -s -X POST -H 'content-type: application/json' -d '{"text":"Where is my order?"}' ${sandbox.url}/_sandbox/chats/30003/messages`,
		);
	}
	rows.push(
		`  logs:       ${path.relative(REPO_ROOT, path.join(workDir, 'logs'))}/`,
		'  Ctrl-C stops everything.',
		'',
	);
	process.stdout.write(`${rows.join('\n')}\n`);

	// Stay up until Ctrl-C; if a child dies on its own, stop the rest too.
	const watched = [...n8n.processes, ...(sandbox ? [sandbox.proc] : [])];
	await Promise.race(watched.map((p) => p.exited.then((code) => ({ name: p.name, code })))).then(
		async ({ name, code }) => {
			if (stopping) return;
			log(`${name} exited (${code}); see ${path.relative(REPO_ROOT, path.join(workDir, 'logs'))}/`);
			await stop(1);
		},
	);
}

main().catch((error) => {
	process.stderr.write(`[start] ${(error as Error).stack ?? error}\n`);
	process.exit(1);
});
