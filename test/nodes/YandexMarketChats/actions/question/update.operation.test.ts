import * as op from '../../../../../nodes/YandexMarketChats/actions/question/update.operation';
import * as transport from '../../../../../nodes/YandexMarketChats/transport/api';
import { mockExecuteCtx, rl } from '../../../../helpers/executeContext';

jest.mock('../../../../../nodes/YandexMarketChats/transport/api');
const api = jest.mocked(transport);

describe('question: update', () => {
	it.each([
		[{ entityType: 'ANSWER', answerId: '83001' }, { id: '83001', type: 'ANSWER' }, 'answerId'],
		[{ entityType: 'COMMENT', commentId: '84002' }, { id: '84002', type: 'COMMENT' }, 'commentId'],
	])('UPDATEs %j with the new text', async (params, entityId, key) => {
		api.callMethod.mockResolvedValue({});
		const ctx = mockExecuteCtx({ businessId: rl('10001'), ...params, text: 'New' });
		const out = await op.execute.call(ctx, 0);
		expect(api.callMethod.mock.calls[0][0].body).toEqual({
			operationType: 'UPDATE',
			entityId,
			text: 'New',
		});
		expect(out[0].json).toEqual({
			success: true,
			businessId: '10001',
			[key]: entityId.id,
			text: 'New',
		});
	});

	it('refuses a type the shop cannot edit', async () => {
		const ctx = mockExecuteCtx({ businessId: rl('10001'), entityType: 'QUESTION', text: 'x' });
		await expect(op.execute.call(ctx, 0)).rejects.toThrow('Type must be Answer or Comment');
		expect(api.callMethod).not.toHaveBeenCalled();
	});
});
