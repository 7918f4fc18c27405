import { NodeOperationError } from 'n8n-workflow';

import * as get from '../../../../../nodes/YandexMarketChats/actions/message/get.operation';
import * as send from '../../../../../nodes/YandexMarketChats/actions/message/send.operation';
import * as sendFile from '../../../../../nodes/YandexMarketChats/actions/message/sendFile.operation';
import { LIMITS } from '../../../../../nodes/YandexMarketChats/shared/contract';
import * as transport from '../../../../../nodes/YandexMarketChats/transport';
import { binaryItem, mockExecuteCtx, rl } from '../mockContext';

jest.mock('../../../../../nodes/YandexMarketChats/transport');
const api = jest.mocked(transport);

describe('message: get', () => {
	it('calls getChatMessage with chatId and messageId as query parameters', async () => {
		const message = { messageId: '9007199254740995', createdAt: '2026-01-01T10:00:00Z', sender: 'CUSTOMER', message: 'Hi' };
		api.yandexApiRequest.mockResolvedValue(message);
		const ctx = mockExecuteCtx({ businessId: rl('10001'), chatId: rl('9007199254740993'), messageId: ' 9007199254740995' });
		const out = await get.execute.call(ctx, 0);
		expect(api.yandexApiRequest).toHaveBeenCalledWith({
			endpoint: 'getChatMessage',
			businessId: '10001',
			qs: { chatId: '9007199254740993', messageId: '9007199254740995' },
			itemIndex: 0,
			maxRateLimitWaitMs: 60_000,
		});
		expect(out).toEqual([{ json: { businessId: '10001', chatId: '9007199254740993', ...message } }]);
		expect(api.downloadAttachment).not.toHaveBeenCalled();
	});

	it('accepts a numeric message ID from an expression', async () => {
		api.yandexApiRequest.mockResolvedValue({ messageId: '12' });
		const ctx = mockExecuteCtx({ businessId: rl('10001'), chatId: rl('1'), messageId: 12 });
		await get.execute.call(ctx, 0);
		expect(api.yandexApiRequest.mock.calls[0][0].qs).toEqual({ chatId: '1', messageId: '12' });
	});

	it('names the message ID when it is invalid', async () => {
		const ctx = mockExecuteCtx({ businessId: rl('10001'), chatId: rl('1'), messageId: 'latest' });
		const error = await get.execute.call(ctx, 2).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe('Message ID must be a positive integer ID, got "latest"');
		expect((error as NodeOperationError).context.itemIndex).toBe(2);
	});

	it('downloads attachments when asked', async () => {
		api.yandexApiRequest.mockResolvedValue({
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
		const [item] = await get.execute.call(ctx, 0);
		expect(ctx.helpers.prepareBinaryData).toHaveBeenCalledWith(Buffer.from('PNG!'), 'a.png');
		expect(item.binary?.attachment_0.fileName).toBe('a.png');
		expect((item.json.payload as Array<{ binaryPropertyName: string }>)[0].binaryPropertyName).toBe('attachment_0');
	});
});

describe('message: send', () => {
	it('sends the text as `message` and reports what was sent and where', async () => {
		api.yandexApiRequest.mockResolvedValue({});
		const ctx = mockExecuteCtx({ businessId: rl('10001'), chatId: rl('42'), text: 'Hello!', options: { rateLimitWaitSeconds: 0 } });
		const out = await send.execute.call(ctx, 0);
		expect(api.yandexApiRequest).toHaveBeenCalledWith({
			endpoint: 'sendMessageToChat',
			businessId: '10001',
			qs: { chatId: '42' },
			body: { message: 'Hello!' },
			itemIndex: 0,
			maxRateLimitWaitMs: 0,
		});
		expect(out).toEqual([{ json: { success: true, businessId: '10001', chatId: '42', message: 'Hello!' } }]);
	});

	it('accepts exactly the maximum length', async () => {
		api.yandexApiRequest.mockResolvedValue({});
		const text = 'x'.repeat(LIMITS.messageMaxLength);
		const ctx = mockExecuteCtx({ businessId: rl('10001'), chatId: rl('42'), text });
		await send.execute.call(ctx, 0);
		expect(api.yandexApiRequest.mock.calls[0][0].body).toEqual({ message: text });
	});

	it.each([
		['too long', 'x'.repeat(4097), 'Text is too long: 4097 characters, Yandex Market accepts at most 4096'],
		['empty', '', 'Text is empty'],
		['blank', '  \n ', 'Text is empty'],
	])('rejects %s text before any request', async (_name, text, message) => {
		const ctx = mockExecuteCtx({ businessId: rl('10001'), chatId: rl('42'), text });
		const error = await send.execute.call(ctx, 1).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toContain(message);
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
		expect(api.yandexApiRequest).not.toHaveBeenCalled();
	});
});

describe('message: sendFile', () => {
	it('reads the file through getBinaryDataBuffer and uses the binary file name and MIME type', async () => {
		api.yandexSendFile.mockResolvedValue({});
		const ctx = mockExecuteCtx(
			{ businessId: rl('10001'), chatId: rl('42'), binaryPropertyName: 'doc' },
			{ items: [binaryItem(Buffer.from('%PDF-1.4'), { fileName: 'invoice.pdf', mimeType: 'application/pdf' }, 'doc')] },
		);
		const out = await sendFile.execute.call(ctx, 0);
		expect(ctx.helpers.getBinaryDataBuffer).toHaveBeenCalledWith(0, 'doc');
		expect(api.yandexSendFile).toHaveBeenCalledWith({
			businessId: '10001',
			chatId: '42',
			file: Buffer.from('%PDF-1.4'),
			fileName: 'invoice.pdf',
			mimeType: 'application/pdf',
			itemIndex: 0,
			maxRateLimitWaitMs: 60_000,
		});
		expect(out).toEqual([
			{
				json: {
					success: true,
					businessId: '10001',
					chatId: '42',
					fileName: 'invoice.pdf',
					mimeType: 'application/pdf',
					size: 8,
				},
			},
		]);
	});

	it('lets the options override the file name and MIME type', async () => {
		api.yandexSendFile.mockResolvedValue({});
		const ctx = mockExecuteCtx(
			{
				businessId: rl('10001'),
				chatId: rl('42'),
				binaryPropertyName: 'data',
				options: { fileName: 'receipt.txt', mimeType: 'text/plain' },
			},
			{ items: [binaryItem(Buffer.from('abc'), { fileName: 'x.bin' })] },
		);
		await sendFile.execute.call(ctx, 0);
		expect(api.yandexSendFile.mock.calls[0][0]).toMatchObject({ fileName: 'receipt.txt', mimeType: 'text/plain' });
	});

	it('falls back to a name from the extension when the binary has no file name', async () => {
		api.yandexSendFile.mockResolvedValue({});
		const ctx = mockExecuteCtx(
			{ businessId: rl('10001'), chatId: rl('42'), binaryPropertyName: 'data' },
			{ items: [binaryItem(Buffer.from('abc'), { fileExtension: 'png', mimeType: 'image/png' })] },
		);
		await sendFile.execute.call(ctx, 0);
		expect(api.yandexSendFile.mock.calls[0][0]).toMatchObject({ fileName: 'file.png', mimeType: 'image/png' });
	});

	it('rejects a file over 5 MB before any request, naming its size', async () => {
		const big = Buffer.alloc(LIMITS.fileMaxBytes + 1);
		const ctx = mockExecuteCtx(
			{ businessId: rl('10001'), chatId: rl('42'), binaryPropertyName: 'data' },
			{ items: [binaryItem(big, { fileName: 'big.bin' })] },
		);
		const error = await sendFile.execute.call(ctx, 0).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe(
			'The file is too big: 5.00 MB (5242881 bytes), Yandex Market accepts at most 5 MB',
		);
		expect(api.yandexSendFile).not.toHaveBeenCalled();
	});

	it('accepts a file of exactly 5 MB', async () => {
		api.yandexSendFile.mockResolvedValue({});
		const ctx = mockExecuteCtx(
			{ businessId: rl('10001'), chatId: rl('42'), binaryPropertyName: 'data' },
			{ items: [binaryItem(Buffer.alloc(LIMITS.fileMaxBytes), { fileName: 'max.bin' })] },
		);
		const [out] = await sendFile.execute.call(ctx, 0);
		expect(out.json.size).toBe(LIMITS.fileMaxBytes);
	});

	it('rejects an empty file and a missing binary field', async () => {
		const empty = mockExecuteCtx(
			{ businessId: rl('10001'), chatId: rl('42'), binaryPropertyName: 'data' },
			{ items: [binaryItem(Buffer.alloc(0), { fileName: 'empty.txt' })] },
		);
		await expect(sendFile.execute.call(empty, 0)).rejects.toThrow('The file in binary field "data" is empty');
		const missing = mockExecuteCtx({ businessId: rl('10001'), chatId: rl('42'), binaryPropertyName: 'nope' });
		await expect(sendFile.execute.call(missing, 0)).rejects.toThrow('no binary property named "nope"');
		expect(api.yandexSendFile).not.toHaveBeenCalled();
	});
});
