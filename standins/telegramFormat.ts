/**
 * Telegram's text rules as the Bot API applies them to sendMessage / captions: entity parsing for parse_mode HTML,
 * Markdown (legacy) and MarkdownV2, and the length limits counted on the text that remains after parsing.
 * The error texts are Telegram's ("Bad Request: can't parse entities: ...").
 */

export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;

export interface MessageEntity {
	type: string;
	offset: number;
	length: number;
	url?: string;
}

export class ParseEntitiesError extends Error {}

const HTML_TAGS: Record<string, string> = {
	b: 'bold',
	strong: 'bold',
	i: 'italic',
	em: 'italic',
	u: 'underline',
	ins: 'underline',
	s: 'strikethrough',
	strike: 'strikethrough',
	del: 'strikethrough',
	'tg-spoiler': 'spoiler',
	span: 'spoiler',
	a: 'text_link',
	code: 'code',
	pre: 'pre',
	blockquote: 'blockquote',
	'tg-emoji': 'custom_emoji',
};

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

function byteOffset(text: string, index: number): number {
	return Buffer.byteLength(text.slice(0, index), 'utf8');
}

/** parse_mode HTML: the supported tags must nest and close; <, > and & outside tags must be entities. */
export function parseHtml(text: string): { text: string; entities: MessageEntity[] } {
	let out = '';
	const entities: MessageEntity[] = [];
	const open: Array<{ tag: string; start: number; url?: string }> = [];
	let i = 0;
	while (i < text.length) {
		const ch = text[i];
		if (ch === '<') {
			const end = text.indexOf('>', i);
			if (end < 0)
				throw new ParseEntitiesError(
					`Can't parse entities: unclosed start tag at byte offset ${byteOffset(text, i)}`,
				);
			const inner = text.slice(i + 1, end).trim();
			if (inner.startsWith('/')) {
				const tag = inner.slice(1).trim().toLowerCase();
				const top = open.pop();
				if (!top || top.tag !== tag)
					throw new ParseEntitiesError(
						`Can't parse entities: unmatched end tag at byte offset ${byteOffset(text, i)}, expected "</${top?.tag ?? ''}>", found "</${tag}>"`,
					);
				const length = out.length - top.start;
				if (length > 0)
					entities.push({
						type: HTML_TAGS[tag],
						offset: top.start,
						length,
						...(top.url ? { url: top.url } : {}),
					});
			} else {
				const tag = /^[a-zA-Z][a-zA-Z0-9-]*/.exec(inner)?.[0]?.toLowerCase();
				if (!tag || !(tag in HTML_TAGS))
					throw new ParseEntitiesError(
						`Can't parse entities: unsupported start tag "${tag ?? inner}" at byte offset ${byteOffset(text, i)}`,
					);
				const href = /href\s*=\s*"([^"]*)"/i.exec(inner)?.[1];
				open.push({ tag, start: out.length, url: href });
			}
			i = end + 1;
			continue;
		}
		if (ch === '>')
			throw new ParseEntitiesError(
				`Can't parse entities: character '>' is reserved at byte offset ${byteOffset(text, i)}; use "&gt;"`,
			);
		if (ch === '&') {
			const m = /^&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/.exec(text.slice(i));
			if (m) {
				const name = m[1];
				let decoded: string | undefined;
				if (name.startsWith('#x')) decoded = String.fromCodePoint(parseInt(name.slice(2), 16));
				else if (name.startsWith('#')) decoded = String.fromCodePoint(parseInt(name.slice(1), 10));
				else decoded = NAMED_ENTITIES[name.toLowerCase()];
				if (decoded !== undefined) {
					out += decoded;
					i += m[0].length;
					continue;
				}
			}
			// Telegram keeps an ampersand that starts no known entity as it is.
		}
		out += ch;
		i += 1;
	}
	if (open.length > 0)
		throw new ParseEntitiesError(
			`Can't parse entities: can't find end tag corresponding to start tag "${open[open.length - 1].tag}"`,
		);
	return { text: out, entities };
}

/** Legacy Markdown: *bold*, _italic_, `code`, ```pre```, [text](url); an unclosed marker is an error. */
export function parseMarkdown(text: string): { text: string; entities: MessageEntity[] } {
	let out = '';
	const entities: MessageEntity[] = [];
	let i = 0;
	while (i < text.length) {
		const ch = text[i];
		if (ch === '*' || ch === '_' || ch === '`') {
			const marker = text.startsWith('```', i) ? '```' : ch;
			const close = text.indexOf(marker, i + marker.length);
			if (close < 0)
				throw new ParseEntitiesError(
					`Can't parse entities: can't find end of the entity starting at byte offset ${byteOffset(text, i)}`,
				);
			const inner = text.slice(i + marker.length, close);
			const type =
				marker === '*' ? 'bold' : marker === '_' ? 'italic' : marker === '`' ? 'code' : 'pre';
			entities.push({ type, offset: out.length, length: inner.length });
			out += inner;
			i = close + marker.length;
			continue;
		}
		if (ch === '[') {
			const m = /^\[([^\]]*)\]\(([^)]*)\)/.exec(text.slice(i));
			if (!m)
				throw new ParseEntitiesError(
					`Can't parse entities: can't find end of the entity starting at byte offset ${byteOffset(text, i)}`,
				);
			entities.push({ type: 'text_link', offset: out.length, length: m[1].length, url: m[2] });
			out += m[1];
			i += m[0].length;
			continue;
		}
		out += ch;
		i += 1;
	}
	return { text: out, entities };
}

const V2_RESERVED = '_*[]()~`>#+-=|{}.!';

/** MarkdownV2 is strict: every reserved character outside an entity must be escaped with a backslash. */
export function parseMarkdownV2(text: string): { text: string; entities: MessageEntity[] } {
	let out = '';
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (ch === '\\') {
			out += text[i + 1] ?? '';
			i += 1;
			continue;
		}
		if (V2_RESERVED.includes(ch))
			throw new ParseEntitiesError(
				`Can't parse entities: character '${ch}' is reserved and must be escaped with the preceding '\\'`,
			);
		out += ch;
	}
	return { text: out, entities: [] };
}

export function parseEntities(
	text: string,
	parseMode: unknown,
): { text: string; entities: MessageEntity[] } {
	const mode = typeof parseMode === 'string' ? parseMode.toLowerCase() : '';
	if (mode === 'html') return parseHtml(text);
	if (mode === 'markdown') return parseMarkdown(text);
	if (mode === 'markdownv2') return parseMarkdownV2(text);
	if (mode !== '') throw new ParseEntitiesError(`Unsupported parse_mode`);
	return { text, entities: [] };
}
