import { NodeOperationError } from 'n8n-workflow';

import * as op from '../../../../../nodes/YandexMarketChats/actions/message/send.operation';
import { LIMITS } from '../../../../../nodes/YandexMarketChats/shared/contract';
import * as transport from '../../../../../nodes/YandexMarketChats/transport/api';
import { mockExecuteCtx, rl } from '../../../../helpers/executeContext';

jest.mock('../../../../../nodes/YandexMarketChats/transport/api');
const api = jest.mocked(transport);

describe('message: send', () => {
	it('sends the text as `message` and reports what was sent and where', async () => {
		api.callMethod.mockResolvedValue({});
		const ctx = mockExecuteCtx({
			businessId: rl('10001'),
			chatId: rl('42'),
			text: 'Hello!',
			options: { rateLimitWaitSeconds: 0 },
		});
		const out = await op.execute.call(ctx, 0);
		expect(api.callMethod).toHaveBeenCalledWith({
			apiMethod: expect.objectContaining({ operationId: 'sendMessageToChat' }),
			businessId: '10001',
			qs: { chatId: '42' },
			body: { message: 'Hello!' },
			itemIndex: 0,
			maxRateLimitWaitMs: 0,
		});
		expect(out).toEqual([
			{ json: { success: true, businessId: '10001', chatId: '42', message: 'Hello!' } },
		]);
	});

	it('accepts exactly the maximum length', async () => {
		api.callMethod.mockResolvedValue({});
		const text = 'x'.repeat(LIMITS.messageMaxLength);
		const ctx = mockExecuteCtx({ businessId: rl('10001'), chatId: rl('42'), text });
		await op.execute.call(ctx, 0);
		expect(api.callMethod.mock.calls[0][0].body).toEqual({ message: text });
	});

	it.each([
		[
			'too long',
			'x'.repeat(4097),
			'Text is too long: 4097 characters, Yandex Market accepts at most 4096',
		],
		['empty', '', 'Text is empty'],
		['blank', '  \n ', 'Text is empty'],
	])('rejects %s text before any request', async (_name, text, message) => {
		const ctx = mockExecuteCtx({ businessId: rl('10001'), chatId: rl('42'), text });
		const error = await op.execute.call(ctx, 1).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toContain(message);
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
		expect(api.callMethod).not.toHaveBeenCalled();
	});
});
