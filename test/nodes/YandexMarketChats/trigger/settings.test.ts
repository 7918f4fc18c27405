import type { IWebhookFunctions } from 'n8n-workflow';
import { mock } from 'jest-mock-extended';
import { readWebhookSettings } from '../../../../nodes/YandexMarketChats/trigger/settings';

function ctx(params: Record<string, unknown>) {
	const c = mock<IWebhookFunctions>();
	c.getNode.mockReturnValue({ name: 'Trigger' } as ReturnType<IWebhookFunctions['getNode']>);
	c.getNodeParameter.mockImplementation(((name: string, fallback: unknown) =>
		name in params ? params[name] : fallback) as IWebhookFunctions['getNodeParameter']);
	return c;
}

describe('readWebhookSettings', () => {
	it('reads the defaults', () => {
		const settings = readWebhookSettings.call(ctx({}));
		expect(settings).toEqual({
			authors: ['USER', 'VENDOR', 'BRAND'],
			events: [
				'CHAT_CREATED',
				'CHAT_MESSAGE_SENT',
				'CHAT_ARBITRAGE_STARTED',
				'CHAT_ARBITRAGE_FINISHED',
			],
			resolveDetails: true,
			senders: ['CUSTOMER', 'MARKET', 'SUPPORT'],
			includePing: false,
		});
	});

	it('normalizes Business IDs with the one ID rule, and names the bad ones', () => {
		const settings = readWebhookSettings.call(
			ctx({ triggerOptions: { businessIds: '10001, 0010002;' } }),
		);
		expect([...(settings.businessIds ?? [])]).toEqual(['10001', '10002']);
		expect(() =>
			readWebhookSettings.call(ctx({ triggerOptions: { businessIds: '10001 abc 0' } })),
		).toThrow('Option "Business IDs" has invalid IDs: abc, 0');
	});

	it('refuses no Events, naming the field', () => {
		expect(() => readWebhookSettings.call(ctx({ events: [] }))).toThrow(
			'Events: choose at least one event',
		);
	});

	it('builds the allow list from Yandex ranges and extra entries, naming invalid ones', () => {
		const on = { onlyYandexAddresses: true, extraAllowedAddresses: '10.0.0.1' };
		expect(readWebhookSettings.call(ctx({ triggerOptions: on })).allowList?.length).toBe(4);
		expect(() =>
			readWebhookSettings.call(ctx({ triggerOptions: { ...on, extraAllowedAddresses: 'nope' } })),
		).toThrow('Option "Additional Allowed Addresses" has invalid entries: nope');
	});

	it('ignores Senders when Resolve Details is off (the sender is unknown then)', () => {
		expect(readWebhookSettings.call(ctx({ resolveDetails: false })).senders).toEqual([]);
	});
});
