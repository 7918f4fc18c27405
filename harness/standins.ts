// The stand-ins of the outside services (standins/) as the harness runs them: started in-process next to the
// sandbox, and their n8n credentials imported with fixed ids that the example workflows reference, the same way the
// Yandex Market credential is (so a template runs unchanged in the e2e suite and in npm start).
import {
	createCrmControl,
	createOpenAiControl,
	createTelegramControl,
	startCrmStandin,
	startOpenAiStandin,
	startTelegramStandin,
	type CrmControl,
	type CrmStandin,
	type OpenAiControl,
	type OpenAiStandin,
	type TelegramControl,
	type TelegramStandin,
} from '../standins';
import { CRM_STANDIN } from '../standins/crm';
import { TELEGRAM_STANDIN } from '../standins/telegram';

export type StandinName = 'telegram' | 'openai' | 'crm';

/** n8n credentials the examples use; ids are fixed so workflow JSON can reference them. */
export const STANDIN_CREDENTIALS = {
	telegram: { id: 'ymTelegramCred01', name: 'Telegram (stand-in)', type: 'telegramApi' },
	// npm start publishes three workflows with a Telegram Trigger, and Telegram sends a bot's updates to one webhook
	// only: the review and question templates get a bot each (TELEGRAM_STANDIN.otherBots), the bridge the main one.
	telegramReviews: {
		id: 'ymTelegramCred02',
		name: 'Telegram reviews bot (stand-in)',
		type: 'telegramApi',
	},
	telegramQuestions: {
		id: 'ymTelegramCred03',
		name: 'Telegram questions bot (stand-in)',
		type: 'telegramApi',
	},
	openai: { id: 'ymOpenAiCred0001', name: 'OpenAI (stand-in)', type: 'openAiApi' },
	crm: { id: 'ymCrmApiKeyCred1', name: 'CRM API key (stand-in)', type: 'httpHeaderAuth' },
} as const;

export interface ImportedCredential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface RunningStandins {
	telegram?: TelegramStandin & { control: TelegramControl };
	openai?: OpenAiStandin & { control: OpenAiControl };
	crm?: CrmStandin & { control: CrmControl };
	/** Credentials for startN8n's extraCredentials. */
	credentials: ImportedCredential[];
	close(): Promise<void>;
}

export async function startStandins(
	names: StandinName[],
	options: {
		log?: (name: StandinName, line: string) => void;
		ports?: Partial<Record<StandinName, number>>;
		openAiFallback?: 'error' | 'demo';
	} = {},
): Promise<RunningStandins> {
	const log = (name: StandinName) => (line: string) => options.log?.(name, line);
	const running: RunningStandins = { credentials: [], close: async () => undefined };
	const closers: Array<() => Promise<void>> = [];
	try {
		if (names.includes('telegram')) {
			const tg = await startTelegramStandin({
				port: options.ports?.telegram,
				log: log('telegram'),
			});
			closers.push(() => tg.close());
			running.telegram = { ...tg, control: createTelegramControl(tg.url) };
			running.credentials.push({
				...STANDIN_CREDENTIALS.telegram,
				data: { accessToken: tg.token, baseUrl: tg.url },
			});
			const [reviewsBot, questionsBot] = TELEGRAM_STANDIN.otherBots;
			running.credentials.push(
				{
					...STANDIN_CREDENTIALS.telegramReviews,
					data: { accessToken: reviewsBot.token, baseUrl: tg.url },
				},
				{
					...STANDIN_CREDENTIALS.telegramQuestions,
					data: { accessToken: questionsBot.token, baseUrl: tg.url },
				},
			);
		}
		if (names.includes('openai')) {
			const ai = await startOpenAiStandin({
				port: options.ports?.openai,
				log: log('openai'),
				fallback: options.openAiFallback,
			});
			closers.push(() => ai.close());
			running.openai = { ...ai, control: createOpenAiControl(ai.url) };
			running.credentials.push({
				...STANDIN_CREDENTIALS.openai,
				data: { apiKey: ai.apiKey, url: ai.baseUrl, header: false },
			});
		}
		if (names.includes('crm')) {
			const crm = await startCrmStandin({ port: options.ports?.crm, log: log('crm') });
			closers.push(() => crm.close());
			running.crm = { ...crm, control: createCrmControl(crm.url) };
			running.credentials.push({
				...STANDIN_CREDENTIALS.crm,
				data: { name: CRM_STANDIN.header, value: crm.apiKey },
			});
		}
	} catch (error) {
		for (const close of closers.reverse()) await close();
		throw error;
	}
	running.close = async () => {
		for (const close of closers.reverse()) await close();
	};
	return running;
}
