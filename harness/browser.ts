// Headless Chromium for the editor test (test/e2e/editor.e2e.test.ts): Debian's /usr/bin/chromium driven by
// playwright-core, which downloads no browser of its own. scripts/e2e.sh installs the Debian package when missing.
// Test files may not touch fs or process (n8n's lint rules), so the launch, the screenshots and the switch live here.
import * as fs from 'fs';
import * as path from 'path';
import { chromium, selectors } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';

export type { BrowserContext, Locator, Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.YM_CHROMIUM || '/usr/bin/chromium';

// The machine's tested set: root needs --no-sandbox; without the background-networking flags Chromium keeps
// trying Google's hosts, which this closed network refuses.
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/**
 * Why the browser test is skipped, or undefined when it runs. It runs wherever the e2e suite runs; only an explicit
 * YM_SKIP_BROWSER=1 skips it (jest then reports it as skipped, never as passed). A missing Chromium is a failure.
 */
export function browserSkipReason(): string | undefined {
	return process.env.YM_SKIP_BROWSER === '1' ? 'YM_SKIP_BROWSER=1' : undefined;
}

export interface EditorBrowser {
	readonly context: BrowserContext;
	readonly page: Page;
	/** Requests to anything but 127.0.0.1 that the editor tried; all were refused. */
	readonly blocked: string[];
	/** Writes <dir>/screenshots/NN-<name>.png and returns its path. */
	screenshot(name: string): Promise<string>;
	close(): Promise<void>;
}

/** Starts Chromium with a new empty profile in <dir>/chromium-profile; screenshots go to <dir>/screenshots. */
export async function launchEditorBrowser(dir: string): Promise<EditorBrowser> {
	if (!fs.existsSync(CHROMIUM_PATH)) {
		throw new Error(
			`Chromium not found at ${CHROMIUM_PATH}. scripts/e2e.sh installs Debian's chromium with apt-get; or set ` +
				'YM_CHROMIUM to a Chromium binary, or YM_SKIP_BROWSER=1 to skip the editor test explicitly.',
		);
	}
	const profile = path.join(dir, 'chromium-profile');
	const shots = path.join(dir, 'screenshots');
	fs.rmSync(profile, { recursive: true, force: true });
	fs.rmSync(shots, { recursive: true, force: true });
	fs.mkdirSync(profile, { recursive: true });
	fs.mkdirSync(shots, { recursive: true });
	// n8n's elements carry data-test-id (not playwright's default data-testid).
	selectors.setTestIdAttribute('data-test-id');
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: CHROMIUM_FLAGS,
		viewport: { width: 1440, height: 900 },
		timeout: 60000,
	});
	context.setDefaultTimeout(30000);
	const blocked: string[] = [];
	// Everything stays on 127.0.0.1: the editor also asks registry.npmjs.org about community packages.
	await context.route('**/*', async (route) => {
		const url = new URL(route.request().url());
		if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') {
			return await route.continue();
		}
		blocked.push(route.request().url());
		return await route.abort('blockedbyclient');
	});
	const page = context.pages()[0] ?? (await context.newPage());
	let count = 0;
	return {
		context,
		page,
		blocked,
		async screenshot(name: string) {
			count++;
			const file = path.join(shots, `${String(count).padStart(2, '0')}-${name}.png`);
			await page.screenshot({ path: file });
			return file;
		},
		async close() {
			await context.close();
			fs.rmSync(profile, { recursive: true, force: true });
		},
	};
}
