import * as op from '../../../../../nodes/YandexMarketChats/actions/review/getComments.operation';
import * as transport from '../../../../../nodes/YandexMarketChats/transport/api';
import { mockExecuteCtx, rl } from '../../../../helpers/executeContext';

jest.mock('../../../../../nodes/YandexMarketChats/transport/api');
const api = jest.mocked(transport);

describe('review: getComments', () => {
	it('lists the thread of one review with Limit and marks the shop', async () => {
		api.callMethodAllItems.mockResolvedValue({
			items: [
				{
					id: '81001',
					feedbackId: '80002',
					text: 'Hi',
					status: 'PUBLISHED',
					author: { type: 'USER', name: 'Anna' },
				},
				{
					id: '81002',
					feedbackId: '80002',
					parentId: '81001',
					text: 'Hello',
					status: 'PUBLISHED',
					canModify: true,
					author: { type: 'BUSINESS', name: 'Shop' },
				},
			],
			result: {},
		});
		const ctx = mockExecuteCtx({ businessId: rl('10001'), feedbackId: '80002', limit: 10 });
		const out = await op.execute.call(ctx, 0);
		expect(api.callMethodAllItems).toHaveBeenCalledWith(
			expect.objectContaining({ body: { feedbackId: '80002' }, itemsKey: 'comments', limit: 10 }),
		);
		expect(out.map((o) => o.json)).toEqual([
			{
				businessId: '10001',
				commentId: '81001',
				feedbackId: '80002',
				text: 'Hi',
				status: 'PUBLISHED',
				authorType: 'USER',
				authorName: 'Anna',
				fromSeller: false,
			},
			{
				businessId: '10001',
				commentId: '81002',
				feedbackId: '80002',
				parentId: '81001',
				text: 'Hello',
				status: 'PUBLISHED',
				canModify: true,
				authorType: 'BUSINESS',
				authorName: 'Shop',
				fromSeller: true,
			},
		]);
	});
});
