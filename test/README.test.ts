/**
 * The documentation links n8n shows (each node's Docs button and the credential's "Open docs" link come from the
 * codex files and the credential's documentationUrl) land on headings that exist in README.md, and README.md has
 * only links that work where it is read outside GitHub (npm's package page, n8n's Docs button): absolute URLs, or
 * anchors of its own headings.
 */
import { YandexMarketApi } from '../credentials/YandexMarketApi.credentials';
import {
	githubSlug,
	headingAnchors,
	linkTargets,
	markdownFilesIn,
	readRepoFile,
	repoFileExists,
} from '../harness/docs';
import actionCodex from '../nodes/YandexMarketChats/YandexMarketChats.node.json';
import pollTriggerCodex from '../nodes/YandexMarketChats/YandexMarketChatsPollTrigger.node.json';
import triggerCodex from '../nodes/YandexMarketChats/YandexMarketChatsTrigger.node.json';
import pkg from '../package.json';

const readme = readRepoFile('README.md');
const anchors = headingAnchors(readme);
const repoUrl = pkg.homepage.replace(/#.*$/, '');

const codexUrls = (name: string, codex: typeof actionCodex): Array<[string, string]> => [
	...codex.resources.primaryDocumentation.map((d): [string, string] => [
		`${name} primaryDocumentation`,
		d.url,
	]),
	...codex.resources.credentialDocumentation.map((d): [string, string] => [
		`${name} credentialDocumentation`,
		d.url,
	]),
];
const documentationUrls: Array<[string, string]> = [
	...codexUrls('YandexMarketChats.node.json', actionCodex),
	...codexUrls('YandexMarketChatsTrigger.node.json', triggerCodex),
	...codexUrls('YandexMarketChatsPollTrigger.node.json', pollTriggerCodex),
	['YandexMarketApi documentationUrl', new YandexMarketApi().documentationUrl],
];

/** The README anchor a URL points at, or undefined when it points elsewhere. */
function readmeAnchor(url: string): string | undefined {
	const match = /^(.*?)(?:\/blob\/main\/README\.md)?#(.+)$/.exec(url);
	return match && match[1] === repoUrl ? match[2] : undefined;
}

describe('githubSlug (GitHub heading anchors)', () => {
	it.each([
		['Trigger setup', 'trigger-setup'],
		['Errors, rate limits and retries', 'errors-rate-limits-and-retries'],
		['Action node: Yandex Market Chats', 'action-node-yandex-market-chats'],
		['Installation (`npm`, queue mode)', 'installation-npm-queue-mode'],
		['See [the sandbox](https://example.com/x)', 'see-the-sandbox'],
		['Get_Many – 1.x', 'get_many--1x'],
	])('%s -> %s', (heading, slug) => {
		expect(githubSlug(heading)).toBe(slug);
	});

	it('numbers repeated headings and skips code blocks', () => {
		expect(headingAnchors('# A\n## A\n```\n# B\n```\n### A b\n')).toEqual(['a', 'a-1', 'a-b']);
	});
});

describe('documentation links', () => {
	it('are the repository URL from package.json', () => {
		expect(pkg.repository.url).toBe(`git+${repoUrl}.git`);
		expect(documentationUrls).toHaveLength(7);
	});

	it.each(documentationUrls)('%s (%s) lands on a README heading', (_where, url) => {
		const anchor = readmeAnchor(url);
		expect(anchor).toBeDefined();
		expect(anchors).toContain(anchor);
	});
});

describe('README.md links', () => {
	const targets = linkTargets(readme);

	it('has links to check', () => {
		expect(targets.length).toBeGreaterThan(10);
	});

	it('are absolute, or anchors of its own headings', () => {
		const relative = targets.filter((t) => !/^(https?:\/\/|mailto:|#)/.test(t));
		expect(relative).toEqual([]);
		const missing = targets
			.filter((t) => t.startsWith('#'))
			.map((t) => t.slice(1))
			.filter((a) => !anchors.includes(a));
		expect(missing).toEqual([]);
	});

	it('into this repository name files that exist, and land on headings of its Markdown files', () => {
		expect(brokenRepoLinks(targets)).toEqual([]);
	});
});

/** Absolute links into this repository whose file does not exist or whose anchor is no heading of it. */
function brokenRepoLinks(targets: string[]): string[] {
	const broken: string[] = [];
	for (const target of targets.filter((t) => t.startsWith(`${repoUrl}`))) {
		const anchor = readmeAnchor(target);
		if (anchor !== undefined) {
			if (!anchors.includes(anchor)) broken.push(target);
			continue;
		}
		const [, file, fileAnchor] =
			/^[^#]*\/(?:blob|tree)\/main\/([^#?]+)(?:#(.+))?$/.exec(target) ?? [];
		if (file === undefined) {
			const page = target.slice(repoUrl.length);
			if (!/^(\/(issues|releases|pulls|actions)(\/[^#]*)?)?\/?$/.test(page)) broken.push(target);
		} else if (!repoFileExists(decodeURIComponent(file))) {
			broken.push(target);
		} else if (fileAnchor && !headingAnchors(readRepoFile(file)).includes(fileAnchor)) {
			broken.push(target);
		}
	}
	return broken;
}

/** Resolves a relative link of a Markdown file (`../README.md#x`, `OPERATIONS.md`) to a repository path. */
function resolveRelative(from: string, target: string): string {
	const parts = from.split('/').slice(0, -1);
	for (const part of target.split('/')) {
		if (part === '..') parts.pop();
		else if (part !== '.' && part !== '') parts.push(part);
	}
	return parts.join('/');
}

// The operator and contributor documents the README sends readers to (they are read on GitHub, so relative links
// are fine there): every link lands on a file that exists and on a heading of it.
describe.each([...markdownFilesIn('docs'), 'CONTRIBUTING.md', 'examples/README.md'])(
	'%s links',
	(file) => {
		const text = readRepoFile(file);
		const targets = linkTargets(text);

		it('to its own headings and to other files land on headings that exist', () => {
			const broken: string[] = [];
			for (const target of targets.filter((t) => !/^(https?:\/\/|mailto:)/.test(t))) {
				const [pathPart, anchor] = target.split('#');
				const resolved = pathPart ? resolveRelative(file, decodeURIComponent(pathPart)) : file;
				if (!repoFileExists(resolved)) {
					broken.push(target);
				} else if (anchor && resolved.endsWith('.md')) {
					if (!headingAnchors(readRepoFile(resolved)).includes(anchor)) broken.push(target);
				}
			}
			expect(broken).toEqual([]);
		});

		it('into this repository by URL land on files and headings that exist', () => {
			expect(brokenRepoLinks(targets)).toEqual([]);
		});
	},
);
