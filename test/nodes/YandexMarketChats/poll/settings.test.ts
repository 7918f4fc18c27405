import type { IPollFunctions } from 'n8n-workflow';
import { mock } from 'jest-mock-extended';
import { readPollSettings } from '../../../../nodes/YandexMarketChats/poll/settings';
import { DEFAULT_RATE_LIMIT_WAIT_MS } from '../../../../nodes/YandexMarketChats/transport/policy';
import { NODE } from '../../../helpers/executeContext';

function ctx(params: Record<string, unknown>) {
	const c = mock<IPollFunctions>();
	c.getNode.mockReturnValue(NODE);
	c.getNodeParameter.mockImplementation(((name: string, fallback: unknown) =>
		name in params ? params[name] : fallback) as IPollFunctions['getNodeParameter']);
	return c;
}

describe('readPollSettings', () => {
	it('reads the Business ID with the ID rule of every node, and the options', () => {
		const settings = readPollSettings.call(
			ctx({ businessId: '0010001', options: { watchFinished: true, rateLimitWaitSeconds: 2 } }),
		);
		expect(settings).toEqual({
			businessId: '10001',
			communicationEvents: new Set(),
			events: new Set([
				'CHAT_CREATED',
				'CHAT_MESSAGE_SENT',
				'CHAT_ARBITRAGE_STARTED',
				'CHAT_ARBITRAGE_FINISHED',
			]),
			senders: new Set(['CUSTOMER', 'MARKET', 'SUPPORT']),
			watchFinished: true,
			maxRateLimitWaitMs: 2000,
		});
		expect(readPollSettings.call(ctx({ businessId: '1' })).maxRateLimitWaitMs).toBe(
			DEFAULT_RATE_LIMIT_WAIT_MS,
		);
	});

	it('names the field of a bad setting', () => {
		expect(() => readPollSettings.call(ctx({ businessId: 'abc' }))).toThrow(/Business ID/);
		expect(() => readPollSettings.call(ctx({ businessId: '1', events: [] }))).toThrow(
			'Events: choose at least one event',
		);
		expect(() =>
			readPollSettings.call(ctx({ businessId: '1', events: ['ORDER_CREATED'] })),
		).toThrow('Events: choose at least one event');
	});

	it('splits the chosen events: chat events for the chat scan, reviews and questions for their listing', () => {
		const settings = readPollSettings.call(
			ctx({
				businessId: '1',
				events: ['CHAT_CREATED', 'QUESTION_CREATED', 'GOODS_FEEDBACK_CREATED'],
			}),
		);
		expect(settings.events).toEqual(new Set(['CHAT_CREATED']));
		expect(settings.communicationEvents).toEqual(
			new Set(['QUESTION_CREATED', 'GOODS_FEEDBACK_CREATED']),
		);
		// The poll cannot see comments and answers by others: only the webhook trigger offers them.
		expect(() =>
			readPollSettings.call(ctx({ businessId: '1', events: ['QUESTION_ANSWER_CREATED'] })),
		).toThrow('Events: choose at least one event');
	});
});
