/**
 * The review and question events the triggers offer next to the chat events, and the Authors filter that keeps the
 * shop's own answers and comments from starting a workflow (the counterpart of Senders for messages).
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { QUESTION_AUTHOR_TYPES, SELLER_AUTHOR_TYPE } from '../shared/communication';
import { COMMUNICATION_NOTIFICATION_TYPES } from '../shared/communicationNotifications';
import { CHAT_NOTIFICATION_TYPES } from '../shared/notifications';

/** Authors whose answers and comments start the workflow by default: everyone but the shop itself (no loops). */
export const DEFAULT_AUTHORS: string[] = QUESTION_AUTHOR_TYPES.filter(
	(a) => a !== SELLER_AUTHOR_TYPE,
);

/** What the webhook trigger's Events may hold: the chat events and the five review and question events. */
export const WEBHOOK_EVENT_TYPES: readonly string[] = [
	...CHAT_NOTIFICATION_TYPES,
	...COMMUNICATION_NOTIFICATION_TYPES,
];

/** What the poll trigger's Events may hold: the chat events, new reviews and new questions (poll/communication.ts). */
export const POLL_EVENT_TYPES: readonly string[] = [
	...CHAT_NOTIFICATION_TYPES,
	'GOODS_FEEDBACK_CREATED',
	'QUESTION_CREATED',
];

/** The webhook trigger's options: every review and question notification Yandex sends. */
export const COMMUNICATION_EVENT_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Question Answer Created',
		value: 'QUESTION_ANSWER_CREATED',
		description: 'Someone answered a product question (another buyer, the vendor, the brand)',
	},
	{
		name: 'Question Comment Created',
		value: 'QUESTION_COMMENT_CREATED',
		description: 'Someone commented on an answer to a product question',
	},
	{
		name: 'Question Created',
		value: 'QUESTION_CREATED',
		description: 'A buyer asked a question about a product',
	},
	{
		name: 'Review Comment Created',
		value: 'GOODS_FEEDBACK_COMMENT_CREATED',
		description: 'Someone commented in the thread of a product review',
	},
	{
		name: 'Review Created',
		value: 'GOODS_FEEDBACK_CREATED',
		description: 'A product review was published (after moderation)',
	},
];

/** The poll trigger's options: what it can find by listing (what needs the shop now). */
export const POLL_COMMUNICATION_EVENT_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Question Needing Answer',
		value: 'QUESTION_CREATED',
		description: 'A new product question the shop has not answered (asked in the last month)',
	},
	{
		name: 'Review Needing Reaction',
		value: 'GOODS_FEEDBACK_CREATED',
		description:
			'A new product review the shop has not replied to, marked as handled or opened in the cabinet',
	},
];

export const authorsProperty: INodeProperties = {
	displayName: 'Authors',
	name: 'authors',
	type: 'multiOptions',
	options: [
		{
			name: 'Brand',
			value: 'BRAND',
			description: "The product's brand",
		},
		{
			name: 'Business (Your Own Answers and Comments)',
			value: 'BUSINESS',
			description:
				'The shop, including replies this workflow publishes: can make an auto-reply loop',
		},
		{ name: 'User', value: 'USER', description: 'A buyer' },
		{ name: 'Vendor', value: 'VENDOR', description: 'The manufacturer (questions only)' },
	],
	default: [...DEFAULT_AUTHORS],
	description:
		'Review comments, answers and answer comments start the workflow only when written by these authors. When the author cannot be read, the event is not started and Yandex delivers it again.',
};
