import type { INodeProperties } from 'n8n-workflow';
import { ID_INPUT_REGEX } from '../shared/int64';

/** The action node's description; the trigger carries it too, for n8n's node picker (see the trigger node). */
export const NODE_DESCRIPTION =
	'Read and answer Yandex Market buyers: chats and messages, product reviews and product questions';

export const businessRLC: INodeProperties = {
	displayName: 'Business',
	name: 'businessId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		'The Yandex Market business (cabinet) that owns the chats. This is the business ID, not a campaign (store) ID.',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a business...',
			typeOptions: {
				searchListMethod: 'searchBusinesses',
				searchable: true,
			},
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 12345678',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: ID_INPUT_REGEX,
						errorMessage: 'Business ID must be a positive integer',
					},
				},
			],
		},
	],
};

export const chatRLC: INodeProperties = {
	displayName: 'Chat',
	name: 'chatId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		'The chat with a buyer: pick it from the list, or give its ID (digits, e.g. the chatId of a Yandex Market Chats Trigger item)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a chat...',
			typeOptions: {
				searchListMethod: 'searchChats',
				searchable: true,
			},
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 1234567',
			validation: [
				{
					type: 'regex',
					properties: { regex: ID_INPUT_REGEX, errorMessage: 'Chat ID must be a positive integer' },
				},
			],
		},
	],
};

export const rateLimitWaitOption: INodeProperties = {
	displayName: 'Rate Limit Wait (Seconds)',
	name: 'rateLimitWaitSeconds',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 60,
	description:
		'How long to wait at most when Yandex Market answers 420 (rate limit) before failing. Yandex quotas are per hour, so a long wait is usually pointless; 0 fails at once.',
};

export const parallelRequestsOption: INodeProperties = {
	displayName: 'Parallel Requests',
	name: 'parallelRequests',
	type: 'number',
	// Literal values: n8n's scanner reads descriptions statically. A test ties them to LIMITS.parallelRequests.
	typeOptions: { minValue: 1, maxValue: 4, numberPrecision: 0 },
	default: 4,
	description:
		'How many items are read from Yandex Market at the same time (Yandex allows 4 parallel requests per cabinet). Lower it when other workflows use the same cabinet at the same time. Output order stays the input order.',
};

export const simplifyOption: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to flatten the chat context into top-level fields (contextType, orderId, returnId, campaignId, customerName, customerPublicId) instead of returning the nested context object',
};

export const downloadAttachmentsOption: INodeProperties = {
	displayName: 'Download Attachments',
	name: 'downloadAttachments',
	type: 'boolean',
	default: false,
	description:
		'Whether to download message attachments into binary properties named attachment_0, attachment_1, and so on. A failed download keeps the URL and adds a downloadError to that attachment.',
};

/** Return All plus Limit, as n8n's own Get Many operations show them. */
export const returnAllAndLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** The Options collection every operation ends with. */
export function optionsCollection(...options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}
