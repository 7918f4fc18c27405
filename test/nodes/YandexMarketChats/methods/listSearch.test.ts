import { mockDeep } from 'jest-mock-extended';
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { chatLabel } from '../../../../nodes/YandexMarketChats/helpers/format';
import type { Chat } from '../../../../nodes/YandexMarketChats/shared/contract';
import {
	searchBusinesses,
	searchChats,
} from '../../../../nodes/YandexMarketChats/methods/listSearch';
import * as transport from '../../../../nodes/YandexMarketChats/transport';
import * as calls from '../../../../nodes/YandexMarketChats/actions/calls';
import { NODE } from '../../../helpers/executeContext';

jest.mock('../../../../nodes/YandexMarketChats/transport');
jest.mock('../../../../nodes/YandexMarketChats/actions/calls');
const api = { ...jest.mocked(transport), ...jest.mocked(calls) };

function loadCtx(businessId?: unknown) {
	const ctx = mockDeep<ILoadOptionsFunctions>();
	ctx.getNode.mockReturnValue(NODE);
	ctx.getCurrentNodeParameter.mockImplementation(() => businessId as string);
	return ctx;
}

const campaign = (id: string, businessId: string, name: string, domain: string) => ({
	id,
	domain,
	business: { id: businessId, name },
	placementType: 'FBS',
});

describe('searchBusinesses', () => {
	it('walks every campaigns page and lists each business once, by name', async () => {
		api.yandexGetCampaigns
			.mockResolvedValueOnce({
				items: [
					campaign('20001', '10001', 'Demo Business', 'demo.ru'),
					campaign('20002', '10001', 'Demo Business', 'demo2.ru'),
				],
				nextPageToken: 't1',
			})
			.mockResolvedValueOnce({
				items: [campaign('20003', '10002', 'Second Business', 'second.ru')],
			});
		const result = await searchBusinesses.call(loadCtx());
		expect(api.yandexGetCampaigns.mock.calls.map((c) => c[0])).toEqual([
			{ pageToken: undefined, limit: 100 },
			{ pageToken: 't1', limit: 100 },
		]);
		expect(result).toEqual({
			results: [
				{ name: 'Demo Business (10001)', value: '10001' },
				{ name: 'Second Business (10002)', value: '10002' },
			],
		});
	});

	it('filters by name, ID or store domain', async () => {
		api.yandexGetCampaigns.mockResolvedValue({
			items: [
				campaign('1', '10001', 'Demo Business', 'demo.ru'),
				campaign('2', '10002', 'Second', 'shop.example'),
			],
		});
		expect((await searchBusinesses.call(loadCtx(), 'SHOP')).results.map((r) => r.value)).toEqual([
			'10002',
		]);
		expect((await searchBusinesses.call(loadCtx(), '10001')).results.map((r) => r.value)).toEqual([
			'10001',
		]);
	});

	it('stops when the cursor repeats', async () => {
		api.yandexGetCampaigns.mockResolvedValue({
			items: [campaign('1', '10001', 'A', 'a')],
			nextPageToken: 'same',
		});
		await searchBusinesses.call(loadCtx());
		expect(api.yandexGetCampaigns).toHaveBeenCalledTimes(2);
	});
});

const chat = (chatId: string, type: string, extra: Record<string, unknown> = {}, status = 'NEW') =>
	({
		chatId,
		type: 'CHAT',
		status,
		createdAt: '2025-01-16T10:00:00Z',
		updatedAt: '2025-01-16T10:00:00Z',
		context: { type, ...extra },
	}) as Chat;

describe('searchChats', () => {
	it('labels chats with their order or return and status', () => {
		expect(
			chatLabel(
				chat('1', 'ORDER', { orderId: '40001', customer: { name: 'Ivan' } }, 'WAITING_FOR_PARTNER'),
			),
		).toBe('Order 40001 · Waiting for Partner (Seller Must Answer) · Ivan — chat 1');
		expect(
			chatLabel(chat('2', 'RETURN', { returnId: '50001', orderId: '40002' }, 'FINISHED')),
		).toBe('Return 50001 (order 40002) · Finished — chat 2');
		expect(chatLabel({ ...chat('3', 'DIRECT'), type: 'ARBITRAGE' })).toBe(
			'Direct · dispute · New — chat 3',
		);
	});

	it('returns one page and hands Yandex nextPageToken back as paginationToken', async () => {
		api.yandexApiRequestPage.mockResolvedValue({
			items: [chat('1', 'ORDER', { orderId: '40001' })],
			nextPageToken: 'p2',
		});
		const result = await searchChats.call(loadCtx('10001'), undefined, 'p1');
		expect(api.yandexApiRequestPage).toHaveBeenCalledWith({
			endpoint: 'getChats',
			businessId: '10001',
			pageSize: 20,
			pageToken: 'p1',
			itemsKey: 'chats',
			body: {},
		});
		expect(result).toEqual({
			results: [{ name: 'Order 40001 · New — chat 1', value: '1' }],
			paginationToken: 'p2',
		});
	});

	it('filters each page by the search text and reads on while a page has no match', async () => {
		api.yandexApiRequestPage
			.mockResolvedValueOnce({
				items: [chat('1', 'ORDER', { orderId: '40001' })],
				nextPageToken: 'p2',
			})
			.mockResolvedValueOnce({
				items: [
					chat('2', 'ORDER', { orderId: '40077' }),
					chat('3', 'RETURN', { returnId: '50001' }),
				],
			});
		const result = await searchChats.call(loadCtx('10001'), '40077');
		expect(api.yandexApiRequestPage).toHaveBeenCalledTimes(2);
		expect(result).toEqual({ results: [{ name: 'Order 40077 · New — chat 2', value: '2' }] });
	});

	it('asks for a business first', async () => {
		await expect(searchChats.call(loadCtx(''))).rejects.toThrow('Choose a Business first');
		expect(api.yandexApiRequestPage).not.toHaveBeenCalled();
	});
});
