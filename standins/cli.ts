/**
 * `npm run standins`: the Telegram Bot API, model and CRM stand-ins in one process (for an n8n of your own; npm start
 * runs them itself). Ports from YM_TELEGRAM_PORT / YM_OPENAI_PORT / YM_CRM_PORT (default 18081-18083); one log line per
 * call. Ctrl-C stops them.
 */
import {
	OPENAI_STANDIN,
	TELEGRAM_STANDIN,
	startCrmStandin,
	startOpenAiStandin,
	startTelegramStandin,
} from './index';
import { CRM_STANDIN } from './crm';

function port(name: string, fallback: number): number {
	const value = Number(process.env[name] ?? fallback);
	if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`invalid ${name}`);
	return value;
}

async function main(): Promise<void> {
	const log = (name: string) => (line: string) =>
		console.log(`${new Date().toISOString()} [${name}] ${line}`);
	const tg = await startTelegramStandin({
		port: port('YM_TELEGRAM_PORT', 18081),
		log: log('telegram'),
	});
	const ai = await startOpenAiStandin({
		port: port('YM_OPENAI_PORT', 18082),
		fallback: 'demo',
		log: log('openai'),
	});
	const crm = await startCrmStandin({ port: port('YM_CRM_PORT', 18083), log: log('crm') });
	console.log(
		[
			'Stand-ins listening (see standins/README.md):',
			`  Telegram Bot API  ${tg.url}  credential "Telegram API": Access Token ${TELEGRAM_STANDIN.token}, Base URL ${tg.url}`,
			`                    team chat ${TELEGRAM_STANDIN.teamChat.id}; play a user: POST ${tg.url}/_telegram/updates`,
			`  OpenAI-compatible ${ai.baseUrl}  credential "OpenAI": API Key ${OPENAI_STANDIN.apiKey}, Base URL ${ai.baseUrl}`,
			`  CRM               ${crm.url}  credential "Header Auth": Name ${CRM_STANDIN.header}, Value ${crm.apiKey}`,
		].join('\n'),
	);
	const stop = () => {
		Promise.all([tg.close(), ai.close(), crm.close()]).then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((e) => {
	console.error(`stand-ins failed to start: ${(e as Error).message}`);
	process.exit(1);
});
