import type { IDataObject } from 'n8n-workflow';

import * as op from '../../../../../nodes/YandexMarketChats/actions/question/getAll.operation';
import * as transport from '../../../../../nodes/YandexMarketChats/transport/api';
import { mockExecuteCtx, rl } from '../../../../helpers/executeContext';

jest.mock('../../../../../nodes/YandexMarketChats/transport/api');
const api = jest.mocked(transport);
// 22:00 UTC is already the next day in Moscow, Yandex's calendar.
const NOW = Date.parse('2026-12-05T22:00:00Z');

describe('question: getAll', () => {
	it('lists questions under /v1/ and flattens their identifiers, votes and author', async () => {
		api.callMethodAllItems.mockResolvedValue({
			items: [
				{
					questionIdentifiers: { id: '82003', offerId: '100256', categoryId: '91491' },
					businessId: '10001',
					createdAt: '2026-12-01T10:00:00Z',
					text: 'Is it loud?',
					votes: { likes: 2, dislikes: 0 },
					author: { type: 'USER', name: 'Ivan' },
				},
			],
			result: { totalCount: 1 },
		});
		const ctx = mockExecuteCtx({ businessId: rl('10001'), returnAll: true, filters: {} });
		const out = await op.execute.call(ctx, 0);
		expect(api.callMethodAllItems.mock.calls[0][0]).toMatchObject({
			apiMethod: { operationId: 'getGoodsQuestions', apiVersion: 'v1' },
			itemsKey: 'questions',
		});
		expect(out[0].json).toEqual({
			businessId: '10001',
			questionId: '82003',
			offerId: '100256',
			categoryId: '91491',
			createdAt: '2026-12-01T10:00:00Z',
			text: 'Is it loud?',
			likes: 2,
			dislikes: 0,
			authorType: 'USER',
			authorName: 'Ivan',
			fromSeller: false,
		});
	});
});

describe('buildQuestionsFilter', () => {
	const build = (filters: IDataObject) =>
		op.buildQuestionsFilter.call(mockExecuteCtx({}), filters, 0, NOW);

	it.each([
		[{}, {}],
		[{ needAnswer: false }, {}],
		[
			{ needAnswer: true, sort: 'CREATED_AT_ASC' },
			{ needAnswer: true, sort: 'CREATED_AT_ASC' },
		],
		[{ dateFrom: '2026-11-06T00:00:00' }, { dateFrom: '2026-11-06' }],
		[
			{ dateFrom: '2026-11-01', dateTo: '2026-11-30' },
			{ dateFrom: '2026-11-01', dateTo: '2026-11-30' },
		],
		[{ categoryIds: '0, 91491' }, { categoryIds: ['0', '91491'] }],
		[{ questionIds: '82001 82002' }, { questionIds: ['82001', '82002'] }],
	])('%j -> %j', (filters, body) => {
		expect(build(filters)).toEqual(body);
	});

	it.each([
		[{ dateFrom: '2026-11-05' }, 'From and today (To is not set) are more than 1 month apart'],
		[{ dateFrom: '2026-12-01', dateTo: '2026-11-01' }, 'From must not be later than To'],
		[{ dateTo: 'soon' }, 'To must be a date, e.g. 2026-11-01, got "soon"'],
		[
			{ questionIds: Array.from({ length: 51 }, (_, k) => 1 + k).join(' ') },
			'Question IDs must list 1 to 50 IDs, got 51',
		],
	])('refuses %j', (filters, message) => {
		expect(() => build(filters)).toThrow(message);
	});
});
