import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';
import { normalizeIdInput, parseJsonKeepingBigInts } from '../shared/int64';
import {
	NOTIFICATION_LIMITS,
	YANDEX_NOTIFICATION_CIDRS,
	notificationAnswer,
	notificationDedupKey,
	notificationError,
	parseNotification,
} from '../shared/notifications';
import type { ChatNotification, ParsedNotification } from '../shared/notifications';
import { dedupCacheFor } from './dedup';
import { DEFAULT_EVENTS, DEFAULT_SENDERS } from '../descriptions/events';
import { resolveDetails } from './details';
import { excludesAnySender, senderVerdict } from '../shared/senders';
import { isAddressAllowed, parseCidrList } from './ipAllowList';
import type { Cidr } from './ipAllowList';
import { chatEventItem, pingItem } from './output';

type Request = ReturnType<IWebhookFunctions['getRequestObject']>;
type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

interface Settings {
	events: string[];
	resolveDetails: boolean;
	senders: string[];
	businessIds?: Set<string>;
	allowList?: Cidr[];
	includePing: boolean;
}

const YANDEX_CIDRS = parseCidrList(YANDEX_NOTIFICATION_CIDRS.join(',')).cidrs;

/** Reads every parameter before anything is answered, so a bad setting gives Yandex a 500 (it retries) and no loss. */
function readSettings(this: IWebhookFunctions): Settings {
	const options = this.getNodeParameter('triggerOptions', {}) as IDataObject;
	const resolve = this.getNodeParameter('resolveDetails', true) as boolean;
	const settings: Settings = {
		events: this.getNodeParameter('events', DEFAULT_EVENTS) as string[],
		resolveDetails: resolve,
		senders: resolve ? (this.getNodeParameter('senders', DEFAULT_SENDERS) as string[]) : [],
		includePing: options.includePing === true,
	};
	const businessIds = String(options.businessIds ?? '')
		.split(/[\s,;]+/)
		.filter((x) => x !== '');
	if (businessIds.length > 0) {
		const normalized = businessIds.map((x) => normalizeIdInput(x));
		const bad = businessIds.filter((_, i) => normalized[i] === undefined);
		if (bad.length > 0) {
			throw new NodeOperationError(
				this.getNode(),
				`Option "Business IDs" has invalid IDs: ${bad.join(', ')}`,
			);
		}
		settings.businessIds = new Set(normalized as string[]);
	}
	if (options.onlyYandexAddresses === true) {
		const extra = parseCidrList(String(options.extraAllowedAddresses ?? ''));
		if (extra.invalid.length > 0) {
			throw new NodeOperationError(
				this.getNode(),
				`Option "Additional Allowed Addresses" has invalid entries: ${extra.invalid.join(', ')}`,
			);
		}
		settings.allowList = [...YANDEX_CIDRS, ...extra.cidrs];
	}
	return settings;
}

function sendJson(res: Response, status: number, body: IDataObject): IWebhookResponseData {
	res.status(status).json(body);
	return { noWebhookResponse: true };
}

/** A short reason for a body n8n could not read (its raw-body reader throws these). */
function unreadableBody(error: unknown): string {
	const e = error as { type?: unknown; code?: unknown; message?: unknown };
	if (e?.type === 'entity.too.large') return 'it is larger than n8n accepts (N8N_PAYLOAD_SIZE_MAX)';
	if (typeof e?.code === 'string' && e.code.startsWith('Z_'))
		return 'it is not valid gzip or deflate data';
	const message = typeof e?.message === 'string' ? e.message : String(error);
	return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}

/** UTF-8 text of the body, or undefined when the bytes are not valid UTF-8. */
function utf8Text(raw: Buffer): string | undefined {
	const text = raw.toString('utf8');
	// Invalid sequences decode to U+FFFD; only then is the round trip worth its cost.
	if (text.includes('\uFFFD') && !Buffer.from(text, 'utf8').equals(raw)) return undefined;
	return text.replace(/^\uFEFF/, '');
}

async function readNotification(
	this: IWebhookFunctions,
	req: Request,
): Promise<ParsedNotification> {
	// options.binaryData (see description) stops n8n from parsing the body, so the raw bytes are still there.
	// Whatever n8n's reader throws (broken gzip, a body over its size limit, a client gone mid-body) is about this
	// request, not a failure of n8n: a retry of the same bytes would fail the same way, so it is a 400.
	if (typeof req.readRawBody === 'function') {
		try {
			await req.readRawBody();
		} catch (error) {
			return { kind: 'invalid', problem: `the body could not be read: ${unreadableBody(error)}` };
		}
	}
	if (!req.rawBody || req.rawBody.length === 0) {
		// A runtime that parsed the body anyway: the object is all there is (large IDs may be rounded).
		const body = this.getBodyData();
		if (body === undefined || body === null || Object.keys(body).length === 0) {
			return { kind: 'invalid', problem: 'the body is empty' };
		}
		return parseNotification(body);
	}
	if (req.rawBody.length > NOTIFICATION_LIMITS.maxBytes) {
		return {
			kind: 'invalid',
			problem: `the body has ${req.rawBody.length} bytes, more than the ${NOTIFICATION_LIMITS.maxBytes} a notification may have`,
		};
	}
	const text = utf8Text(req.rawBody);
	if (text === undefined) return { kind: 'invalid', problem: 'the body is not valid UTF-8' };
	if (text.trim() === '') return { kind: 'invalid', problem: 'the body is empty' };
	let body: unknown;
	try {
		body = parseJsonKeepingBigInts(text);
	} catch (error) {
		const message = (error as Error).message;
		const short = message.length > 200 ? `${message.slice(0, 200)}…` : message;
		return { kind: 'invalid', problem: `the body is not valid JSON (${short})` };
	}
	return parseNotification(body);
}

/** How long a delivery waits for another delivery of the same event that is still in flight. */
export const PENDING_DUPLICATE_WAIT_MS = 8_000;

/**
 * Settles the claim by the answer n8n itself writes. n8n registers the execution first (WorkflowRunner.run), then
 * ends the response, and it ends it even when the client has already gone: a 200 means the execution exists, so a
 * retry after a lost answer is a duplicate; anything else means it did not start, so the retry must run. Whether
 * the bytes reached Yandex says nothing about that.
 */
function settleOnAnswer(res: Response, settle: (taken: boolean) => void): void {
	const end = res.end;
	res.end = function (this: Response, ...args: unknown[]) {
		settle(res.statusCode === 200);
		return (end as (...a: unknown[]) => Response).apply(this, args);
	} as Response['end'];
}

type Claimed = { settle: (taken: boolean) => void };

/** Claims the event for this delivery; a delivery that finds another one in flight waits for its outcome. */
async function claimEvent(
	this: IWebhookFunctions,
	event: ChatNotification,
): Promise<Claimed | 'duplicate' | 'busy'> {
	const cache = dedupCacheFor(String(this.getWorkflow().id ?? ''), this.getNode().id);
	const key = notificationDedupKey(event);
	let claim = cache.claim(key);
	if (claim.status === 'pending') {
		const settled = await Promise.race([
			claim.settled.then(() => true),
			sleep(PENDING_DUPLICATE_WAIT_MS).then(() => false),
		]);
		if (!settled) return 'busy';
		claim = cache.claim(key);
	}
	if (claim.status === 'pending') return 'busy';
	if (claim.status === 'duplicate') return 'duplicate';
	return { settle: claim.settle };
}

/**
 * All lookups end within this: n8n still has to register the event and answer within Yandex's 10 s. A lookup that
 * has not answered by then counts as failed: a message whose sender the filter needs waits for Yandex's next
 * delivery, any other event starts without details.
 */
export const DETAILS_BUDGET_MS = 4_000;

export async function handleNotification(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const receivedAt = new Date();
	const res = this.getResponseObject();
	const answer = () => notificationAnswer(receivedAt);
	let claimed: Claimed | undefined;
	try {
		const req = this.getRequestObject();
		const settings = readSettings.call(this);

		if (settings.allowList && !isAddressAllowed(req.ip, settings.allowList)) {
			this.logger.debug(
				`Yandex Market trigger: refused a request from ${req.ip ?? 'an unknown address'}`,
			);
			return sendJson(
				res,
				403,
				notificationError(
					'UNKNOWN',
					`Sender address ${req.ip ?? '(unknown)'} is not allowed by this trigger`,
				),
			);
		}

		const parsed = await readNotification.call(this, req);
		if (parsed.kind === 'invalid') {
			return sendJson(
				res,
				400,
				notificationError('WRONG_EVENT_FORMAT', `Invalid notification: ${parsed.problem}`),
			);
		}
		if (parsed.kind === 'ping') {
			if (!settings.includePing) return { webhookResponse: answer() };
			return {
				webhookResponse: answer(),
				workflowData: [
					this.helpers.returnJsonArray([pingItem(parsed.raw, parsed.time, receivedAt)]),
				],
			};
		}
		// Other types (orders, reviews, future ones) may share this URL in the cabinet: anything but a 200 would make
		// Yandex retry them for 14 days and then switch the whole integration off.
		if (parsed.kind === 'other') return { webhookResponse: answer() };

		const { event } = parsed;
		if (!settings.events.includes(event.notificationType)) return { webhookResponse: answer() };
		if (settings.businessIds && !settings.businessIds.has(event.businessId)) {
			this.logger.debug(`Yandex Market trigger: ignored an event for business ${event.businessId}`);
			return { webhookResponse: answer() };
		}
		const claim = await claimEvent.call(this, event);
		if (claim === 'busy') {
			// Neither a 200 (the first delivery may still fail) nor a 400: Yandex retries, and by then it is settled.
			return sendJson(
				res,
				500,
				notificationError('UNKNOWN', 'Another delivery of this event is still being handled'),
			);
		}
		if (claim === 'duplicate') {
			this.logger.debug(
				`Yandex Market trigger: dropped a duplicate of ${notificationDedupKey(event)}`,
			);
			return { webhookResponse: answer() };
		}
		claimed = claim;
		settleOnAnswer(res, claim.settle);

		// n8n sends webhookResponse once the execution is registered, without waiting for it to run; if it cannot
		// register it, it answers 500 and the claim is released (settleOnAnswer).
		if (!settings.resolveDetails) {
			return {
				webhookResponse: answer(),
				workflowData: [this.helpers.returnJsonArray([chatEventItem(event, receivedAt)])],
			};
		}
		const outcome = await itemWithDetails.call(this, event, settings, receivedAt);
		if (outcome === 'skip') return { webhookResponse: answer() };
		if ('wait' in outcome) {
			// Not a 200: n8n does not have the event, and Yandex delivers it again (every minute in the first hour).
			// Not a 400 either: the notification is fine, and a 400 is never delivered again.
			this.logger.warn(`Yandex Market trigger: ${outcome.wait}`);
			return sendJson(res, 503, notificationError('UNKNOWN', outcome.wait));
		}
		return {
			webhookResponse: answer(),
			workflowData: [this.helpers.returnJsonArray([outcome.item])],
		};
	} catch (error) {
		claimed?.settle(false);
		const message = (error as Error)?.message ?? String(error);
		this.logger.error(`Yandex Market trigger: could not handle a notification: ${message}`);
		if (res.headersSent) return { noWebhookResponse: true };
		return sendJson(res, 500, notificationError('UNKNOWN', `The n8n trigger failed: ${message}`));
	}
}

/**
 * The lookups run before n8n gets the event, so the 200 still means n8n has it; they get DETAILS_BUDGET_MS of
 * Yandex's 10 s. Returns the item, 'skip' for a sender the node filters out, or the reason the event must wait:
 * a message whose sender could not be looked up while the Senders list excludes someone (shared/senders.ts). That
 * event is answered with an error, so Yandex delivers it again and it starts once its sender is known.
 */
async function itemWithDetails(
	this: IWebhookFunctions,
	event: ChatNotification,
	settings: Settings,
	receivedAt: Date,
): Promise<{ item: IDataObject } | { wait: string } | 'skip'> {
	const details = await resolveDetails.call(this, event, {
		budgetMs: DETAILS_BUDGET_MS,
		senderNeeded: excludesAnySender(settings.senders),
	});
	const sender = details.message?.sender;
	const verdict = senderVerdict(event.messageId !== undefined, settings.senders, sender);
	if (verdict === 'skip') {
		this.logger.debug(
			`Yandex Market trigger: ignored message ${event.messageId} from ${String(sender)}`,
		);
		return 'skip';
	}
	if (verdict === 'wait') {
		const error = details.detailsError ?? {};
		const failures = [error, ...((error.others as IDataObject[] | undefined) ?? [])]
			.filter((e) => e.lookup === 'getChatMessage' || e.lookup === 'getChatHistory')
			.map((e) => `${String(e.lookup)}: ${String(e.message)}`)
			.join('; ');
		return {
			wait:
				`the sender of message ${event.messageId} in chat ${event.chatId} is unknown (${failures || 'no sender in the answer'}), ` +
				'so the workflow does not start for it yet; Yandex will deliver it again',
		};
	}
	return { item: chatEventItem(event, receivedAt, details) };
}
