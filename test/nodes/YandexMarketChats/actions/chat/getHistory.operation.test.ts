import * as op from '../../../../../nodes/YandexMarketChats/actions/chat/getHistory.operation';
import * as transport from '../../../../../nodes/YandexMarketChats/transport/api';
import { mockExecuteCtx, rl } from '../../../../helpers/executeContext';

jest.mock('../../../../../nodes/YandexMarketChats/transport/api');
const api = jest.mocked(transport);

describe('chat: getHistory', () => {
	const MESSAGES = [
		{ messageId: '1', createdAt: '2026-01-01T10:00:00Z', sender: 'CUSTOMER', message: 'Hello' },
		{ messageId: '2', createdAt: '2026-01-01T10:01:00Z', sender: 'PARTNER', message: 'Hi' },
	];
	const CONTEXT = { type: 'RETURN', orderId: '40001', returnId: '50001', campaignId: '20001' };

	it('reads messages after an ID and adds the chat context to every message', async () => {
		api.callMethodAllItems.mockResolvedValue({
			items: MESSAGES,
			result: { context: CONTEXT },
		});
		const ctx = mockExecuteCtx({
			businessId: rl('10001'),
			chatId: rl('3'),
			returnAll: true,
			messageIdFrom: '2',
		});
		const out = await op.execute.call(ctx, 0);
		expect(api.callMethodAllItems).toHaveBeenCalledWith({
			apiMethod: expect.objectContaining({ operationId: 'getChatHistory' }),
			businessId: '10001',
			qs: { chatId: '3' },
			body: { messageIdFrom: '2' },
			itemsKey: 'messages',
			limit: undefined,
			itemIndex: 0,
			maxRateLimitWaitMs: 60_000,
		});
		expect(out.map((o) => o.json)).toEqual(
			MESSAGES.map((m) => ({
				businessId: '10001',
				chatId: '3',
				contextType: 'RETURN',
				orderId: '40001',
				returnId: '50001',
				campaignId: '20001',
				...m,
			})),
		);
	});

	it('sends {} without messageIdFrom and keeps the nested context with Simplify off', async () => {
		api.callMethodAllItems.mockResolvedValue({
			items: MESSAGES.slice(0, 1),
			result: { context: CONTEXT },
		});
		const ctx = mockExecuteCtx({
			businessId: rl('10001'),
			chatId: rl('3'),
			returnAll: false,
			limit: 1,
			messageIdFrom: '',
			options: { simplify: false },
		});
		const out = await op.execute.call(ctx, 0);
		expect(api.callMethodAllItems.mock.calls[0][0]).toMatchObject({ body: {}, limit: 1 });
		expect(out[0].json).toEqual({
			businessId: '10001',
			chatId: '3',
			context: CONTEXT,
			...MESSAGES[0],
		});
	});

	it('rejects an invalid Messages From ID', async () => {
		const ctx = mockExecuteCtx({
			businessId: rl('10001'),
			chatId: rl('3'),
			returnAll: true,
			messageIdFrom: 'abc',
		});
		await expect(op.execute.call(ctx, 0)).rejects.toThrow(
			'Messages From ID must be a positive integer ID, got "abc"',
		);
	});

	it('downloads attachments into attachment_N and keeps failures visible', async () => {
		api.callMethodAllItems.mockResolvedValue({
			items: [
				{
					messageId: '9',
					createdAt: '2026-01-01T10:00:00Z',
					sender: 'CUSTOMER',
					payload: [
						{ name: 'photo.jpg', url: 'http://x/1', size: 3 },
						{ name: 'gone.pdf', url: 'http://x/2', size: 5 },
						{ name: 'doc.txt', url: 'http://x/3', size: 2 },
					],
				},
			],
			result: { context: CONTEXT },
		});
		api.downloadAttachment
			.mockResolvedValueOnce(Buffer.from('abc'))
			.mockRejectedValueOnce(
				new Error('Yandex Market answered HTTP 404 when downloading an attachment'),
			)
			.mockResolvedValueOnce(Buffer.from('hi'));
		const ctx = mockExecuteCtx({
			businessId: rl('10001'),
			chatId: rl('3'),
			returnAll: true,
			options: { downloadAttachments: true },
		});
		const [item] = await op.execute.call(ctx, 0);
		expect(api.downloadAttachment).toHaveBeenCalledTimes(3);
		expect(api.downloadAttachment.mock.calls[1]).toEqual(['http://x/2', 0]);
		expect(Object.keys(item.binary ?? {})).toEqual(['attachment_0', 'attachment_2']);
		expect(Buffer.from(item.binary?.attachment_0.data ?? '', 'base64').toString()).toBe('abc');
		expect(item.binary?.attachment_0.fileName).toBe('photo.jpg');
		expect(item.json.payload).toEqual([
			{ name: 'photo.jpg', url: 'http://x/1', size: 3, binaryPropertyName: 'attachment_0' },
			{
				name: 'gone.pdf',
				url: 'http://x/2',
				size: 5,
				downloadError:
					'Could not download the attachment: Yandex Market answered HTTP 404 when downloading an attachment',
			},
			{ name: 'doc.txt', url: 'http://x/3', size: 2, binaryPropertyName: 'attachment_2' },
		]);
	});

	describe('newest messages and the one-item output (the AI tool defaults)', () => {
		// Deliberately not in time order: Yandex does not document how it orders the history.
		const SHUFFLED = [
			{ messageId: '12', createdAt: '2026-01-01T10:02:00Z', sender: 'CUSTOMER', message: 'third' },
			{ messageId: '10', createdAt: '2026-01-01T10:00:00Z', sender: 'CUSTOMER', message: 'first' },
			{
				messageId: '9007199254740995',
				createdAt: '2026-01-01T10:03:00Z',
				sender: 'CUSTOMER',
				message: 'fourth',
			},
			{ messageId: '11', createdAt: '2026-01-01T10:02:00Z', sender: 'PARTNER', message: 'second' },
		];
		const run = async (params: Record<string, unknown>, items: unknown[] = SHUFFLED) => {
			api.callMethodAllItems.mockResolvedValue({
				items: items as never,
				result: { context: CONTEXT },
			});
			const ctx = mockExecuteCtx({ businessId: rl('10001'), chatId: rl('3'), ...params });
			return await op.execute.call(ctx, 0);
		};

		it('reads every page and keeps the newest Limit messages in time order', async () => {
			const out = await run({
				returnAll: false,
				limit: 2,
				which: 'newest',
			});
			expect(api.callMethodAllItems.mock.calls[0][0]).toMatchObject({ limit: undefined });
			expect(out.map((o) => o.json.message)).toEqual(['third', 'fourth']);
		});

		it('orders equal times by ID, also above 2^53', async () => {
			const out = await run({
				returnAll: false,
				limit: 3,
				which: 'newest',
			});
			expect(out.map((o) => o.json.messageId)).toEqual(['11', '12', '9007199254740995']);
		});

		it('gives the chat context once, then the messages, with the counts', async () => {
			const out = await run({
				returnAll: false,
				limit: 1,
				which: 'newest',
				output: 'chat',
			});
			expect(out).toHaveLength(1);
			expect(out[0].json).toEqual({
				businessId: '10001',
				chatId: '3',
				contextType: 'RETURN',
				orderId: '40001',
				returnId: '50001',
				campaignId: '20001',
				messageCount: 1,
				totalMessages: 4,
				messages: [SHUFFLED[2]],
			});
		});

		it('keeps the oldest-first walk with its Limit for Messages = Oldest', async () => {
			const [item] = await run(
				{
					returnAll: false,
					limit: 2,
					which: 'oldest',
					output: 'chat',
				},
				MESSAGES,
			);
			expect(api.callMethodAllItems.mock.calls[0][0]).toMatchObject({ limit: 2 });
			expect(item.json).toMatchObject({ messageCount: 2, messages: MESSAGES });
			expect(item.json).not.toHaveProperty('totalMessages');
		});

		it('refuses Download Attachments with the one-item output, naming both settings', async () => {
			const ctx = mockExecuteCtx({
				businessId: rl('10001'),
				chatId: rl('3'),
				returnAll: true,
				output: 'chat',
				options: { downloadAttachments: true },
			});
			await expect(op.execute.call(ctx, 0)).rejects.toThrow(
				'Download Attachments needs Output "One Item per Message"',
			);
			expect(api.callMethodAllItems).not.toHaveBeenCalled();
		});
	});
});
