/**
 * The poll trigger's review and question events: new reviews that need a reaction (GOODS_FEEDBACK_CREATED) and new
 * questions that need an answer (QUESTION_CREATED), found by listing what needs the shop now and remembering the IDs
 * seen. Not by a time watermark: a review's createdAt can be long before its publication (moderation), so a review
 * created before the last poll may appear after it. Items come from trigger/communication.ts, like the webhook's.
 *
 * Per poll: one call per 50 reviews needing a reaction (getGoodsFeedbacks, 5,000 an hour on the lower tariff) and
 * one per 50 questions waiting for an answer (getGoodsQuestions, 1,000 an hour on the lower tariff), at most
 * MAX_PAGES each.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { COMMUNICATION_LIMITS } from '../shared/communication';
import type { CommunicationNotification } from '../shared/communicationNotifications';
import { communicationEventItem, pickDetails } from '../trigger/communication';
import { yandexApiRequestAllItems } from '../actions/calls';

export const COMMUNICATION_POLL_EVENTS = ['GOODS_FEEDBACK_CREATED', 'QUESTION_CREATED'] as const;
export type CommunicationPollEvent = (typeof COMMUNICATION_POLL_EVENTS)[number];

/** Pages of 50 read per kind and poll: 500 reviews or questions waiting at once is far beyond a normal shop. */
export const MAX_PAGES = 10;

/** IDs remembered per kind (about 20 bytes each in the workflow's static data). */
export const MAX_SEEN = 5000;

export const COMMUNICATION_STATE_VERSION = 1;

export interface CommunicationPollState {
	v: typeof COMMUNICATION_STATE_VERSION;
	/** business and events the state belongs to: a change starts from now again */
	key: string;
	/** IDs of the reviews needing a reaction and the questions needing an answer seen so far */
	seen: Partial<Record<CommunicationPollEvent, string[]>>;
}

const KINDS: Record<
	CommunicationPollEvent,
	{
		endpoint: 'getGoodsFeedbacks' | 'getGoodsQuestions';
		body: IDataObject;
		itemsKey: 'feedbacks' | 'questions';
		idField: 'feedbackId' | 'questionId';
		id: (item: IDataObject) => string;
	}
> = {
	GOODS_FEEDBACK_CREATED: {
		endpoint: 'getGoodsFeedbacks',
		body: { reactionStatus: 'NEED_REACTION' },
		itemsKey: 'feedbacks',
		idField: 'feedbackId',
		id: (r) => String(r.feedbackId),
	},
	QUESTION_CREATED: {
		endpoint: 'getGoodsQuestions',
		// The default window: questions of the last month.
		body: { needAnswer: true },
		itemsKey: 'questions',
		idField: 'questionId',
		id: (q) => String((q.questionIdentifiers as IDataObject | undefined)?.id),
	},
};

export function communicationStateKey(businessId: string, events: Iterable<string>): string {
	return [businessId, [...events].sort().join(',')].join('|');
}

/** The stored state when it belongs to these settings; undefined means: remember what is there, report nothing. */
export function readCommunicationState(
	raw: unknown,
	key: string,
): CommunicationPollState | undefined {
	if (raw === null || typeof raw !== 'object') return undefined;
	const state = JSON.parse(JSON.stringify(raw)) as Partial<CommunicationPollState>;
	if (state.v !== COMMUNICATION_STATE_VERSION || state.key !== key) return undefined;
	if (state.seen === null || typeof state.seen !== 'object') return undefined;
	return state as CommunicationPollState;
}

/**
 * What to remember after a listing: every ID listed now (an item leaves the list once handled and never comes back),
 * plus the earlier ones when the listing was cut at MAX_PAGES and so may not show them all.
 */
export function nextSeen(
	listed: string[],
	before: string[] | undefined,
	complete: boolean,
): string[] {
	const seen = complete ? listed : [...new Set([...listed, ...(before ?? [])])];
	return seen.slice(0, MAX_SEEN);
}

/** The event of one listed review or question, as its notification would have said it. */
export function pollEvent(
	type: CommunicationPollEvent,
	businessId: string,
	item: IDataObject,
): CommunicationNotification {
	const kind = KINDS[type];
	const id = kind.id(item);
	const createdAt = String(item.createdAt);
	return {
		notificationType: type,
		businessId,
		ids: { [kind.idField]: id },
		eventTime: createdAt,
		times: { createdAt },
		raw: { notificationType: type, businessId, [kind.idField]: id, createdAt },
	};
}

export interface CommunicationPollSettings {
	businessId: string;
	events: ReadonlySet<string>;
	maxRateLimitWaitMs: number;
}

/**
 * One poll of the chosen review and question events: the items to emit (oldest first) and the state to keep.
 * Without a state (first poll, or changed settings) nothing is emitted: what needs the shop now is remembered.
 * `test`: the newest waiting review or question only, for the editor's Fetch Test Event (state untouched).
 */
export async function pollCommunication(
	this: IPollFunctions,
	settings: CommunicationPollSettings,
	previous: CommunicationPollState | undefined,
	options: { test?: boolean } = {},
): Promise<{ items: IDataObject[]; state: CommunicationPollState }> {
	const key = communicationStateKey(settings.businessId, settings.events);
	const state: CommunicationPollState = { v: COMMUNICATION_STATE_VERSION, key, seen: {} };
	const items: IDataObject[] = [];
	const receivedAt = new Date();
	for (const type of COMMUNICATION_POLL_EVENTS) {
		if (!settings.events.has(type)) continue;
		const kind = KINDS[type];
		const limit = (options.test ? 1 : MAX_PAGES) * COMMUNICATION_LIMITS.pageMax;
		const { items: listed } = await yandexApiRequestAllItems.call(this, {
			endpoint: kind.endpoint,
			businessId: settings.businessId,
			body: kind.body,
			itemsKey: kind.itemsKey,
			limit: options.test ? 1 : limit,
			maxRateLimitWaitMs: settings.maxRateLimitWaitMs,
		});
		const ids = listed.map(kind.id);
		state.seen[type] = nextSeen(ids, previous?.seen[type], listed.length < limit);
		if (!previous && !options.test) continue;
		const before = new Set(previous?.seen[type] ?? []);
		for (const item of listed) {
			if (before.has(kind.id(item))) continue;
			const event = pollEvent(type, settings.businessId, item);
			const found = pickDetails(event, [item]);
			items.push(communicationEventItem(event, receivedAt, found ? { found } : undefined));
		}
	}
	items.sort((a, b) => Date.parse(String(a.eventTime)) - Date.parse(String(b.eventTime)));
	return { items, state };
}
