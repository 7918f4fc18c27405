import { NodeOperationError } from 'n8n-workflow';

import {
	cursorPages,
	nextPageToken,
} from '../../../../nodes/YandexMarketChats/transport/pagination';
import type { CursorPage } from '../../../../nodes/YandexMarketChats/transport/pagination';
import { mockExecuteCtx } from '../../../helpers/executeContext';

/** A fake list whose pages are given by their next tokens; records the tokens it was asked for. */
function pagesOf(...next: Array<string | undefined>) {
	const asked: Array<string | undefined> = [];
	const fetchPage = async (token: string | undefined): Promise<CursorPage> => {
		asked.push(token);
		return { items: [{ n: asked.length }], nextPageToken: next[asked.length - 1] };
	};
	return { asked, fetchPage };
}

async function walk(
	fetchPage: (token: string | undefined) => Promise<CursorPage>,
	options: Parameters<typeof cursorPages>[1],
) {
	const seen: CursorPage[] = [];
	for await (const page of cursorPages.call(mockExecuteCtx({}), fetchPage, options))
		seen.push(page);
	return seen;
}

describe('nextPageToken', () => {
	it.each([
		[{ paging: { nextPageToken: 'A' } }, 'A'],
		[{ paging: { nextPageToken: '' } }, undefined],
		[{ paging: {} }, undefined],
		[{}, undefined],
	])('%p -> %p', (result, expected) => {
		expect(nextPageToken(result)).toBe(expected);
	});
});

describe('cursorPages', () => {
	it('follows the tokens until a page has none', async () => {
		const list = pagesOf('A', 'B', undefined);
		expect(await walk(list.fetchPage, { what: 'chats' })).toHaveLength(3);
		expect(list.asked).toEqual([undefined, 'A', 'B']);
	});

	it('ends at a page without items even when it has a token', async () => {
		let calls = 0;
		const fetchPage = async (): Promise<CursorPage> => ({
			items: calls++ === 0 ? [{}] : [],
			nextPageToken: 'more',
		});
		expect(await walk(fetchPage, { what: 'chats' })).toHaveLength(2);
	});

	it('starts at startToken and stops after maxPages', async () => {
		const list = pagesOf('B', 'C', 'D');
		await walk(list.fetchPage, { what: 'chats', startToken: 'A', maxPages: 2 });
		expect(list.asked).toEqual(['A', 'B']);
	});

	it('fails at a repeated token by default, naming what it listed', async () => {
		const list = pagesOf('A', 'B', 'A');
		await expect(walk(list.fetchPage, { what: 'messages', itemIndex: 3 })).rejects.toThrow(
			new NodeOperationError(
				mockExecuteCtx({}).getNode(),
				'Yandex Market returned the same page token twice while listing messages; stopped to avoid an endless loop',
			),
		);
		expect(list.asked).toEqual([undefined, 'A', 'B']);
	});

	it('stops quietly at a repeated token with onRepeatedToken "stop" (the editor lists)', async () => {
		const list = pagesOf('A', 'A');
		expect(await walk(list.fetchPage, { what: 'chats', onRepeatedToken: 'stop' })).toHaveLength(2);
	});

	it('counts startToken as seen', async () => {
		const list = pagesOf('A');
		await expect(walk(list.fetchPage, { what: 'chats', startToken: 'A' })).rejects.toThrow(
			/same page token twice/,
		);
	});
});
