import type { IExecuteFunctions } from 'n8n-workflow';
import { mockDeep } from 'jest-mock-extended';
import { getBaseUrl } from '../../../../nodes/YandexMarketChats/transport/request';

function ctx(environment: string, baseUrl = '') {
	const c = mockDeep<IExecuteFunctions>();
	c.getCredentials.mockResolvedValue({ apiKey: 'k', environment, baseUrl });
	return c;
}

describe('getBaseUrl', () => {
	it.each([
		['production', '', 'https://api.partner.market.yandex.ru'],
		['yandexGo', '', 'https://api.partner.market.yandex.net'],
		['custom', 'http://127.0.0.1:18080///', 'http://127.0.0.1:18080'],
	])('resolves the %s environment', async (environment, baseUrl, expected) => {
		await expect(getBaseUrl.call(ctx(environment, baseUrl))).resolves.toBe(expected);
	});

	it('refuses a custom base URL without a scheme', async () => {
		await expect(getBaseUrl.call(ctx('custom', '127.0.0.1:18080'))).rejects.toThrow(
			/must start with http/,
		);
	});
});
