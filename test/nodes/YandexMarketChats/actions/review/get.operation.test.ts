import * as op from '../../../../../nodes/YandexMarketChats/actions/review/get.operation';
import * as transport from '../../../../../nodes/YandexMarketChats/transport/api';
import { mockExecuteCtx, rl } from '../../../../helpers/executeContext';

jest.mock('../../../../../nodes/YandexMarketChats/transport/api');
const api = jest.mocked(transport);

describe('review: get', () => {
	it('reads the review through the list with feedbackIds: [id]', async () => {
		api.callMethod.mockResolvedValue({
			feedbacks: [{ feedbackId: '9007199254740997', statistics: { rating: 5 } }],
		});
		const ctx = mockExecuteCtx({ businessId: rl('10001'), feedbackId: ' 9007199254740997 ' });
		const out = await op.execute.call(ctx, 0);
		expect(api.callMethod).toHaveBeenCalledWith(
			expect.objectContaining({
				apiMethod: expect.objectContaining({ operationId: 'getGoodsFeedbacks' }),
				body: { feedbackIds: ['9007199254740997'] },
			}),
		);
		expect(out[0].json).toMatchObject({ feedbackId: '9007199254740997', rating: 5 });
	});

	it('an empty list (a deleted review) fails naming the ID and why', async () => {
		api.callMethod.mockResolvedValue({ feedbacks: [] });
		const ctx = mockExecuteCtx({ businessId: rl('10001'), feedbackId: '80033' });
		const error = (await op.execute.call(ctx, 2).catch((e: unknown) => e)) as {
			message: string;
			description: string;
			context: { itemIndex: number };
		};
		expect(error.message).toBe('Review ID 80033 was not found in business 10001');
		expect(error.description).toMatch(/deleted/);
		expect(error.context.itemIndex).toBe(2);
	});

	it('refuses an invalid ID before any request', async () => {
		const ctx = mockExecuteCtx({ businessId: rl('10001'), feedbackId: 'abc' });
		await expect(op.execute.call(ctx, 0)).rejects.toThrow('Review ID must be a positive integer');
		expect(api.callMethod).not.toHaveBeenCalled();
	});
});
