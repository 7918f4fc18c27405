import type { INodeProperties } from 'n8n-workflow';
import { businessRLC, optionsCollection, rateLimitWaitOption } from '../descriptions/common';
import { eventsProperty, sendersProperty } from '../descriptions/events';
import { POLL_COMMUNICATION_EVENT_OPTIONS } from '../descriptions/communicationEvents';

export const POLL_NOTICE =
	'Checks Yandex Market on the schedule below, so n8n needs no public URL. Publish (activate) the workflow: the ' +
	'first check only remembers what is there, later checks report what is new. Each check that finds something ' +
	'starts one execution with one item per event, oldest first, shaped like the webhook trigger with Resolve ' +
	'Details on.';

export const POLL_TRIGGER_PROPERTIES: INodeProperties[] = [
	{
		displayName: POLL_NOTICE,
		name: 'pollNotice',
		type: 'notice',
		default: '',
	},
	businessRLC,
	eventsProperty(
		'Events that start the workflow: chat events, new reviews that need a reaction and new questions that need an answer. Changing them (or the Business) starts from now again.',
		POLL_COMMUNICATION_EVENT_OPTIONS,
	),
	sendersProperty({
		description:
			'Message Sent events start the workflow only for messages from these senders. Every poll reads the senders from the chat history; a poll whose read fails starts nothing for that chat and the next poll reads it again.',
	}),
	optionsCollection(rateLimitWaitOption, {
		displayName: 'Watch Finished Chats',
		name: 'watchFinished',
		type: 'boolean',
		default: false,
		description:
			'Whether to list finished chats too, to see messages in chats that stay finished. Each check then reads every chat the cabinet ever had (20 per call) instead of the open ones only.',
	}),
];
