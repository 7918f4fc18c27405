import type { IPollFunctions } from 'n8n-workflow';
import { mock } from 'jest-mock-extended';
import {
	DEFAULT_EVENTS,
	eventsSubtitleExpression,
	readEvents,
} from '../../../../nodes/YandexMarketChats/descriptions/events';
import { NODE } from '../../../helpers/executeContext';

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
		expect(() => readEvents.call(ctx(events))).toThrow('Events: choose at least one chat event');
	});
});

describe('eventsSubtitleExpression', () => {
	const subtitle = (events: string[]) => {
		const body = eventsSubtitleExpression()
			.replace(/^=\{\{/, '')
			.replace(/\}\}$/, '');
		const $parameter = { events };
		return new Function('$parameter', `return ${body}`)($parameter) as string;
	};

	it.each([
		[[], 'No events'],
		[['CHAT_MESSAGE_SENT'], 'Message Sent'],
		[['CHAT_CREATED', 'CHAT_MESSAGE_SENT'], '2 chat events'],
		[DEFAULT_EVENTS, 'All chat events'],
	])('%j -> %s', (events, expected) => {
		expect(subtitle(events)).toBe(expected);
	});
});
