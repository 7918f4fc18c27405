/**
 * The Senders rule both triggers apply. Only Message Sent has a sender, and a notification does not say who wrote:
 * the sender comes from a lookup, which can fail (quota spent, Yandex down, too slow).
 */
import { MESSAGE_SENDERS } from './contract';

/**
 * `start`: the event may start the workflow. `skip`: the Senders list excludes its sender; it is dropped for good.
 * `wait`: its sender is unknown while the list excludes someone. It must not start as if it were allowed (it may be
 * the seller's own reply, and starting those is how an auto-reply loops), nor be dropped (it may be the buyer's
 * message): the trigger starts it later, once a lookup names the sender.
 */
export type SenderVerdict = 'start' | 'skip' | 'wait';

/**
 * Whether the list leaves out any sender Yandex knows, i.e. whether the filter can drop anything at all. `known`:
 * every author there is (the message senders by default; review and question authors for those events).
 */
export function excludesAnySender(
	senders: readonly string[],
	known: readonly string[] = MESSAGE_SENDERS,
): boolean {
	return known.some((s) => !senders.includes(s));
}

export interface SenderFacts {
	/** Whether the event has an author the rule applies to (only Message Sent among the chat events). */
	applies: boolean;
	/** The Senders chosen in the trigger. */
	senders: readonly string[];
	/** The author a lookup named; anything but a non-empty string means unknown. */
	author: unknown;
	/** Every author Yandex knows for the event (default: the message senders). */
	known?: readonly string[];
}

export function senderVerdict({ applies, senders, author, known }: SenderFacts): SenderVerdict {
	if (!applies) return 'start';
	if (typeof author === 'string' && author !== '')
		return senders.includes(author) ? 'start' : 'skip';
	return excludesAnySender(senders, known) ? 'wait' : 'start';
}
