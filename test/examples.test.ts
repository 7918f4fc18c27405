/**
 * The templates in examples/ as a seller imports them (Workflows → Import from File): nothing in them points at this
 * repository's test set-up, every import gets its own webhook URL, whatever the seller must change sits in one
 * Settings node as an obvious placeholder that stops the workflow until it is replaced, and each template carries a
 * numbered setup checklist. The e2e suites prove the templates work once filled in; this proves what ships.
 */
import {
	PLACEHOLDERS,
	WEBHOOK_NODE_TYPES,
	exampleFiles,
	loadExample,
	readExample,
} from '../harness/examples';
import { readRepoFile } from '../harness/docs';
import type { Workflow, WorkflowNode } from '../harness/workflows';

const STICKY = 'n8n-nodes-base.stickyNote';
const NEUTRAL_CREDENTIAL_NAMES: Record<string, string> = {
	yandexMarketApi: 'Yandex Market account',
	telegramApi: 'Telegram bot',
	openAiApi: 'OpenAI account',
	httpHeaderAuth: 'CRM API key',
};

const files = exampleFiles().map((f) => f.slice(f.lastIndexOf('/') + 1));
const templates: Array<[string, Workflow, string]> = files.map((f) => [
	f,
	readExample(f),
	readRepoFile(`examples/${f}`),
]);

/** Every string in a value, with where it is. */
function strings(value: unknown, at = ''): Array<[string, string]> {
	if (typeof value === 'string') return [[at, value]];
	if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}[${i}]`));
	if (value && typeof value === 'object')
		return Object.entries(value).flatMap(([k, v]) => strings(v, at ? `${at}.${k}` : k));
	return [];
}

/** Problems a seller would inherit from a template's text; [] when there are none. */
export function templateProblems(text: string): string[] {
	const problems: string[] = [];
	const checks: Array<[RegExp, string]> = [
		[/\b127\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/, 'a loopback address (127.x.x.x)'],
		[/\blocalhost\b/i, 'localhost'],
		[/\[::1\]|\b0\.0\.0\.0\b/, 'a loopback or unspecified address'],
		[/sandbox/i, 'the word "sandbox"'],
		[/stand-?in/i, 'the word "stand-in"'],
		[/"webhookId"\s*:/, 'a fixed webhook ID'],
	];
	for (const [pattern, what] of checks) {
		const match = pattern.exec(text);
		if (match) problems.push(`${what}: "${match[0]}"`);
	}
	return problems;
}

describe('templateProblems (the check itself)', () => {
	it.each([
		['{"url": "http://127.0.0.1:18083"}', 'a loopback address'],
		['{"url": "http://localhost:5678"}', 'localhost'],
		['{"name": "Yandex Market (sandbox)"}', '"sandbox"'],
		['{"name": "Telegram (stand-in)"}', '"stand-in"'],
		['{"webhookId": "yandex-market-auto-reply"}', 'a fixed webhook ID'],
	])('finds %s', (text, what) => {
		expect(templateProblems(text).join('; ')).toContain(what);
	});

	it('finds nothing in a clean text', () => {
		expect(templateProblems('{"url": "https://crm.example.com", "id": "a-b"}')).toEqual([]);
	});
});

describe.each(templates)('%s', (file, workflow, text) => {
	const nodes = workflow.nodes.filter((n) => n.type !== STICKY);
	const notes = workflow.nodes.filter((n) => n.type === STICKY);

	it('has no loopback address, no "sandbox"/"stand-in" and no fixed webhook ID', () => {
		expect(templateProblems(text)).toEqual([]);
	});

	it('has no fixed webhook path: webhook nodes get their webhook ID on import', () => {
		for (const node of nodes) {
			expect(node.webhookId).toBeUndefined();
			if (node.type === 'n8n-nodes-base.webhook') expect(node.parameters.path).toBeUndefined();
		}
	});

	it('names credentials neutrally, with no fixed ID', () => {
		for (const node of nodes) {
			for (const [type, ref] of Object.entries(node.credentials ?? {})) {
				// No ID: n8n's editor then matches a credential of that name, or the seller picks one.
				expect([node.name, ref.id]).toEqual([node.name, null]);
				expect([node.name, type, ref.name]).toEqual([
					node.name,
					type,
					NEUTRAL_CREDENTIAL_NAMES[type],
				]);
			}
		}
	});

	it('picks the business From List or takes it from the event, never a fixed ID', () => {
		for (const node of nodes) {
			const business = node.parameters.businessId as
				| { __rl: true; mode: string; value: string }
				| undefined;
			if (!business) continue;
			const fromEvent = String(business.value).startsWith('=');
			expect([node.name, fromEvent || business.mode === 'list']).toEqual([node.name, true]);
			if (!fromEvent) expect(business.value).toBe('');
		}
	});

	it('keeps placeholders in one Settings node, checked before anything is called', () => {
		const placeholders = Object.values(PLACEHOLDERS) as string[];
		const used = nodes.flatMap((node) =>
			strings(node.parameters)
				.filter(([, value]) => placeholders.some((p) => value.includes(p)))
				.map(([at, value]) => ({ node: node.name, at, value })),
		);
		// Code that checks for the prefix is not a use; what is left must be in Settings.
		const uses = used.filter((u) => u.node !== 'Check settings');
		for (const use of uses) expect(use.node).toBe('Settings');
		if (uses.length === 0) return;
		const check = nodes.find((n) => n.name === 'Check settings') as WorkflowNode;
		expect(check).toBeDefined();
		const code = String(check.parameters.jsCode);
		expect(code).toContain("startsWith('PASTE-YOUR-')");
		for (const use of uses) {
			const key = use.at.startsWith('assignments.assignments')
				? (
						(
							nodes.find((n) => n.name === 'Settings')?.parameters.assignments as {
								assignments: Array<{ name: string; value: unknown }>;
							}
						).assignments.find((a) => a.value === use.value) as { name: string }
					).name
				: use.at;
			expect(code).toContain(JSON.stringify(key));
		}
		// Settings feeds the check and nothing else.
		expect(workflow.connections.Settings).toEqual({
			main: [[{ node: 'Check settings', type: 'main', index: 0 }]],
		});
	});

	it('binds nodes to their own item, never to the first item of another node', () => {
		const bound = nodes.flatMap((node) =>
			strings(node.parameters)
				.filter(([, value]) =>
					/\$\(\s*['"][^'"]+['"]\s*\)\s*\.\s*(first|last|all)\s*\(/.test(value),
				)
				.map(([at]) => `${node.name}: ${at}`),
		);
		expect(bound).toEqual([]);
	});

	it('has a numbered setup checklist in a sticky note', () => {
		const checklist = notes.find((n) => /checklist/i.test(String(n.parameters.content)));
		expect(checklist).toBeDefined();
		const content = String(checklist?.parameters.content);
		const steps = content.match(/^\d+\. /gm) ?? [];
		expect(steps.length).toBeGreaterThanOrEqual(3);
		expect(steps).toEqual(steps.map((_, i) => `${i + 1}. `));
		expect(content).toMatch(/credential/i);
	});
});

describe('loadExample (what a seller has after import and the checklist)', () => {
	it('gives every webhook node of two imports of one template its own webhook ID', () => {
		for (const file of files) {
			const ids = (w: Workflow) =>
				w.nodes.filter((n) => WEBHOOK_NODE_TYPES.includes(n.type)).map((n) => n.webhookId);
			const [a, b] = [loadExample(file), loadExample(file)].map(ids);
			expect(a.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
			for (const id of a) expect(b).not.toContain(id);
		}
	});

	it('fills the placeholders and the business picked From List', () => {
		const workflow = loadExample('reply-time-watchdog.json', undefined, {
			telegramChatId: '-100123',
			businessId: '777',
		});
		const text = JSON.stringify(workflow.nodes.filter((n) => n.type !== STICKY));
		expect(text).not.toContain(PLACEHOLDERS.telegramChatId);
		expect(text).toContain('"-100123"');
		expect(text).toContain('{"__rl":true,"mode":"list","value":"777"}');
	});

	it('leaves a placeholder without a value as it is', () => {
		const text = JSON.stringify(loadExample('crm-hand-off.json').nodes);
		expect(text).toContain(PLACEHOLDERS.crmBaseUrl);
	});
});
