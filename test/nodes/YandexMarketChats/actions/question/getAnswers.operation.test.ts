import * as op from '../../../../../nodes/YandexMarketChats/actions/question/getAnswers.operation';
import * as transport from '../../../../../nodes/YandexMarketChats/transport/api';
import { mockExecuteCtx, rl } from '../../../../helpers/executeContext';

jest.mock('../../../../../nodes/YandexMarketChats/transport/api');
const api = jest.mocked(transport);

describe('question: getAnswers', () => {
	it("lists a question's answers with their comments in the same shape", async () => {
		api.callMethodAllItems.mockResolvedValue({
			items: [
				{
					id: '83001',
					questionId: '82001',
					text: 'Yes',
					canModify: true,
					status: 'PUBLISHED',
					createdAt: '2026-12-01T10:00:00Z',
					votes: { likes: 1, dislikes: 0 },
					author: { type: 'BUSINESS', name: 'Shop' },
					comments: [
						{
							id: '84001',
							answerId: '83001',
							text: 'And abroad?',
							status: 'PUBLISHED',
							createdAt: '2026-12-02T10:00:00Z',
							author: { type: 'USER', name: 'Olga' },
						},
					],
				},
			],
			result: {},
		});
		const ctx = mockExecuteCtx({ businessId: rl('10001'), questionId: '82001', returnAll: true });
		const out = await op.execute.call(ctx, 0);
		expect(api.callMethodAllItems.mock.calls[0][0]).toMatchObject({
			body: { questionId: '82001' },
			itemsKey: 'answers',
			limit: undefined,
		});
		expect(out[0].json).toEqual({
			businessId: '10001',
			answerId: '83001',
			questionId: '82001',
			text: 'Yes',
			canModify: true,
			status: 'PUBLISHED',
			createdAt: '2026-12-01T10:00:00Z',
			likes: 1,
			dislikes: 0,
			authorType: 'BUSINESS',
			authorName: 'Shop',
			fromSeller: true,
			comments: [
				{
					businessId: '10001',
					commentId: '84001',
					answerId: '83001',
					text: 'And abroad?',
					status: 'PUBLISHED',
					createdAt: '2026-12-02T10:00:00Z',
					authorType: 'USER',
					authorName: 'Olga',
					fromSeller: false,
				},
			],
		});
	});
});
