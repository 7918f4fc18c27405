/**
 * Fast checks of the transport's own logic with a mocked helper; the HTTP behaviour is proven in index.int.test.ts.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { mockDeep } from 'jest-mock-extended';
import { yandexApiRequestAllItems } from '../../../../nodes/YandexMarketChats/actions/calls';

function page(chats: number[], nextPageToken?: string) {
	const json = JSON.stringify({
		status: 'OK',
		result: {
			chats: chats.map((chatId) => ({ chatId })),
			...(nextPageToken ? { paging: { nextPageToken } } : {}),
		},
	});
	return { body: Buffer.from(json), headers: {}, statusCode: 200 };
}

function ctx(environment: string, baseUrl = '') {
	const c = mockDeep<IExecuteFunctions>();
	c.getCredentials.mockResolvedValue({ apiKey: 'k', environment, baseUrl });
	return c;
}

describe('transport', () => {
	it('stops with an error when Yandex repeats a page token instead of looping', async () => {
		const c = ctx('production');
		c.helpers.httpRequestWithAuthentication
			.mockResolvedValueOnce(page([1, 2], 'A'))
			.mockResolvedValueOnce(page([3, 4], 'A'));
		await expect(
			yandexApiRequestAllItems.call(c, {
				endpoint: 'getChats',
				businessId: '1',
				itemsKey: 'chats',
			}),
		).rejects.toThrow(NodeOperationError);
		expect(c.helpers.httpRequestWithAuthentication).toHaveBeenCalledTimes(2);
	});
});
