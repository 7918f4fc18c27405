import { NodeOperationError } from 'n8n-workflow';

import * as op from '../../../../../nodes/YandexMarketChats/actions/message/sendFile.operation';
import { LIMITS } from '../../../../../nodes/YandexMarketChats/shared/contract';
import * as transport from '../../../../../nodes/YandexMarketChats/transport/api';
import { binaryItem, mockExecuteCtx, rl } from '../../../../helpers/executeContext';

jest.mock('../../../../../nodes/YandexMarketChats/transport/api');
const api = jest.mocked(transport);

describe('message: sendFile', () => {
	it('reads the file through getBinaryDataBuffer and uses the binary file name and MIME type', async () => {
		api.uploadFile.mockResolvedValue({});
		const ctx = mockExecuteCtx(
			{ businessId: rl('10001'), chatId: rl('42'), binaryPropertyName: 'doc' },
			{
				items: [
					binaryItem(
						Buffer.from('%PDF-1.4'),
						{ fileName: 'invoice.pdf', mimeType: 'application/pdf' },
						'doc',
					),
				],
			},
		);
		const out = await op.execute.call(ctx, 0);
		expect(ctx.helpers.getBinaryDataBuffer).toHaveBeenCalledWith(0, 'doc');
		expect(api.uploadFile).toHaveBeenCalledWith({
			apiMethod: expect.objectContaining({ operationId: 'sendFileToChat', repeatable: false }),
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
		api.uploadFile.mockResolvedValue({});
		const ctx = mockExecuteCtx(
			{
				businessId: rl('10001'),
				chatId: rl('42'),
				binaryPropertyName: 'data',
				options: { fileName: 'receipt.txt', mimeType: 'text/plain' },
			},
			{ items: [binaryItem(Buffer.from('abc'), { fileName: 'x.bin' })] },
		);
		await op.execute.call(ctx, 0);
		expect(api.uploadFile.mock.calls[0][0]).toMatchObject({
			fileName: 'receipt.txt',
			mimeType: 'text/plain',
		});
	});

	it('falls back to a name from the extension when the binary has no file name', async () => {
		api.uploadFile.mockResolvedValue({});
		const ctx = mockExecuteCtx(
			{ businessId: rl('10001'), chatId: rl('42'), binaryPropertyName: 'data' },
			{ items: [binaryItem(Buffer.from('abc'), { fileExtension: 'png', mimeType: 'image/png' })] },
		);
		await op.execute.call(ctx, 0);
		expect(api.uploadFile.mock.calls[0][0]).toMatchObject({
			fileName: 'file.png',
			mimeType: 'image/png',
		});
	});

	it('rejects a file over 5 MB before any request, naming its size', async () => {
		const big = Buffer.alloc(LIMITS.fileMaxBytes + 1);
		const ctx = mockExecuteCtx(
			{ businessId: rl('10001'), chatId: rl('42'), binaryPropertyName: 'data' },
			{ items: [binaryItem(big, { fileName: 'big.bin' })] },
		);
		const error = await op.execute.call(ctx, 0).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe(
			'The file is too big: 5.00 MB (5242881 bytes), Yandex Market accepts at most 5 MB',
		);
		expect(api.uploadFile).not.toHaveBeenCalled();
	});

	it('accepts a file of exactly 5 MB', async () => {
		api.uploadFile.mockResolvedValue({});
		const ctx = mockExecuteCtx(
			{ businessId: rl('10001'), chatId: rl('42'), binaryPropertyName: 'data' },
			{ items: [binaryItem(Buffer.alloc(LIMITS.fileMaxBytes), { fileName: 'max.bin' })] },
		);
		const [out] = await op.execute.call(ctx, 0);
		expect(out.json.size).toBe(LIMITS.fileMaxBytes);
	});

	it('rejects an empty file and a missing binary field', async () => {
		const empty = mockExecuteCtx(
			{ businessId: rl('10001'), chatId: rl('42'), binaryPropertyName: 'data' },
			{ items: [binaryItem(Buffer.alloc(0), { fileName: 'empty.txt' })] },
		);
		await expect(op.execute.call(empty, 0)).rejects.toThrow(
			'The file in binary field "data" is empty',
		);
		const missing = mockExecuteCtx({
			businessId: rl('10001'),
			chatId: rl('42'),
			binaryPropertyName: 'nope',
		});
		await expect(op.execute.call(missing, 0)).rejects.toThrow('no binary property named "nope"');
		expect(api.uploadFile).not.toHaveBeenCalled();
	});
});
