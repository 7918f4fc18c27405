/** The calls of transport/api.ts with a mocked n8n request helper: what goes on the wire and what comes back. */
import type { IHttpRequestOptions } from 'n8n-workflow';

import {
	callMethod,
	callMethodPage,
	downloadAttachment,
	uploadFile,
} from '../../../../nodes/YandexMarketChats/transport/api';
import { apiMethod as getChat } from '../../../../nodes/YandexMarketChats/actions/chat/get.operation';
import { apiMethod as getChats } from '../../../../nodes/YandexMarketChats/actions/chat/getAll.operation';
import { mockExecuteCtx } from '../../../helpers/executeContext';

/** Real declarations: Get Chat's GET and Get Many's POST. */
const GET = getChat;
const POST = getChats;

function ctxAnswering(body: unknown, statusCode = 200) {
	const ctx = mockExecuteCtx({});
	ctx.getCredentials.mockResolvedValue({ apiKey: 'k', environment: 'production' });
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	const answer = { statusCode, headers: {}, body: Buffer.from(text) };
	ctx.helpers.httpRequestWithAuthentication.mockResolvedValue(answer);
	ctx.helpers.httpRequest.mockResolvedValue(answer);
	return ctx;
}
const sent = (ctx: ReturnType<typeof ctxAnswering>) =>
	ctx.helpers.httpRequestWithAuthentication.mock.calls[0][1] as IHttpRequestOptions;

describe('callMethod', () => {
	it('GETs the business path with query parameters as strings, without a body, and returns `result`', async () => {
		const ctx = ctxAnswering('{"status":"OK","result":{"chatId":9007199254740993}}');
		const result = await callMethod.call(ctx, {
			apiMethod: GET,
			businessId: '10001',
			qs: { chatId: 5, empty: '', none: undefined },
		});
		expect(result).toEqual({ chatId: '9007199254740993' });
		expect(sent(ctx)).toMatchObject({
			method: 'GET',
			url: 'https://api.partner.market.yandex.ru/v2/businesses/10001/chat',
			qs: { chatId: '5' },
			body: undefined,
		});
	});

	it('POSTs a body even without filters, with IDs as bare JSON integers', async () => {
		const ctx = ctxAnswering({ status: 'OK' });
		expect(await callMethod.call(ctx, { apiMethod: POST, businessId: '1' })).toEqual({});
		expect(sent(ctx).body).toBe('{}');
		await callMethod.call(ctx, {
			apiMethod: POST,
			businessId: '1',
			body: { orderIds: ['9007199254740993'] },
		});
		expect(ctx.helpers.httpRequestWithAuthentication.mock.calls[1][1].body).toBe(
			'{"orderIds":[9007199254740993]}',
		);
	});
});

describe('callMethodPage', () => {
	it('splits a page into its items, the next token and the rest of the result', async () => {
		const ctx = ctxAnswering({
			status: 'OK',
			result: {
				messages: [{ messageId: 1 }],
				paging: { nextPageToken: 'N' },
				context: { type: 'ORDER' },
			},
		});
		const page = await callMethodPage.call(ctx, {
			apiMethod: POST,
			businessId: '1',
			itemsKey: 'messages',
			pageSize: 100,
			pageToken: 'P',
		});
		expect(page).toEqual({
			items: [{ messageId: '1' }],
			nextPageToken: 'N',
			result: { context: { type: 'ORDER' } },
		});
		expect(sent(ctx).qs).toEqual({ limit: '100', pageToken: 'P' });
	});
});

describe('uploadFile', () => {
	it('sends one multipart part with a safe file name and the type', async () => {
		const ctx = ctxAnswering({ status: 'OK' });
		await uploadFile.call(ctx, {
			apiMethod: {
				...POST,
				operationId: 'sendFileToChat',
				path: '/chats/file/send',
				repeatable: false,
			},
			businessId: '1',
			chatId: '2',
			file: Buffer.from('data'),
			fileName: 'a"b\r\n.pdf',
			mimeType: 'application/pdf',
		});
		const options = sent(ctx);
		const body = (options.body as Buffer).toString('utf8');
		expect(options.headers?.['Content-Type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(body).toContain('filename="a_b__.pdf"');
		expect(body).toContain('Content-Type: application/pdf\r\n\r\ndata\r\n');
		expect(options.qs).toEqual({ chatId: '2' });
	});
});

describe('downloadAttachment', () => {
	it('sends the key only to the API host itself', async () => {
		const ctx = ctxAnswering({});
		await downloadAttachment.call(ctx, '/files/1');
		expect(ctx.helpers.httpRequestWithAuthentication).toHaveBeenCalledTimes(1);
		expect(ctx.helpers.httpRequest).not.toHaveBeenCalled();
		await downloadAttachment.call(ctx, 'https://storage.example/files/1');
		expect(ctx.helpers.httpRequest).toHaveBeenCalledTimes(1);
		expect(ctx.helpers.httpRequest.mock.calls[0][0]).toMatchObject({
			url: 'https://storage.example/files/1',
			headers: expect.not.objectContaining({ 'Api-Key': expect.anything() }),
		});
	});
});
