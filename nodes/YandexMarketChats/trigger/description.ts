import type { INodeProperties, IWebhookDescription } from 'n8n-workflow';
import { optionsCollection } from '../descriptions/common';
import { eventsProperty, sendersProperty } from '../descriptions/events';
import { COMMUNICATION_EVENT_OPTIONS, authorsProperty } from '../descriptions/communicationEvents';
import { YANDEX_NOTIFICATION_CIDRS } from '../shared/notifications';

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
	"level (chat, review and question events exist only there), tick the events chosen below and paste this node's Production URL, not the Test " +
	'URL. Yandex checks the URL with a PING when you save; this node answers it.';

// n8n's editor shows notice texts as they are: it evaluates no expression in them, and no expression it evaluates
// in the node panel can see the webhook base URL ($execution.resumeUrl is a placeholder there, in 2.8.4 and
// 2.41.1). So the notice cannot appear only for a local URL; it says when it applies, next to the URL it means.
export const REACHABILITY_NOTICE =
	'Yandex only calls public HTTPS addresses with a certificate from a recognised authority. If the Production URL ' +
	'starts with http://, localhost, 127.0.0.1 or a private address (10.x, 172.16-31.x, 192.168.x), Yandex cannot ' +
	"reach it: set the WEBHOOK_URL environment variable to n8n's public HTTPS address (for example " +
	'https://n8n.example.com/) and restart n8n. No public address? Use the Yandex Market Chats Poll Trigger ' +
	'instead: it checks the chats on a schedule and needs no URL.';

export const RESOLVE_DETAILS_OFF_NOTICE =
	'Without Resolve Details nobody knows who wrote a message: Message Sent starts the workflow for every message, ' +
	'including your own and the ones this workflow sends. Do not wire it into a reply, or it answers itself.';

const yandexRanges = YANDEX_NOTIFICATION_CIDRS.join(', ');

export const TRIGGER_PROPERTIES: INodeProperties[] = [
	{
		displayName: SETUP_NOTICE,
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: REACHABILITY_NOTICE,
		name: 'reachabilityNotice',
		type: 'notice',
		default: '',
	},
	eventsProperty(
		'Events that start the workflow: chat, review and question events. Every other notification (orders, PING, events not chosen) is acknowledged and starts nothing.',
		COMMUNICATION_EVENT_OPTIONS,
	),
	{
		displayName: 'Resolve Details',
		name: 'resolveDetails',
		type: 'boolean',
		// On by default: without the message lookup nobody knows who wrote a message, so the Senders filter that keeps
		// a reply workflow from answering the seller's own messages cannot work.
		default: true,
		description:
			'Whether to look up the chat (and for Message Sent the message with its sender), or the review, comment, question or answer, through the API before Yandex is answered. Needs the credential. The lookups get up to 4 s; a failed lookup still starts the workflow, with "detailsError", unless the author matters (Senders, Authors).',
	},
	{
		displayName: RESOLVE_DETAILS_OFF_NOTICE,
		name: 'resolveDetailsOffNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resolveDetails: [false] } },
	},
	sendersProperty({
		displayOptions: { show: { resolveDetails: [true] } },
		description:
			'Message Sent events start the workflow only for messages from these senders. When the sender cannot be looked up (quota used up, Yandex down), the trigger answers Yandex with an error, so Yandex delivers the notification again, and the workflow starts once the sender is known.',
	}),
	{
		...authorsProperty,
		displayOptions: { show: { resolveDetails: [true] } },
	},
	// The visible Options collection is named `triggerOptions` because the name `options` is taken by the hidden
	// raw-body switch below, whose name and value n8n itself reads.
	{
		...optionsCollection(
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
		),
		name: 'triggerOptions',
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
