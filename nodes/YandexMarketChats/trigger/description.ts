import type { INodeProperties, IWebhookDescription } from 'n8n-workflow';
import type { MessageSender } from '../shared/contract';
import { CHAT_NOTIFICATION_TYPES, YANDEX_NOTIFICATION_CIDRS } from '../shared/notifications';
import type { ChatNotificationType } from '../shared/notifications';

/** Senders whose messages start the workflow by default: everyone but the seller, so an auto-reply cannot loop. */
export const DEFAULT_SENDERS: MessageSender[] = ['CUSTOMER', 'MARKET', 'SUPPORT'];

export const DEFAULT_EVENTS: ChatNotificationType[] = [...CHAT_NOTIFICATION_TYPES];

// The docs give the request line as `POST /notification` relative to the saved URL and third-party code reports
// that Market appends it, so the same handler also listens on `<path>/notification`.
const webhook = (path: string, ndvHideUrl: boolean): IWebhookDescription => ({
	name: 'default',
	httpMethod: 'POST',
	// Yandex waits 1 s for a PING answer and 10 s otherwise: answer at once, never after the workflow.
	responseMode: 'onReceived',
	// Without it n8n sends the literal text "firstEntryJson" instead of our webhookResponse.
	responseData: '',
	path,
	ndvHideUrl,
});

export const TRIGGER_WEBHOOKS: IWebhookDescription[] = [
	webhook('webhook', false),
	webhook('webhook/notification', true),
];

export const SETUP_NOTICE =
	'Yandex Market has no API for registering this URL: add it by hand. Publish (activate) this workflow, then in the ' +
	'seller cabinet open Settings → API and modules → API notifications → Connect notifications. Choose the cabinet ' +
	"level (chat events exist only there), tick the chat events and paste this node's Production URL, not the Test " +
	'URL. Yandex checks the URL with a PING when you save; this node answers it.';

const yandexRanges = YANDEX_NOTIFICATION_CIDRS.join(', ');

export const TRIGGER_PROPERTIES: INodeProperties[] = [
	{
		displayName: SETUP_NOTICE,
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: [
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
		],
		default: [...DEFAULT_EVENTS],
		description:
			'Chat events that start the workflow. Every other notification (orders, reviews, PING) is acknowledged and starts nothing.',
	},
	{
		displayName: 'Resolve Details',
		name: 'resolveDetails',
		type: 'boolean',
		default: false,
		description:
			'Whether to fetch the chat (and for new messages the message) through the API after Yandex has been answered. Needs the credential; a failed lookup still starts the workflow, with "detailsError".',
	},
	{
		displayName: 'Senders',
		name: 'senders',
		type: 'multiOptions',
		displayOptions: { show: { resolveDetails: [true] } },
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
	},
	// The visible Options collection is named `triggerOptions` because the name `options` is taken by the hidden
	// raw-body switch below, whose name and value n8n itself reads.
	{
		displayName: 'Options',
		name: 'triggerOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Additional Allowed Addresses',
				name: 'extraAllowedAddresses',
				type: 'string',
				default: '',
				placeholder: '203.0.113.7, 198.51.100.0/24',
				description:
					'Addresses or CIDR ranges accepted besides Yandex\'s, separated by commas. Only used with "Only Yandex Addresses".',
			},
			{
				displayName: 'Business IDs',
				name: 'businessIds',
				type: 'string',
				default: '',
				placeholder: '10001, 10002',
				description:
					'Only notifications for these cabinets (business IDs, separated by commas) start the workflow; others are acknowledged and dropped. Empty: all.',
			},
			{
				displayName: 'Include PING',
				name: 'includePing',
				type: 'boolean',
				default: false,
				description:
					'Whether the PING that Yandex sends when a notification config is saved also starts the workflow (for debugging)',
			},
			{
				displayName: 'Only Yandex Addresses',
				name: 'onlyYandexAddresses',
				type: 'boolean',
				default: false,
				description: `Whether to answer 403 to requests that do not come from Yandex's documented notification addresses (${yandexRanges})`,
				hint: "Behind a reverse proxy n8n sees the proxy's address. Set N8N_PROXY_HOPS to the number of proxies in front of n8n so that the client address is taken from X-Forwarded-For.",
			},
		],
	},
	{
		// RAW BODY SWITCH, not user options. n8n parses JSON webhook bodies itself and answers broken ones with its own
		// 422 (Yandex would count that as a failure and retry for 14 days) unless a version-1 trigger has a truthy
		// `options.binaryData` (n8n's parseRequestBody checks exactly this name). Then the node reads the raw body,
		// answers Yandex's 400 format itself and keeps int64 IDs exact. The e2e test "broken JSON gets our 400, not
		// n8n's 422" fails if n8n stops honouring it.
		displayName: 'Raw Body',
		name: 'options',
		type: 'hidden',
		default: { binaryData: true },
	},
];
