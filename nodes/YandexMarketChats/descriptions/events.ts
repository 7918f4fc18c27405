/** The Events and Senders parameters both triggers offer, so a workflow can switch triggers and keep its settings. */
import type {
	IHookFunctions,
	INodeProperties,
	INodePropertyOptions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { MessageSender } from '../shared/contract';
import { CHAT_NOTIFICATION_TYPES } from '../shared/notifications';
import type { ChatNotificationType } from '../shared/notifications';
import { COMMUNICATION_EVENT_OPTIONS } from './communicationEvents';

/** Senders whose messages start the workflow by default: everyone but the seller, so an auto-reply cannot loop. */
export const DEFAULT_SENDERS: MessageSender[] = ['CUSTOMER', 'MARKET', 'SUPPORT'];

export const DEFAULT_EVENTS: ChatNotificationType[] = [...CHAT_NOTIFICATION_TYPES];

const CHAT_EVENT_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Arbitrage Finished',
		value: 'CHAT_ARBITRAGE_FINISHED',
		description: 'A dispute in an order or return chat ended',
	},
	{
		name: 'Arbitrage Started',
		value: 'CHAT_ARBITRAGE_STARTED',
		description: 'The buyer opened a dispute in an order or return chat',
	},
	{
		name: 'Chat Created',
		value: 'CHAT_CREATED',
		description: 'A buyer opened a chat (order, return or direct)',
	},
	{
		name: 'Message Sent',
		value: 'CHAT_MESSAGE_SENT',
		description: 'A new message in a chat (Yandex sends none for stickers)',
	},
];

/** The Events parameter: the chat events and, per trigger, the review and question events it offers. */
export function eventsProperty(
	description: string,
	more: INodePropertyOptions[] = [],
): INodeProperties {
	return {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: [...CHAT_EVENT_OPTIONS, ...more].sort((a, b) => a.name.localeCompare(b.name)),
		default: [...DEFAULT_EVENTS],
		description,
	};
}

export function sendersProperty(extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Senders',
		name: 'senders',
		type: 'multiOptions',
		options: [
			{ name: 'Customer', value: 'CUSTOMER', description: 'The buyer' },
			{ name: 'Market', value: 'MARKET', description: 'Yandex Market itself (automatic messages)' },
			{
				name: 'Partner (Your Own Messages)',
				value: 'PARTNER',
				description:
					'The seller, including messages this workflow sends: can make an auto-reply loop',
			},
			{ name: 'Support', value: 'SUPPORT', description: 'Yandex Market support or an arbiter' },
		],
		default: [...DEFAULT_SENDERS],
		description: 'Message Sent events start the workflow only for messages from these senders',
		...extra,
	};
}

/**
 * The Events parameter of either trigger: the chosen chat event types. None chosen is a setting error naming the
 * field, in both triggers, when the trigger is activated and whenever it runs: a trigger that can never start is
 * a mistake, not a filter.
 */
export function readEvents(
	this: IWebhookFunctions | IPollFunctions | IHookFunctions,
	allowed: readonly string[] = CHAT_NOTIFICATION_TYPES,
): string[] {
	const value = this.getNodeParameter('events', DEFAULT_EVENTS) as unknown;
	// Not set at all (a context without the parameter) counts as the default, as n8n itself reads it.
	const chosen = Array.isArray(value) ? (value as string[]) : DEFAULT_EVENTS;
	const events = chosen.filter((e) => allowed.includes(e));
	if (events.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Events: choose at least one event');
	}
	return events;
}

/**
 * The subtitle both triggers show: the one event chosen, "All chat events", or how many. `more` are the trigger's
 * review and question options: the poll trigger names the same values differently ("Review Needing Reaction").
 */
export function eventsSubtitleExpression(
	more: INodePropertyOptions[] = COMMUNICATION_EVENT_OPTIONS,
): string {
	const events = eventsProperty('', more).options as INodePropertyOptions[];
	const names = Object.fromEntries(events.map((o) => [String(o.value), o.name]));
	const chat = JSON.stringify(CHAT_NOTIFICATION_TYPES);
	// Chat events alone keep their wording ("2 chat events", "All chat events"); with reviews or questions: "N events".
	return (
		'={{ (e => e.length === 0 ? "No events" : e.length === 1 ? ' +
		`(${JSON.stringify(names)}[e[0]] || e[0]) : e.every(x => ${chat}.includes(x)) ? ` +
		`(e.length >= ${CHAT_NOTIFICATION_TYPES.length} ? "All chat events" : e.length + " chat events") : ` +
		'e.length + " events")($parameter["events"] || []) }}'
	);
}
