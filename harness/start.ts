// `npm start` (scripts/start.sh): the local playground. Starts the Yandex Market sandbox, the stand-ins of Telegram,
// an OpenAI-compatible model and a CRM (in this process), and a real n8n (SQLite, 127.0.0.1) with this package
// installed as a community package, an owner, the credentials and every example workflow; the Telegram bridge, the
// AI agent, the CRM hand-off and the review and question templates are published (the last two with Telegram bots of
// their own). Prints the editor URL, the login and the curl commands that play the buyer (a chat message, a review,
// a question) and the Telegram user; Ctrl-C stops everything. The user folder is persistent (.runtime/start/<line>/user),
// so workflows survive restarts; examples added to the repository later are imported on the next start.
//
// Environment:
//   YANDEX_MARKET_API_KEY      a real Api-Key: the credential points at Yandex instead of the sandbox (no sandbox,
//                              no stand-ins, nothing published)
//   YANDEX_MARKET_ENVIRONMENT  production (default) | yandexGo, with YANDEX_MARKET_API_KEY
//   N8N_LINE                   node24 (default, n8n 2.41.1) | node20 (n8n 2.8.4) | v1 (n8n 1.123.81)
//   YM_N8N_PORT (5678), YM_SANDBOX_PORT (18080), YM_TELEGRAM_PORT (18081), YM_OPENAI_PORT (18082),
//   YM_CRM_PORT (18083), YM_START_DIR (.runtime/start/<line>),
//   YM_N8N_OWNER_EMAIL / YM_N8N_OWNER_PASSWORD (default owner@example.com / Yandex-Market-1)
import * as fs from 'fs';
import * as path from 'path';
import {
	DEFAULT_EXAMPLE_VALUES,
	exampleFiles,
	loadExample,
	readExample,
	type ExampleValues,
} from './examples';
import { CREDENTIAL_ID, DEFAULT_OWNER, startN8n, type N8nInstance } from './n8n';
import { REPO_ROOT, TRIGGER_TYPE } from './paths';
import { isPortFree } from './proc';
import { lineFromEnv } from './runtime';
import { startSandboxProcess, type SandboxProcess } from './sandbox';
import { STANDIN_CREDENTIALS, startStandins, type RunningStandins } from './standins';
import type { CredentialRef, Workflow } from './workflows';

/** Published on import (sandbox mode); the auto-reply example stays a draft, the AI agent answers instead. */
const PUBLISHED = [
	'telegram-bridge.json',
	'ai-agent-replies.json',
	'crm-hand-off.json',
	'answer-reviews.json',
	'answer-questions.json',
].filter((f) => exampleFiles().some((e) => path.basename(e) === f));

/**
 * Telegram sends a bot's updates to one webhook only, so each published template with a Telegram Trigger has a bot
 * of its own (the stand-in knows three), as a seller running them side by side would.
 */
const TELEGRAM_BOT: Record<string, CredentialRef> = {
	'answer-reviews.json': STANDIN_CREDENTIALS.telegramReviews,
	'answer-questions.json': STANDIN_CREDENTIALS.telegramQuestions,
};

/**
 * An example as npm start imports it, staged once per user folder: its webhook nodes get their own IDs (as an
 * import in the editor gives them); with the sandbox, Settings point at the local stand-ins (Telegram team chat,
 * CRM) and the sandbox business is picked, while with a real key the placeholders stay for the user to fill. Later starts reuse the staged copy, so the notification URLs stay those of the imported
 * workflows.
 */
function staged(dir: string, file: string, values: ExampleValues): Workflow {
	const copy = path.join(dir, path.basename(file));
	if (fs.existsSync(copy)) return JSON.parse(fs.readFileSync(copy, 'utf8')) as Workflow;
	const bot = TELEGRAM_BOT[path.basename(file)];
	const workflow = loadExample(file, undefined, values, bot ? { telegramApi: bot } : {});
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(copy, JSON.stringify(workflow));
	return workflow;
}

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
	const ports = {
		telegram: Number(process.env.YM_TELEGRAM_PORT || 18081),
		openai: Number(process.env.YM_OPENAI_PORT || 18082),
		crm: Number(process.env.YM_CRM_PORT || 18083),
	};
	const wanted: Array<[string, number]> = [['n8n (YM_N8N_PORT)', port]];
	if (!realKey) {
		wanted.push(['the sandbox (YM_SANDBOX_PORT)', sandboxPort]);
		wanted.push(['the Telegram stand-in (YM_TELEGRAM_PORT)', ports.telegram]);
		wanted.push(['the model stand-in (YM_OPENAI_PORT)', ports.openai]);
		wanted.push(['the CRM stand-in (YM_CRM_PORT)', ports.crm]);
	}
	for (const [name, p] of wanted) {
		if (!(await isPortFree(p))) throw new Error(`Port ${p} for ${name} is in use on 127.0.0.1`);
	}

	// The sandbox sends copies of every notification to each published example.
	const stagedDir = path.join(workDir, 'examples');
	const values: ExampleValues = realKey
		? {}
		: { ...DEFAULT_EXAMPLE_VALUES, crmBaseUrl: `http://127.0.0.1:${ports.crm}` };
	const hookUrl = (file: string) => {
		const hook = staged(stagedDir, file, values).nodes.find((n) => n.type === TRIGGER_TYPE);
		return `http://127.0.0.1:${port}/webhook/${String(hook?.webhookId)}/webhook`;
	};
	const notifyUrls = PUBLISHED.map(hookUrl);

	let sandbox: SandboxProcess | undefined;
	let standins: RunningStandins | undefined;
	let n8n: N8nInstance | undefined;
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		log('stopping n8n, the stand-ins and the sandbox...');
		await n8n?.stop().catch(() => undefined);
		await standins?.close().catch(() => undefined);
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
				notifyUrls,
				logFile: path.join(workDir, 'logs', 'sandbox.log'),
				pidFile: process.env.YM_RUN_DIR
					? path.join(process.env.YM_RUN_DIR, 'pids', 'sandbox.pid')
					: undefined,
			});
		}
		const standinLog = path.join(workDir, 'logs', 'standins.log');
		if (!realKey) {
			log(
				`starting the Telegram, model and CRM stand-ins on ports ${Object.values(ports).join(', ')}`,
			);
			fs.mkdirSync(path.dirname(standinLog), { recursive: true });
			standins = await startStandins(['telegram', 'openai', 'crm'], {
				ports,
				openAiFallback: 'demo',
				log: (name, text) =>
					fs.appendFileSync(standinLog, `${new Date().toISOString()} [${name}] ${text}\n`),
			});
		}
		// Examples are imported once each (later starts keep the user's edits); the list of imported ones is kept.
		const marker = path.join(workDir, 'user', '.examples-imported');
		const imported = new Set(
			fs.existsSync(marker)
				? fs
						.readFileSync(marker, 'utf8')
						.split('\n')
						.filter((l) => l.endsWith('.json'))
				: [],
		);
		const toImport = exampleFiles().filter((f) => !imported.has(path.basename(f)));
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
			extraCredentials: standins?.credentials,
			beforeStart: async (cli) => {
				for (const file of toImport) {
					staged(stagedDir, file, values);
					await cli(['import:workflow', `--input=${path.join(stagedDir, path.basename(file))}`]);
				}
			},
		});
		for (const file of toImport) {
			imported.add(path.basename(file));
			if (!realKey && PUBLISHED.includes(path.basename(file))) {
				const workflow = readExample(file);
				await n8n.activate(String(workflow.id));
				log(`published "${workflow.name}"`);
			}
		}
		fs.writeFileSync(marker, `${[...imported].join('\n')}\n`);
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
			.map((f) => `"${readExample(f).name}"`)
			.join(', ')}`,
	];
	if (sandbox && standins?.telegram && standins.openai && standins.crm) {
		const tg = standins.telegram.url;
		rows.push(
			`  published:  ${PUBLISHED.map((f) => `"${readExample(f).name}"`).join(', ')}`,
			`  sandbox:    ${sandbox.url} (Api-Key ${sandbox.keys.communication}; control API ${sandbox.url}/_sandbox)`,
			`  stand-ins:  Telegram Bot API ${tg}, OpenAI-compatible model ${standins.openai.baseUrl} (a rule-based demo model), CRM ${standins.crm.url}`,
			'',
			'  Play the buyer (the sandbox; it notifies the published workflows like Yandex does):',
			`    curl -s -X POST -H 'content-type: application/json' -d '{"text":"Where is my order?"}' ${sandbox.url}/_sandbox/chats/30003/messages`,
			`    curl -s -X POST -H 'content-type: application/json' -d '{"text":"I want to talk to a person"}' ${sandbox.url}/_sandbox/chats/30029/messages`,
			'  Play a buyer writing a review (5 stars: a thank-you is posted; 1-3 stars: a draft goes to Telegram) and a question:',
			`    curl -s -X POST -H 'content-type: application/json' -d '{"rating":5,"comment":"Boils fast and quietly","orderId":"40003"}' ${sandbox.url}/_sandbox/reviews`,
			`    curl -s -X POST -H 'content-type: application/json' -d '{"rating":2,"comment":"The lid squeaks","photos":1}' ${sandbox.url}/_sandbox/reviews`,
			`    curl -s -X POST -H 'content-type: application/json' -d '{"text":"Can it boil 1.5 litres at once?","offerId":"KETTLE-1700-WHITE"}' ${sandbox.url}/_sandbox/questions`,
			`    then: curl -s ${sandbox.url}/_sandbox/reviews/<feedbackId>   (the shop's comment) or ${sandbox.url}/_sandbox/questions/<questionId>`,
			'  Watch Telegram (the team chat the bridge, the agent and the review and question bots post to; note a message_id):',
			`    curl -s '${tg}/_telegram/messages?from=bot'`,
			'  Play the Telegram user: reply to a post to answer that buyer (text, or "photo": {"size": 2048}); to a review or',
			'  question draft, "ok" posts the draft and any other text is posted instead:',
			`    curl -s -X POST -H 'content-type: application/json' -d '{"replyTo": 1, "text": "It ships today"}' ${tg}/_telegram/updates`,
			`  The buyer's chat: curl -s ${sandbox.url}/_sandbox/chats/30003   CRM records: curl -s ${standins.crm.url}/_crm/records`,
			`  What the model was asked: curl -s ${standins.openai.url}/_openai/requests`,
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
