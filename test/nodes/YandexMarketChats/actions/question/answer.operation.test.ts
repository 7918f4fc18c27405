import * as op from '../../../../../nodes/YandexMarketChats/actions/question/answer.operation';
import * as transport from '../../../../../nodes/YandexMarketChats/transport/api';
import { mockExecuteCtx, rl } from '../../../../helpers/executeContext';

jest.mock('../../../../../nodes/YandexMarketChats/transport/api');
const api = jest.mocked(transport);

describe('question: answer', () => {
	it('CREATEs under the question and returns the new answer ID (only CREATE returns one)', async () => {
		api.callMethod.mockResolvedValue({ entity: { id: '9007199254741005', type: 'ANSWER' } });
		const ctx = mockExecuteCtx({ businessId: rl('10001'), questionId: '82003', text: 'Quiet.' });
		const out = await op.execute.call(ctx, 0);
		expect(api.callMethod.mock.calls[0][0]).toMatchObject({
			apiMethod: { operationId: 'updateGoodsQuestionTextEntity', repeatable: false },
			body: {
				operationType: 'CREATE',
				parentEntityId: { id: '82003', type: 'QUESTION' },
				text: 'Quiet.',
			},
		});
		expect(out[0].json).toEqual({
			success: true,
			businessId: '10001',
			questionId: '82003',
			answerId: '9007199254741005',
			text: 'Quiet.',
		});
	});

	it.each([
		['x'.repeat(5001), 'at most 5000'],
		['  ', 'Text is empty'],
	])('refuses %j before any request', async (text, message) => {
		const ctx = mockExecuteCtx({ businessId: rl('10001'), questionId: '82003', text });
		await expect(op.execute.call(ctx, 0)).rejects.toThrow(message);
		expect(api.callMethod).not.toHaveBeenCalled();
	});
});
