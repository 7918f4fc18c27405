import type { IExecuteFunctions } from 'n8n-workflow';
import { mock } from 'jest-mock-extended';
import {
	yandexApiRequest,
	yandexApiRequestAllItems,
	yandexApiRequestPage,
} from '../../../../nodes/YandexMarketChats/actions/calls';
import { apiMethod as getChat } from '../../../../nodes/YandexMarketChats/actions/chat/get.operation';
import { apiMethod as getChats } from '../../../../nodes/YandexMarketChats/actions/chat/getAll.operation';
import { apiMethod as getChatHistory } from '../../../../nodes/YandexMarketChats/actions/chat/getHistory.operation';
import * as api from '../../../../nodes/YandexMarketChats/transport/api';

jest.mock('../../../../nodes/YandexMarketChats/transport/api');
const calls = jest.mocked(api);

describe('named calls', () => {
	it('call the transport with the method the operation declares, and nothing else changed', async () => {
		const ctx = mock<IExecuteFunctions>();
		calls.callMethod.mockResolvedValue({ chatId: '5' });
		await yandexApiRequest.call(ctx, { endpoint: 'getChat', businessId: '1', qs: { chatId: '5' } });
		expect(calls.callMethod).toHaveBeenCalledWith({
			apiMethod: getChat,
			businessId: '1',
			qs: { chatId: '5' },
		});

		calls.callMethodPage.mockResolvedValue({ items: [], result: {} });
		await yandexApiRequestPage.call(ctx, {
			endpoint: 'getChats',
			businessId: '1',
			itemsKey: 'chats',
			pageSize: 100,
		});
		expect(calls.callMethodPage.mock.calls[0][0].apiMethod).toBe(getChats);

		calls.callMethodAllItems.mockResolvedValue({ items: [], result: {} });
		await yandexApiRequestAllItems.call(ctx, {
			endpoint: 'getChatHistory',
			businessId: '1',
			itemsKey: 'messages',
		});
		expect(calls.callMethodAllItems.mock.calls[0][0].apiMethod).toBe(getChatHistory);
	});
});
