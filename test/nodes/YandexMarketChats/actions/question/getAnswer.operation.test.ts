import * as op from '../../../../../nodes/YandexMarketChats/actions/question/getAnswer.operation';
import * as transport from '../../../../../nodes/YandexMarketChats/transport/api';
import { mockExecuteCtx, rl } from '../../../../helpers/executeContext';

jest.mock('../../../../../nodes/YandexMarketChats/transport/api');
const api = jest.mocked(transport);

describe('question: getAnswer', () => {
	it('finds one answer by answerIds (a new-answer notification carries no question ID)', async () => {
		api.callMethod.mockResolvedValue({
			answers: [{ id: '83002', questionId: '82002', text: 'It is fine', comments: null }],
		});
		const ctx = mockExecuteCtx({ businessId: rl('10001'), answerId: '83002' });
		const out = await op.execute.call(ctx, 0);
		expect(api.callMethod.mock.calls[0][0]).toMatchObject({
			apiMethod: { operationId: 'getGoodsQuestionAnswers', path: '/goods-questions/answers' },
			body: { answerIds: ['83002'] },
		});
		expect(out[0].json).toMatchObject({ answerId: '83002', questionId: '82002', comments: [] });
	});
});
