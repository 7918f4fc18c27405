import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { normalizeIdInput, parseJsonKeepingBigInts } from '../shared/int64';
import {
	YANDEX_NOTIFICATION_CIDRS,
	notificationAnswer,
	notificationDedupKey,
	notificationError,
	parseNotification,
} from '../shared/notifications';
import type { ChatNotification, ParsedNotification } from '../shared/notifications';
import { dedupCacheFor } from './dedup';
import type { DedupCache } from './dedup';
import { DEFAULT_EVENTS, DEFAULT_SENDERS } from '../descriptions/events';
import { resolveDetails } from './details';
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
	const resolve = this.getNodeParameter('resolveDetails', false) as boolean;
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

async function readNotification(
	this: IWebhookFunctions,
	req: Request,
): Promise<ParsedNotification> {
	// options.binaryData (see description) stops n8n from parsing the body, so the raw bytes are still there.
	if (typeof req.readRawBody === 'function') await req.readRawBody();
	let text: string;
	if (req.rawBody && req.rawBody.length > 0) {
		text = req.rawBody.toString('utf8').replace(/^\uFEFF/, '');
	} else {
		// A runtime that parsed the body anyway: the object is all there is (large IDs may be rounded).
		const body = this.getBodyData();
		if (body === undefined || body === null || Object.keys(body).length === 0) {
			return { kind: 'invalid', problem: 'the body is empty' };
		}
		return parseNotification(body);
	}
	if (text.trim() === '') return { kind: 'invalid', problem: 'the body is empty' };
	let body: unknown;
	try {
		body = parseJsonKeepingBigInts(text);
	} catch (error) {
		return { kind: 'invalid', problem: `the body is not valid JSON (${(error as Error).message})` };
	}
	return parseNotification(body);
}

/**
 * Remembers the event and, should the answer end up anything but a sent 200 (n8n failing to start the execution,
 * a dropped connection), forgets it again: Yandex will retry, and the retry must not be taken for a duplicate.
 */
function claimEvent(
	this: IWebhookFunctions,
	res: Response,
	event: ChatNotification,
): DedupCache | undefined {
	const cache = dedupCacheFor(String(this.getWorkflow().id ?? ''), this.getNode().id);
	const key = notificationDedupKey(event);
	if (!cache.add(key)) return undefined;
	res.once('finish', () => {
		if (res.statusCode !== 200) cache.forget(key);
	});
	res.once('close', () => {
		if (!res.writableFinished) cache.forget(key);
	});
	return cache;
}

export async function handleNotification(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const receivedAt = new Date();
	const res = this.getResponseObject();
	const answer = () => notificationAnswer(receivedAt);
	let claimed: { cache: DedupCache; key: string } | undefined;
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
		const cache = claimEvent.call(this, res, event);
		if (!cache) {
			this.logger.debug(
				`Yandex Market trigger: dropped a duplicate of ${notificationDedupKey(event)}`,
			);
			return { webhookResponse: answer() };
		}
		claimed = { cache, key: notificationDedupKey(event) };

		if (!settings.resolveDetails) {
			// n8n sends webhookResponse once the execution is registered, without waiting for it to run; if it cannot
			// register it, it answers 500 and the claim above is released.
			return {
				webhookResponse: answer(),
				workflowData: [this.helpers.returnJsonArray([chatEventItem(event, receivedAt)])],
			};
		}
		return await answerThenResolve.call(this, res, event, settings, receivedAt);
	} catch (error) {
		claimed?.cache.forget(claimed.key);
		const message = (error as Error)?.message ?? String(error);
		this.logger.error(`Yandex Market trigger: could not handle a notification: ${message}`);
		if (res.headersSent) return { noWebhookResponse: true };
		return sendJson(res, 500, notificationError('UNKNOWN', `The n8n trigger failed: ${message}`));
	}
}

/**
 * The answer goes out first (Yandex allows 10 s and the lookups may wait out rate limits), then the API is asked;
 * `noWebhookResponse` with `workflowData` still starts the execution (n8n's executeWebhook only skips its own reply).
 */
async function answerThenResolve(
	this: IWebhookFunctions,
	res: Response,
	event: ChatNotification,
	settings: Settings,
	receivedAt: Date,
): Promise<IWebhookResponseData> {
	res.status(200).json(notificationAnswer(receivedAt));
	let item: IDataObject;
	try {
		const details = await resolveDetails.call(this, event);
		const sender = details.message?.sender;
		if (
			event.messageId !== undefined &&
			typeof sender === 'string' &&
			!settings.senders.includes(sender)
		) {
			this.logger.debug(`Yandex Market trigger: ignored message ${event.messageId} from ${sender}`);
			return { noWebhookResponse: true };
		}
		item = chatEventItem(event, receivedAt, details);
	} catch (error) {
		// Already acknowledged: Yandex will not resend, so the event must go on even without details.
		item = chatEventItem(event, receivedAt, {
			detailsError: { message: (error as Error)?.message ?? String(error) },
		});
	}
	return { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray([item])] };
}
