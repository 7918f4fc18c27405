import type { IPollFunctions } from 'n8n-workflow';
import { mock } from 'jest-mock-extended';
import {
	DEFAULT_EVENTS,
	eventsSubtitleExpression,
	readEvents,
} from '../../../../nodes/YandexMarketChats/descriptions/events';
import { POLL_COMMUNICATION_EVENT_OPTIONS } from '../../../../nodes/YandexMarketChats/descriptions/communicationEvents';
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
	it('is the subtitle of both triggers, each with the names of its own review and question events', () => {
		const webhook = String(new YandexMarketChatsTrigger().description.subtitle);
		const poll = String(new YandexMarketChatsPollTrigger().description.subtitle);
		expect(webhook).toBe(eventsSubtitleExpression());
		expect(poll).toBe(eventsSubtitleExpression(POLL_COMMUNICATION_EVENT_OPTIONS));
		expect(webhook).toContain('"GOODS_FEEDBACK_CREATED":"Review Created"');
		expect(poll).toContain('"GOODS_FEEDBACK_CREATED":"Review Needing Reaction"');
		expect(poll).toContain('"QUESTION_CREATED":"Question Needing Answer"');
		expect(poll).toContain('"CHAT_MESSAGE_SENT":"Message Sent"');
	});
});
