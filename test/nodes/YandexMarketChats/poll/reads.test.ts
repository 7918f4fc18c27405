import type { IPollFunctions } from 'n8n-workflow';
import { mock } from 'jest-mock-extended';
import { NodeApiError } from 'n8n-workflow';
import {
	yandexApiRequest,
	yandexApiRequestPage,
} from '../../../../nodes/YandexMarketChats/actions/calls';
import {
	OPEN_STATUSES,
	isWatched,
	listChats,
	readChat,
} from '../../../../nodes/YandexMarketChats/poll/reads';
import { NODE } from '../../../helpers/executeContext';

jest.mock('../../../../nodes/YandexMarketChats/actions/calls');
const page = jest.mocked(yandexApiRequestPage);
const one = jest.mocked(yandexApiRequest);

const settings = { businessId: '1', watchFinished: false, maxRateLimitWaitMs: 5000 };

function ctx() {
	const c = mock<IPollFunctions>();
	c.getNode.mockReturnValue(NODE);
	return c;
}

beforeEach(() => {
	page.mockReset();
	one.mockReset();
});

describe('isWatched', () => {
	it.each([
		[false, 'NEW', true],
		[false, 'WAITING_FOR_PARTNER', true],
		[false, 'FINISHED', false],
		[true, 'FINISHED', true],
	])('watchFinished=%s %s -> %s', (watchFinished, status, expected) => {
		expect(isWatched({ ...settings, watchFinished }, status)).toBe(expected);
	});
});

describe('listChats', () => {
	it('reads every page of open chats and keeps the newest copy of a chat listed twice', async () => {
		page
			.mockResolvedValueOnce({
				items: [{ chatId: '1', updatedAt: '2026-01-10T10:00:00Z' }],
				nextPageToken: 't2',
				result: {},
			})
			.mockResolvedValueOnce({
				items: [{ chatId: '1', updatedAt: '2026-01-10T10:05:00Z' }, { chatId: '2' }],
				result: {},
			});
		const list = await listChats.call(ctx(), settings);
		expect(list.complete).toBe(true);
		expect([...list.chats.keys()]).toEqual(['1', '2']);
		expect(list.chats.get('1')?.updatedAt).toBe('2026-01-10T10:05:00Z');
		expect(page.mock.calls[0][0]).toMatchObject({
			endpoint: 'getChats',
			body: { statuses: OPEN_STATUSES },
			maxRateLimitWaitMs: 5000,
		});
		expect(page.mock.calls[1][0]).toMatchObject({ pageToken: 't2' });
	});

	it('returns what it has, marked incomplete, when a page fails', async () => {
		page
			.mockResolvedValueOnce({ items: [{ chatId: '1' }], nextPageToken: 't2', result: {} })
			.mockRejectedValueOnce(new Error('500'));
		const list = await listChats.call(ctx(), { ...settings, watchFinished: true });
		expect(list).toMatchObject({ complete: false, error: new Error('500') });
		expect([...list.chats.keys()]).toEqual(['1']);
		expect(page.mock.calls[0][0].body).toEqual({});
	});
});

describe('readChat', () => {
	it('returns the chat, undefined for a 404, and throws anything else', async () => {
		one.mockResolvedValueOnce({ chatId: '5' });
		expect(await readChat.call(ctx(), settings, '5')).toEqual({ chatId: '5' });
		one.mockRejectedValueOnce(new NodeApiError(NODE, { message: 'gone' }, { httpCode: '404' }));
		expect(await readChat.call(ctx(), settings, '5')).toBeUndefined();
		one.mockRejectedValueOnce(new NodeApiError(NODE, { message: 'down' }, { httpCode: '500' }));
		await expect(readChat.call(ctx(), settings, '5')).rejects.toMatchObject({ httpCode: '500' });
	});
});
