import * as op from '../../../../../nodes/YandexMarketChats/actions/review/reply.operation';
import * as transport from '../../../../../nodes/YandexMarketChats/transport/api';
import { mockExecuteCtx, rl } from '../../../../helpers/executeContext';

jest.mock('../../../../../nodes/YandexMarketChats/transport/api');
const api = jest.mocked(transport);

describe('review: reply', () => {
	it('sends feedbackId and the text only, never repeated, and returns the new comment', async () => {
		api.callMethod.mockResolvedValue({
			id: '9007199254740999',
			text: 'Sorry!',
			status: 'UNMODERATED',
			canModify: true,
			author: { type: 'BUSINESS', name: 'Shop' },
		});
		const ctx = mockExecuteCtx({
			businessId: rl('10001'),
			feedbackId: '80001',
			text: 'Sorry!',
			options: { rateLimitWaitSeconds: 5 },
		});
		const out = await op.execute.call(ctx, 0);
		expect(api.callMethod).toHaveBeenCalledWith({
			apiMethod: expect.objectContaining({
				operationId: 'updateGoodsFeedbackComment',
				repeatable: false,
			}),
			businessId: '10001',
			body: { feedbackId: '80001', comment: { text: 'Sorry!' } },
			itemIndex: 0,
			maxRateLimitWaitMs: 5000,
		});
		expect(out[0].json).toEqual({
			success: true,
			businessId: '10001',
			commentId: '9007199254740999',
			feedbackId: '80001',
			text: 'Sorry!',
			status: 'UNMODERATED',
			canModify: true,
			authorType: 'BUSINESS',
			authorName: 'Shop',
			fromSeller: true,
		});
	});

	it.each([
		['https://example.com', 'must not contain links to sites other than Yandex Market'],
		['mail: shop@example.ru', 'must not contain links'],
		['+7 999 123-45-67', "must not contain the shop's contacts"],
		['x'.repeat(4097), 'at most 4096'],
		['', 'Text is empty'],
	])('refuses %j before any request', async (text, message) => {
		const ctx = mockExecuteCtx({ businessId: rl('10001'), feedbackId: '80001', text });
		await expect(op.execute.call(ctx, 0)).rejects.toThrow(message);
		expect(api.callMethod).not.toHaveBeenCalled();
	});
});
