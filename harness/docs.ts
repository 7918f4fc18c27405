// Reads README.md and the other Markdown files for the documentation-link test (test/ may not touch the file
// system): their heading anchors as GitHub renders them, and the targets of their Markdown links.
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from './paths';

/**
 * GitHub's heading anchor (github-slugger): lowercase; every character that is not a letter, digit, mark, `_`,
 * `-` or space dropped; each space becomes `-`. Inline Markdown is rendered first: `code` and emphasis keep their
 * text, a link keeps its text only.
 */
export function githubSlug(heading: string): string {
	const text = heading
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/<[^>]+>/g, '')
		.trim()
		.toLowerCase();
	return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** Lines of a Markdown file outside fenced code blocks. */
function proseLines(markdown: string): string[] {
	let fence: string | undefined;
	const lines: string[] = [];
	for (const line of markdown.split('\n')) {
		const marker = /^\s*(```+|~~~+)/.exec(line)?.[1];
		if (marker && (!fence || marker.startsWith(fence))) {
			fence = fence ? undefined : marker;
			continue;
		}
		if (!fence) lines.push(line);
	}
	return lines;
}

/** Anchors of every ATX heading (`# ...` to `###### ...`), with GitHub's -1, -2 suffixes for repeats. */
export function headingAnchors(markdown: string): string[] {
	const seen = new Map<string, number>();
	const anchors: string[] = [];
	for (const line of proseLines(markdown)) {
		const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
		if (heading === undefined) continue;
		const slug = githubSlug(heading);
		const n = seen.get(slug) ?? 0;
		seen.set(slug, n + 1);
		anchors.push(n === 0 ? slug : `${slug}-${n}`);
	}
	return anchors;
}

/** Targets of the inline Markdown links `[text](target)` outside code (fenced blocks and `code spans`). */
export function linkTargets(markdown: string): string[] {
	const targets: string[] = [];
	for (const line of proseLines(markdown)) {
		const prose = line.replace(/`[^`]*`/g, '');
		for (const match of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
			targets.push(match[1]);
		}
	}
	return targets;
}

export function readRepoFile(relativePath: string): string {
	return fs.readFileSync(path.join(REPO_ROOT, relativePath), 'utf8');
}

export function repoFileExists(relativePath: string): boolean {
	return fs.existsSync(path.join(REPO_ROOT, relativePath));
}

/** The Markdown files of a repository folder (not recursive), as repository paths, sorted. */
export function markdownFilesIn(relativeDir: string): string[] {
	return fs
		.readdirSync(path.join(REPO_ROOT, relativeDir))
		.filter((f) => f.endsWith('.md'))
		.sort()
		.map((f) => path.posix.join(relativeDir, f));
}
