/** Every documentation link of the codex files must land on a README heading that exists. */
import actionCodex from '../nodes/YandexMarketChats/YandexMarketChats.node.json';
import triggerCodex from '../nodes/YandexMarketChats/YandexMarketChatsTrigger.node.json';
import pollCodex from '../nodes/YandexMarketChats/YandexMarketChatsPollTrigger.node.json';
import pkg from '../package.json';
import { readmeText } from '../harness/docs';

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchor(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N} _-]/gu, '')
		.replace(/ /g, '-');
}

/** Headings outside fenced code blocks (a `# comment` in a shell example is no heading). */
function headings(markdown: string): string[] {
	let fenced = false;
	return markdown.split('\n').filter((line) => {
		if (/^\s*```/.test(line)) fenced = !fenced;
		return !fenced && /^#{1,6} /.test(line);
	});
}

const anchors = new Set(headings(readmeText()).map((line) => anchor(line.replace(/^#+ /, ''))));

describe.each([
	['action node', actionCodex],
	['webhook trigger', triggerCodex],
	['poll trigger', pollCodex],
])('codex of the %s', (_name, codex) => {
	const urls = [
		...codex.resources.primaryDocumentation,
		...codex.resources.credentialDocumentation,
	].map((r) => r.url);

	it.each(urls)('%s points at a README heading', (url) => {
		const [base, hash] = url.split('#');
		expect(base).toBe(pkg.homepage.replace(/#readme$/, ''));
		expect(anchors).toContain(hash);
	});
});
