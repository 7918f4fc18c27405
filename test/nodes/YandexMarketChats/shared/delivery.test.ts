import { decideDelivery } from '../../../../nodes/YandexMarketChats/shared/delivery';
import type { DeliveryFacts } from '../../../../nodes/YandexMarketChats/shared/delivery';

const ALL = [
	'CHAT_CREATED',
	'CHAT_MESSAGE_SENT',
	'CHAT_ARBITRAGE_STARTED',
	'CHAT_ARBITRAGE_FINISHED',
];
const DEFAULT_SENDERS = ['CUSTOMER', 'MARKET', 'SUPPORT'];
const EVERYONE = ['CUSTOMER', 'MARKET', 'PARTNER', 'SUPPORT'];
const msg = (senders: string[], author: unknown) => ({ applies: true, senders, author });

describe('decideDelivery', () => {
	it.each<[string, Partial<DeliveryFacts>, string]>([
		['a chosen event, no business filter, before details', {}, 'deliver'],
		['an event type not chosen', { events: ['CHAT_CREATED'] }, 'not-chosen'],
		['no Events at all', { events: [] }, 'not-chosen'],
		['a business the option leaves out', { businessIds: new Set(['2']) }, 'other-business'],
		['a business the option lists', { businessIds: new Set(['1', '2']) }, 'deliver'],
		['the buyer wrote', { sender: msg(DEFAULT_SENDERS, 'CUSTOMER') }, 'deliver'],
		[
			'the seller wrote (the default leaves the seller out)',
			{ sender: msg(DEFAULT_SENDERS, 'PARTNER') },
			'excluded-sender',
		],
		[
			'the seller wrote and Senders lists the seller',
			{ sender: msg(EVERYONE, 'PARTNER') },
			'deliver',
		],
		[
			'the author is unknown and Senders excludes someone',
			{ sender: msg(DEFAULT_SENDERS, undefined) },
			'unknown-sender',
		],
		[
			'the author is unknown and Senders lists everyone',
			{ sender: msg(EVERYONE, undefined) },
			'deliver',
		],
		[
			'an event without an author',
			{ sender: { applies: false, senders: [], author: undefined } },
			'deliver',
		],
		[
			'not chosen wins over an excluded sender',
			{ events: ['CHAT_CREATED'], sender: msg(DEFAULT_SENDERS, 'PARTNER') },
			'not-chosen',
		],
		[
			'another business wins over an unknown sender',
			{ businessIds: new Set(['2']), sender: msg(DEFAULT_SENDERS, undefined) },
			'other-business',
		],
	])('%s -> %s', (_case, facts, expected) => {
		const base: DeliveryFacts = { eventType: 'CHAT_MESSAGE_SENT', businessId: '1', events: ALL };
		expect(decideDelivery({ ...base, ...facts })).toBe(expected);
	});
});
