import * as op from '../../../../../nodes/YandexMarketChats/actions/question/get.operation';
import * as transport from '../../../../../nodes/YandexMarketChats/transport/api';
import { mockExecuteCtx, rl } from '../../../../helpers/executeContext';

jest.mock('../../../../../nodes/YandexMarketChats/transport/api');
const api = jest.mocked(transport);

describe('question: get', () => {
	it('reads the question through the list with questionIds: [id]', async () => {
		api.callMethod.mockResolvedValue({
			questions: [{ questionIdentifiers: { id: '9007199254741001', offerId: 'A' }, text: 'Q' }],
			totalCount: 1,
		});
		const ctx = mockExecuteCtx({ businessId: rl('10001'), questionId: '9007199254741001' });
		const out = await op.execute.call(ctx, 0);
		expect(api.callMethod.mock.calls[0][0]).toMatchObject({
			apiMethod: { operationId: 'getGoodsQuestions', doing: 'reading a question' },
			body: { questionIds: ['9007199254741001'] },
		});
		expect(out[0].json).toMatchObject({ questionId: '9007199254741001', offerId: 'A', text: 'Q' });
	});

	it('an unknown question is an error naming it', async () => {
		api.callMethod.mockResolvedValue({ questions: [], totalCount: 0 });
		const ctx = mockExecuteCtx({ businessId: rl('10001'), questionId: '1' });
		await expect(op.execute.call(ctx, 0)).rejects.toThrow(
			'Question ID 1 was not found in business 10001',
		);
	});
});
