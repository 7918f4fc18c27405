/** The dedup claim of one delivery, settled by the answer n8n writes (see settleOnAnswer). */
import type { IWebhookFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { dedupCacheFor } from './dedup';

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

/** How long a delivery waits for another delivery of the same event that is still in flight. */
export const PENDING_DUPLICATE_WAIT_MS = 8_000;

export type Claimed = { settle: (taken: boolean) => void };

/**
 * Settles the claim by the answer n8n itself writes. n8n 2.x registers the execution first (WorkflowRunner.run),
 * then ends the response, and it ends it even when the client has already gone: a 200 means the execution exists,
 * so a retry after a lost answer is a duplicate; anything else means it did not start, so the retry must run.
 * Whether the bytes reached Yandex says nothing about that. (n8n 1.x ends the response just before it registers
 * the execution; a node cannot see that step, so there a 200 means the execution is being saved.)
 */
export function settleOnAnswer(res: Response, settle: (taken: boolean) => void): void {
	const end = res.end;
	res.end = function (this: Response, ...args: unknown[]) {
		settle(res.statusCode === 200);
		return (end as (...a: unknown[]) => Response).apply(this, args);
	} as Response['end'];
}

/** Claims the event (its dedup key) for this delivery; a delivery that finds another one in flight waits for its outcome. */
export async function claimEvent(
	this: IWebhookFunctions,
	key: string,
): Promise<Claimed | 'duplicate' | 'busy'> {
	const cache = dedupCacheFor(String(this.getWorkflow().id ?? ''), this.getNode().id);
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
