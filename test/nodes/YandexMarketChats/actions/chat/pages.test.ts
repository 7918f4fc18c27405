import type { IExecuteFunctions } from 'n8n-workflow';
import { mock } from 'jest-mock-extended';
import { yandexApiRequestPage } from '../../../../../nodes/YandexMarketChats/actions/calls';
import { chatPages } from '../../../../../nodes/YandexMarketChats/actions/chat/pages';
import { LIMITS } from '../../../../../nodes/YandexMarketChats/shared/contract';

jest.mock('../../../../../nodes/YandexMarketChats/actions/calls');
const page = jest.mocked(yandexApiRequestPage);

describe('chatPages', () => {
	it('asks for the largest page, with the statuses and wait budget only when given', async () => {
		page.mockResolvedValueOnce({ items: [{ chatId: '1' }], nextPageToken: 'n', result: {} });
		page.mockResolvedValueOnce({ items: [{ chatId: '2' }], result: {} });
		const ctx = mock<IExecuteFunctions>();
		const seen: unknown[] = [];
		const pages = chatPages.call(
			ctx,
			{ businessId: '1', statuses: ['NEW'], maxRateLimitWaitMs: 7 },
			{ what: 'chats' },
		);
		for await (const p of pages) seen.push(...p.items.map((c) => c.chatId));
		expect(seen).toEqual(['1', '2']);
		expect(page.mock.calls[0][0]).toEqual({
			endpoint: 'getChats',
			businessId: '1',
			body: { statuses: ['NEW'] },
			itemsKey: 'chats',
			pageSize: LIMITS.chatsPageMax,
			pageToken: undefined,
			maxRateLimitWaitMs: 7,
		});
		expect(page.mock.calls[1][0]).toMatchObject({ pageToken: 'n' });

		page.mockClear();
		page.mockResolvedValueOnce({ items: [], result: {} });
		for await (const p of chatPages.call(ctx, { businessId: '1' }, { what: 'chats' })) void p;
		expect(page.mock.calls[0][0].body).toEqual({});
		expect(page.mock.calls[0][0]).not.toHaveProperty('maxRateLimitWaitMs');
	});
});
