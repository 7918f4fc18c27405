import * as op from '../../../../../nodes/YandexMarketChats/actions/review/skipReaction.operation';
import * as transport from '../../../../../nodes/YandexMarketChats/transport/api';
import { mockExecuteCtx, rl } from '../../../../helpers/executeContext';

jest.mock('../../../../../nodes/YandexMarketChats/transport/api');
const api = jest.mocked(transport);

describe('review: skipReaction', () => {
	it.each([
		['80001', ['80001']],
		['80001, 80002;80001\n9007199254740997', ['80001', '80002', '9007199254740997']],
		[
			['80003', 80004],
			['80003', '80004'],
		],
	])('sends %j as feedbackIds %j', async (value, ids) => {
		api.callMethod.mockResolvedValue({});
		const ctx = mockExecuteCtx({ businessId: rl('10001'), feedbackIds: value });
		const out = await op.execute.call(ctx, 0);
		expect(api.callMethod.mock.calls[0][0].body).toEqual({ feedbackIds: ids });
		expect(out[0].json).toEqual({ success: true, businessId: '10001', feedbackIds: ids });
	});

	it.each([
		['', 'Review IDs must list 1 to 50 IDs, got 0'],
		[
			Array.from({ length: 51 }, (_, k) => String(80001 + k)).join(','),
			'Review IDs must list 1 to 50 IDs, got 51',
		],
		['80001, x', 'Each of Review IDs must be a positive integer ID, got "x"'],
	])('refuses %j before any request', async (value, message) => {
		const ctx = mockExecuteCtx({ businessId: rl('10001'), feedbackIds: value });
		await expect(op.execute.call(ctx, 0)).rejects.toThrow(message);
		expect(api.callMethod).not.toHaveBeenCalled();
	});
});
