// The example workflows in examples/: loaded by npm start (CLI import) and by the e2e suite (public API).
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { SANDBOX_SEED } from '../sandbox/seed';
import { TELEGRAM_STANDIN } from '../standins/telegram';
import { CREDENTIAL_TYPE, REPO_ROOT, TRIGGER_TYPE } from './paths';
import { CREDENTIAL_ID } from './n8n';
import { STANDIN_CREDENTIALS } from './standins';
import type { CredentialRef, Workflow } from './workflows';

export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

/** What a seller replaces in a template's Settings node; the template stops with a message naming it until then. */
export const PLACEHOLDERS = {
	telegramChatId: 'PASTE-YOUR-TELEGRAM-CHAT-ID',
	crmBaseUrl: 'PASTE-YOUR-CRM-URL',
} as const;

/** Node types that publish a webhook: n8n's editor gives each one a new webhook ID on import. */
export const WEBHOOK_NODE_TYPES = [TRIGGER_TYPE, 'n8n-nodes-base.telegramTrigger'];

/** The values a test or npm start puts where a seller would: placeholders, and the business picked From List. */
export interface ExampleValues {
	telegramChatId?: string;
	crmBaseUrl?: string;
	businessId?: string;
}

/** The team chat of the Telegram stand-in and the sandbox's business; the CRM URL is per run, so not here. */
export const DEFAULT_EXAMPLE_VALUES: ExampleValues = {
	telegramChatId: String(TELEGRAM_STANDIN.teamChat.id),
	businessId: SANDBOX_SEED.businessId,
};

export function exampleFiles(): string[] {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => path.join(EXAMPLES_DIR, f));
}

/** The template exactly as shipped. */
export function readExample(file: string): Workflow {
	const full = path.isAbsolute(file) ? file : path.join(EXAMPLES_DIR, file);
	return JSON.parse(fs.readFileSync(full, 'utf8')) as Workflow;
}

function fill(value: unknown, values: ExampleValues): unknown {
	if (typeof value === 'string') {
		let text = value;
		for (const [key, placeholder] of Object.entries(PLACEHOLDERS)) {
			const replacement = values[key as keyof typeof PLACEHOLDERS];
			if (replacement !== undefined) text = text.split(placeholder).join(replacement);
		}
		return text;
	}
	if (Array.isArray(value)) return value.map((v) => fill(v, values));
	if (value && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		// A Business left empty "From List" for the seller to pick.
		if (
			record.__rl === true &&
			record.mode === 'list' &&
			record.value === '' &&
			values.businessId !== undefined
		)
			return { ...record, value: values.businessId };
		return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fill(v, values)]));
	}
	return value;
}

/**
 * The credential a template's node gets, by type: templates name credentials but carry no ID (a seller picks theirs,
 * or n8n's editor matches one of the same name), so tests and npm start point them at the harness's credentials.
 */
function credentialFor(type: string, yandex: CredentialRef): CredentialRef | undefined {
	if (type === CREDENTIAL_TYPE) return { ...yandex };
	const standin = Object.values(STANDIN_CREDENTIALS).find((c) => c.type === type);
	return standin ? { id: standin.id, name: standin.name } : undefined;
}

/**
 * An example as a seller has it after Import from File and the setup checklist: every webhook node with its own new
 * webhook ID (as n8n's editor assigns on import), the placeholders and the From List business filled with `values`,
 * and every credential reference pointed at the harness's credential of its type (`credential` for Yandex Market,
 * else the one npm start and useE2E import with a fixed ID). Sticky notes stay as shipped.
 */
export function loadExample(
	file: string,
	credential?: CredentialRef,
	values: ExampleValues = DEFAULT_EXAMPLE_VALUES,
	/** Credentials by type that replace the harness's default of that type (npm start: a Telegram bot per template). */
	overrides: Record<string, CredentialRef> = {},
): Workflow {
	const workflow = readExample(file);
	for (const node of workflow.nodes) {
		if (WEBHOOK_NODE_TYPES.includes(node.type) && !node.webhookId) node.webhookId = randomUUID();
		if (node.type !== 'n8n-nodes-base.stickyNote')
			node.parameters = fill(node.parameters, values) as Record<string, unknown>;
		for (const type of Object.keys(node.credentials ?? {})) {
			const ref =
				overrides[type] ??
				credentialFor(type, credential ?? { id: CREDENTIAL_ID, name: 'Yandex Market account' });
			if (ref && node.credentials) node.credentials[type] = ref;
		}
	}
	return workflow;
}
