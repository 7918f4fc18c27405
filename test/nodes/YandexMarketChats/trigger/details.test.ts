import type { IWebhookFunctions } from 'n8n-workflow';
import { mock } from 'jest-mock-extended';
import { yandexApiRequest } from '../../../../nodes/YandexMarketChats/actions/calls';
import {
	CHAT_DETAILS,
	combineDetails,
	resolveDetails,
} from '../../../../nodes/YandexMarketChats/trigger/details';
import { CHAT_NOTIFICATION_TYPES } from '../../../../nodes/YandexMarketChats/shared/notifications';
import type { ChatNotification } from '../../../../nodes/YandexMarketChats/shared/notifications';

jest.mock('../../../../nodes/YandexMarketChats/actions/calls');
const api = jest.mocked(yandexApiRequest);

const chatError = { lookup: 'getChat', message: 'chat failed' };
const messageError = { lookup: 'getChatMessage', message: 'message failed' };
const historyError = { lookup: 'getChatHistory', message: 'not found' };

describe('combineDetails', () => {
	it.each([
		[
			'both found',
			{ value: { chatId: '1' } },
			{ value: { sender: 'CUSTOMER' } },
			{ chat: { chatId: '1' }, message: { sender: 'CUSTOMER' } },
		],
		['chat only', { value: { chatId: '1' } }, undefined, { chat: { chatId: '1' } }],
		['chat failed', { error: chatError }, undefined, { detailsError: chatError }],
		[
			'the message error leads',
			{ error: chatError },
			{ error: messageError },
			{ detailsError: { ...messageError, others: [chatError] } },
		],
		[
			'the fallback error stays with the message error',
			{ value: { chatId: '1' } },
			{ error: { ...messageError, others: [historyError] } },
			{ chat: { chatId: '1' }, detailsError: { ...messageError, others: [historyError] } },
		],
	])('%s', (_case, chat, message, expected) => {
		expect(combineDetails(chat, message)).toEqual(expected);
	});
});

describe('CHAT_DETAILS', () => {
	it('has a resolver for every chat event type', () => {
		expect(Object.keys(CHAT_DETAILS).sort()).toEqual([...CHAT_NOTIFICATION_TYPES].sort());
	});

	const event = (
		type: ChatNotification['notificationType'],
		messageId?: string,
	): ChatNotification => ({
		notificationType: type,
		businessId: '1',
		chatId: '5',
		...(messageId ? { messageId } : {}),
		eventTime: '2025-01-16T10:00:00Z',
		raw: {},
	});

	beforeEach(() => api.mockReset());

	it('looks up the chat for a chat event, and chat and message for Message Sent', async () => {
		api.mockImplementation(async (req) =>
			req.endpoint === 'getChat' ? { chatId: '5' } : { sender: 'CUSTOMER' },
		);
		const ctx = mock<IWebhookFunctions>();
		const options = { budgetMs: 1000, senderNeeded: true };
		expect(await resolveDetails.call(ctx, event('CHAT_CREATED'), options)).toEqual({
			chat: { chatId: '5' },
		});
		expect(api.mock.calls.map(([req]) => req.endpoint)).toEqual(['getChat']);
		api.mockClear();
		expect(await resolveDetails.call(ctx, event('CHAT_MESSAGE_SENT', '7'), options)).toEqual({
			chat: { chatId: '5' },
			message: { sender: 'CUSTOMER' },
		});
		expect(api.mock.calls.map(([req]) => req.endpoint).sort()).toEqual([
			'getChat',
			'getChatMessage',
		]);
	});

	it('finds the message in the history when getChatMessage fails and the sender matters', async () => {
		api.mockImplementation(async (req) => {
			if (req.endpoint === 'getChatMessage') throw new Error('quota');
			if (req.endpoint === 'getChatHistory')
				return { messages: [{ messageId: '7', sender: 'PARTNER' }] };
			return { chatId: '5' };
		});
		const details = await resolveDetails.call(
			mock<IWebhookFunctions>(),
			event('CHAT_MESSAGE_SENT', '7'),
			{
				budgetMs: 4000,
				senderNeeded: true,
			},
		);
		expect(details).toEqual({
			chat: { chatId: '5' },
			message: { messageId: '7', sender: 'PARTNER' },
		});
	});

	it('does not read the history when the sender does not matter', async () => {
		api.mockImplementation(async (req) => {
			if (req.endpoint === 'getChatMessage') throw new Error('quota');
			return { chatId: '5' };
		});
		const details = await resolveDetails.call(
			mock<IWebhookFunctions>(),
			event('CHAT_MESSAGE_SENT', '7'),
			{
				budgetMs: 4000,
				senderNeeded: false,
			},
		);
		expect(details.detailsError).toMatchObject({ lookup: 'getChatMessage', message: 'quota' });
		expect(api.mock.calls.map(([req]) => req.endpoint)).not.toContain('getChatHistory');
	});
});
