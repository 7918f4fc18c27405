import type { IPollFunctions } from 'n8n-workflow';
import { mock } from 'jest-mock-extended';
import {
	DEFAULT_EVENTS,
	eventsSubtitleExpression,
	readEvents,
} from '../../../../nodes/YandexMarketChats/descriptions/events';
import { NODE } from '../../../helpers/executeContext';
import { YandexMarketChatsTrigger } from '../../../../nodes/YandexMarketChats/YandexMarketChatsTrigger.node';
import { YandexMarketChatsPollTrigger } from '../../../../nodes/YandexMarketChats/YandexMarketChatsPollTrigger.node';

function ctx(events: unknown) {
	const c = mock<IPollFunctions>();
	c.getNode.mockReturnValue(NODE);
	c.getNodeParameter.mockReturnValue(events as never);
	return c;
}

describe('readEvents', () => {
	it.each([
		[['CHAT_CREATED'], ['CHAT_CREATED']],
		[['CHAT_CREATED', 'ORDER_CREATED'], ['CHAT_CREATED']],
		[undefined, DEFAULT_EVENTS],
	])('%j -> %j', (events, expected) => {
		expect(readEvents.call(ctx(events))).toEqual(expected);
	});

	it.each([[[]], [['ORDER_CREATED']]])('%j is an error naming the field', (events) => {
		expect(() => readEvents.call(ctx(events))).toThrow('Events: choose at least one event');
	});
});

describe('eventsSubtitleExpression', () => {
	// Evaluated by n8n in YandexMarketChatsTrigger.node.test.ts; here: both triggers show the same one.
	it('is the subtitle of both triggers', () => {
		expect(new YandexMarketChatsTrigger().description.subtitle).toBe(eventsSubtitleExpression());
		expect(new YandexMarketChatsPollTrigger().description.subtitle).toBe(
			eventsSubtitleExpression(),
		);
	});
});
