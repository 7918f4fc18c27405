import { NodeApiError } from 'n8n-workflow';
import { concernsOneChat } from '../../../../nodes/YandexMarketChats/poll/changes';
import { UnknownSenderError } from '../../../../nodes/YandexMarketChats/poll/events';
import { NODE } from '../../../helpers/executeContext';

const api = (httpCode: string) => new NodeApiError(NODE, { message: 'x' }, { httpCode });

describe('concernsOneChat', () => {
	it.each([
		['400 (a broken history cursor)', api('400'), true],
		['404 (the chat vanished)', api('404'), true],
		['a history without a sender', new UnknownSenderError('no sender'), true],
		['420 (rate limit: every chat)', api('420'), false],
		['500', api('500'), false],
		['401 (the key)', api('401'), false],
		['a plain error', new Error('boom'), false],
	])('%s -> %s', (_case, error, expected) => {
		expect(concernsOneChat(error)).toBe(expected);
	});
});
