/**
 * One notification from Yandex, from request to answer: the address check, the body (body.ts), the delivery
 * decision before the claim (shared/delivery.ts), the dedup claim (claim.ts), the details lookup (details.ts) and
 * the decision with the author, then the answer. Every answer is one of Yandex's: 200 (n8n has the event or does not
 * want it), 400 (malformed: never delivered again), 403 (address), 500/503 (delivered again).
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { decideDelivery } from '../shared/delivery';
import { notificationAnswer, notificationError } from '../shared/notifications';
import { excludesAnySender } from '../shared/senders';
import { readNotification } from './body';
import { claimEvent, settleOnAnswer } from './claim';
import type { Claimed } from './claim';
import { CHAT_EVENTS, COMMUNICATION_EVENTS } from './families';
import type { EventFamily, FamilyDetails, FamilyEvent } from './families';
import {
	isCommunicationNotificationType,
	parseCommunicationNotification,
} from '../shared/communicationNotifications';
import { isAddressAllowed } from './ipAllowList';
import { pingItem } from './output';
import { readWebhookSettings } from './settings';
import type { WebhookSettings } from './settings';

export { PENDING_DUPLICATE_WAIT_MS } from './claim';

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

/**
 * All lookups end within this: n8n still has to register the event and answer within Yandex's 10 s. A lookup that
 * has not answered by then counts as failed: a message whose sender the filter needs waits for Yandex's next
 * delivery, any other event starts without details.
 */
export const DETAILS_BUDGET_MS = 4_000;

/** What one delivery has so far: the request's time, its response and, once claimed, the claim. */
interface Delivery {
	ctx: IWebhookFunctions;
	res: Response;
	receivedAt: Date;
	settings: WebhookSettings;
	claimed?: Claimed;
}

function sendJson(res: Response, status: number, body: IDataObject): IWebhookResponseData {
	res.status(status).json(body);
	return { noWebhookResponse: true };
}

const received = (d: Delivery): IWebhookResponseData => ({
	webhookResponse: notificationAnswer(d.receivedAt),
});

const started = (d: Delivery, item: IDataObject): IWebhookResponseData => ({
	webhookResponse: notificationAnswer(d.receivedAt),
	workflowData: [d.ctx.helpers.returnJsonArray([item])],
});

export async function handleNotification(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const res = this.getResponseObject();
	const receivedAt = new Date();
	let delivery: Delivery | undefined;
	try {
		delivery = { ctx: this, res, receivedAt, settings: readWebhookSettings.call(this) };
		return await handle(delivery);
	} catch (error) {
		delivery?.claimed?.settle(false);
		const message = (error as Error)?.message ?? String(error);
		this.logger.error(`Yandex Market trigger: could not handle a notification: ${message}`);
		if (res.headersSent) return { noWebhookResponse: true };
		return sendJson(res, 500, notificationError('UNKNOWN', `The n8n trigger failed: ${message}`));
	}
}

async function handle(d: Delivery): Promise<IWebhookResponseData> {
	const req = d.ctx.getRequestObject();
	if (d.settings.allowList && !isAddressAllowed(req.ip, d.settings.allowList)) {
		d.ctx.logger.debug(
			`Yandex Market trigger: refused a request from ${req.ip ?? 'an unknown address'}`,
		);
		const problem = `Sender address ${req.ip ?? '(unknown)'} is not allowed by this trigger`;
		return sendJson(d.res, 403, notificationError('UNKNOWN', problem));
	}
	const parsed = await readNotification.call(d.ctx, req);
	if (parsed.kind === 'invalid') {
		const problem = `Invalid notification: ${parsed.problem}`;
		return sendJson(d.res, 400, notificationError('WRONG_EVENT_FORMAT', problem));
	}
	if (parsed.kind === 'ping') {
		if (!d.settings.includePing) return received(d);
		return started(d, pingItem(parsed.raw, parsed.time, d.receivedAt));
	}
	if (parsed.kind === 'other' && isCommunicationNotificationType(parsed.notificationType)) {
		const review = parseCommunicationNotification(parsed.notificationType, parsed.raw);
		if ('problem' in review) {
			const problem = `Invalid notification: ${review.problem}`;
			return sendJson(d.res, 400, notificationError('WRONG_EVENT_FORMAT', problem));
		}
		return await handleEvent(d, COMMUNICATION_EVENTS, review.event);
	}
	// Other types (orders, future ones) may share this URL in the cabinet: anything but a 200 would make Yandex
	// retry them for 14 days and then switch the whole integration off.
	if (parsed.kind === 'other') return received(d);
	return await handleEvent(d, CHAT_EVENTS, parsed.event);
}

/** An event of a family the trigger knows: filter, claim, details, and the decision with the author. */
async function handleEvent<E extends FamilyEvent, D extends FamilyDetails>(
	d: Delivery,
	family: EventFamily<E, D>,
	event: E,
): Promise<IWebhookResponseData> {
	const decision = decideDelivery({ ...filterFacts(d.settings, event) });
	if (decision === 'other-business') {
		d.ctx.logger.debug(`Yandex Market trigger: ignored an event for business ${event.businessId}`);
	}
	if (decision !== 'deliver') return received(d);
	const claim = await claimEvent.call(d.ctx, family.dedupKey(event));
	if (claim === 'busy') {
		// Neither a 200 (the first delivery may still fail) nor a 400: Yandex retries, and by then it is settled.
		const problem = 'Another delivery of this event is still being handled';
		return sendJson(d.res, 500, notificationError('UNKNOWN', problem));
	}
	if (claim === 'duplicate') {
		d.ctx.logger.debug(`Yandex Market trigger: dropped a duplicate of ${family.dedupKey(event)}`);
		return received(d);
	}
	d.claimed = claim;
	settleOnAnswer(d.res, claim.settle);
	// n8n 2.x sends webhookResponse once the execution is registered, without waiting for it to run; if it cannot
	// register it, it answers 500 and the claim is released (settleOnAnswer). n8n 1.x sends it just before it
	// registers the execution (docs/OPERATIONS.md, Starting and stopping n8n).
	if (!d.settings.resolveDetails) return started(d, family.item(event, d.receivedAt));
	return await deliverWithDetails(d, family, event);
}

function filterFacts(settings: WebhookSettings, event: FamilyEvent) {
	return {
		eventType: event.notificationType,
		businessId: event.businessId,
		events: settings.events,
		...(settings.businessIds ? { businessIds: settings.businessIds } : {}),
	};
}

/**
 * The lookups run before n8n gets the event, so the 200 still means n8n has it; they get DETAILS_BUDGET_MS of
 * Yandex's 10 s. An event whose author is excluded is answered and dropped. An event whose author could not be
 * looked up while the Senders list excludes someone (shared/senders.ts) is answered 503: not a 200 (n8n does not
 * have it, and Yandex delivers it again, every minute in the first hour), not a 400 (the notification is fine, and
 * a 400 is never delivered again). It starts once its author is known.
 */
async function deliverWithDetails<E extends FamilyEvent, D extends FamilyDetails>(
	d: Delivery,
	family: EventFamily<E, D>,
	event: E,
): Promise<IWebhookResponseData> {
	const senders = family.allowedAuthors(d.settings);
	const known = family.knownAuthors;
	const details = await family.resolveDetails.call(d.ctx, event, {
		budgetMs: DETAILS_BUDGET_MS,
		senderNeeded: excludesAnySender(senders, known),
	});
	const author = family.authorOf(details);
	const sender = { applies: family.hasAuthor(event), senders, author, known };
	const decision = decideDelivery({ ...filterFacts(d.settings, event), sender });
	if (decision === 'excluded-sender') {
		d.ctx.logger.debug(
			`Yandex Market trigger: ignored ${family.describe(event)} from ${String(author)}`,
		);
		return received(d);
	}
	if (decision === 'unknown-sender') {
		const wait = unknownAuthorReason(family, event, details.detailsError);
		d.ctx.logger.warn(`Yandex Market trigger: ${wait}`);
		return sendJson(d.res, 503, notificationError('UNKNOWN', wait));
	}
	return started(d, family.item(event, d.receivedAt, details));
}

function unknownAuthorReason<E extends FamilyEvent, D extends FamilyDetails>(
	family: EventFamily<E, D>,
	event: E,
	error: IDataObject = {},
): string {
	const failures = [error, ...((error.others as IDataObject[] | undefined) ?? [])]
		.filter((e) => family.authorLookups.includes(String(e.lookup)))
		.map((e) => `${String(e.lookup)}: ${String(e.message)}`)
		.join('; ');
	return (
		`the sender of ${family.describe(event)} is unknown (${failures || 'no sender in the answer'}), ` +
		'so the workflow does not start for it yet; Yandex will deliver it again'
	);
}
