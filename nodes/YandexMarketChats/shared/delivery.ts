/**
 * Whether an event starts the workflow: the one decision both triggers take for every event, as a pure function.
 * The webhook trigger asks twice: before the dedup claim with what the notification says (type, business), and
 * after the details lookup with the sender; the poll trigger asks once per event it found, sender known.
 */
import { senderVerdict } from './senders';
import type { SenderFacts } from './senders';

export interface DeliveryFacts {
	eventType: string;
	businessId: string;
	/** The Events chosen in the trigger. */
	events: readonly string[];
	/** Option "Business IDs": only these businesses; every business when absent. */
	businessIds?: ReadonlySet<string>;
	/** Once the details are known: the Senders rule. */
	sender?: SenderFacts;
}

/**
 * `deliver`: start the workflow. `not-chosen`, `other-business`, `excluded-sender`: answer that the event was
 * received and start nothing (for good). `unknown-sender`: the author is unknown while Senders excludes someone:
 * start nothing now, and have the event come again (the webhook answers an error, the poll reads it again).
 */
export type Delivery =
	| 'deliver'
	| 'not-chosen'
	| 'other-business'
	| 'excluded-sender'
	| 'unknown-sender';

export function decideDelivery(facts: DeliveryFacts): Delivery {
	if (!facts.events.includes(facts.eventType)) return 'not-chosen';
	if (facts.businessIds && !facts.businessIds.has(facts.businessId)) return 'other-business';
	if (!facts.sender) return 'deliver';
	const verdict = senderVerdict(facts.sender);
	if (verdict === 'skip') return 'excluded-sender';
	if (verdict === 'wait') return 'unknown-sender';
	return 'deliver';
}
