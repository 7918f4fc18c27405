import { NodeOperationError } from 'n8n-workflow';

import * as op from '../../../../../nodes/YandexMarketChats/actions/message/get.operation';
import * as transport from '../../../../../nodes/YandexMarketChats/transport/api';
import { mockExecuteCtx, rl } from '../../../../helpers/executeContext';

jest.mock('../../../../../nodes/YandexMarketChats/transport/api');
const api = jest.mocked(transport);

describe('message: get', () => {
	it('calls getChatMessage with chatId and messageId as query parameters', async () => {
		const message = {
			messageId: '9007199254740995',
			createdAt: '2026-01-01T10:00:00Z',
			sender: 'CUSTOMER',
			message: 'Hi',
		};
		api.callMethod.mockResolvedValue(message);
		const ctx = mockExecuteCtx({
			businessId: rl('10001'),
			chatId: rl('9007199254740993'),
			messageId: ' 9007199254740995',
		});
		const out = await op.execute.call(ctx, 0);
		expect(api.callMethod).toHaveBeenCalledWith({
			apiMethod: expect.objectContaining({ operationId: 'getChatMessage' }),
			businessId: '10001',
			qs: { chatId: '9007199254740993', messageId: '9007199254740995' },
			itemIndex: 0,
			maxRateLimitWaitMs: 60_000,
		});
		expect(out).toEqual([
			{ json: { businessId: '10001', chatId: '9007199254740993', ...message } },
		]);
		expect(api.downloadAttachment).not.toHaveBeenCalled();
	});

	it('accepts a numeric message ID from an expression', async () => {
		api.callMethod.mockResolvedValue({ messageId: '12' });
		const ctx = mockExecuteCtx({ businessId: rl('10001'), chatId: rl('1'), messageId: 12 });
		await op.execute.call(ctx, 0);
		expect(api.callMethod.mock.calls[0][0].qs).toEqual({ chatId: '1', messageId: '12' });
	});

	it('names the message ID when it is invalid', async () => {
		const ctx = mockExecuteCtx({ businessId: rl('10001'), chatId: rl('1'), messageId: 'latest' });
		const error = await op.execute.call(ctx, 2).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe('Message ID must be a positive integer ID, got "latest"');
		expect((error as NodeOperationError).context.itemIndex).toBe(2);
	});

	it('downloads attachments when asked', async () => {
		api.callMethod.mockResolvedValue({
			messageId: '5',
			sender: 'CUSTOMER',
			payload: [{ name: 'a.png', url: 'http://x/a', size: 4 }],
		});
		api.downloadAttachment.mockResolvedValue(Buffer.from('PNG!'));
		const ctx = mockExecuteCtx({
			businessId: rl('10001'),
			chatId: rl('1'),
			messageId: '5',
			options: { downloadAttachments: true },
		});
		const [item] = await op.execute.call(ctx, 0);
		expect(ctx.helpers.prepareBinaryData).toHaveBeenCalledWith(Buffer.from('PNG!'), 'a.png');
		expect(item.binary?.attachment_0.fileName).toBe('a.png');
		expect((item.json.payload as Array<{ binaryPropertyName: string }>)[0].binaryPropertyName).toBe(
			'attachment_0',
		);
	});
});
