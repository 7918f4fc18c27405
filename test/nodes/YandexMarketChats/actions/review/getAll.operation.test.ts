import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as op from '../../../../../nodes/YandexMarketChats/actions/review/getAll.operation';
import * as transport from '../../../../../nodes/YandexMarketChats/transport/api';
import { mockExecuteCtx, rl } from '../../../../helpers/executeContext';

jest.mock('../../../../../nodes/YandexMarketChats/transport/api');
const api = jest.mocked(transport);
const NOW = Date.parse('2026-12-05T12:00:00Z');

describe('review: getAll', () => {
	it('walks the list with Return All and flattens each review', async () => {
		api.callMethodAllItems.mockResolvedValue({
			items: [
				{
					feedbackId: '80001',
					createdAt: '2026-12-01T10:00:00Z',
					needReaction: true,
					identifiers: { orderId: '40001', offerId: '100256' },
					statistics: { rating: 1, commentsCount: 0 },
					description: { comment: 'Broken' },
					author: 'Anna K.',
				},
			],
			result: {},
		});
		const ctx = mockExecuteCtx({ businessId: rl('10001'), returnAll: true, filters: {} });
		const out = await op.execute.call(ctx, 0);
		expect(api.callMethodAllItems).toHaveBeenCalledWith(
			expect.objectContaining({ body: {}, itemsKey: 'feedbacks', limit: undefined }),
		);
		expect(out[0].json).toEqual({
			businessId: '10001',
			feedbackId: '80001',
			createdAt: '2026-12-01T10:00:00Z',
			needReaction: true,
			rating: 1,
			commentsCount: 0,
			orderId: '40001',
			offerId: '100256',
			authorName: 'Anna K.',
			comment: 'Broken',
			photos: [],
			videos: [],
		});
	});
});

describe('buildReviewsFilter', () => {
	const build = (filters: IDataObject) =>
		op.buildReviewsFilter.call(mockExecuteCtx({}), filters, 0, NOW);

	it.each([
		[{}, {}],
		[{ reactionStatus: 'ALL' }, {}],
		[{ reactionStatus: 'NEED_REACTION' }, { reactionStatus: 'NEED_REACTION' }],
		[{ ratingValues: [1, 2, 2] }, { ratingValues: [1, 2] }],
		[{ offerIds: ' 100256 ,A, A' }, { offerIds: ['100256', 'A'] }],
		[{ paid: 'paid' }, { paid: true }],
		[{ paid: 'unpaid' }, { paid: false }],
		[{ feedbackIds: '80001, 80002\n80001' }, { feedbackIds: ['80001', '80002'] }],
		[
			{ dateTimeFrom: '2026-11-01T00:00:00Z', dateTimeTo: '2026-12-01T00:00:00+03:00' },
			{ dateTimeFrom: '2026-11-01T00:00:00.000Z', dateTimeTo: '2026-11-30T21:00:00.000Z' },
		],
	])('%j -> %j', (filters, body) => {
		expect(build(filters)).toEqual(body);
	});

	it.each([
		[
			{ feedbackIds: '80001', paid: 'paid' },
			'Review IDs cannot be combined with other filters (also set: paid)',
		],
		[{ feedbackIds: '0' }, 'Each of Review IDs must be a positive integer ID, got "0"'],
		[{ ratingValues: [6] }, 'Ratings must be whole numbers from 1 to 5'],
		[{ offerIds: 'x'.repeat(256) }, 'Each SKU has at most 255 characters, got 256'],
		[{ dateTimeFrom: 'yesterday' }, 'From must be a date and time'],
		[{ dateTimeFrom: '2026-06-01T00:00:00Z' }, 'more than 6 months apart'],
	])('refuses %j', (filters, message) => {
		expect(() => build(filters)).toThrow(NodeOperationError);
		expect(() => build(filters)).toThrow(message);
	});
});
