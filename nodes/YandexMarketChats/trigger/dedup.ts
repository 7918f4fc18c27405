/**
 * Duplicate suppression. Yandex documents that it "may send several notifications for the same event", so the
 * trigger remembers recent event keys. The memory lives in the n8n process that runs the webhook (module level,
 * one bounded cache per workflow + node): it is lost on restart and not shared between several webhook processes
 * in queue mode. Items carry `dedupKey` so a workflow can dedupe across processes (Remove Duplicates node).
 */

export const DEDUP_MAX_KEYS = 10_000;
/** Long enough to cover Yandex's minute-by-minute retries of the first hour, with a wide margin. */
export const DEDUP_TTL_MS = 24 * 60 * 60 * 1000;
/** Bounds the registry itself: one cache per trigger node ever seen by this process. */
export const DEDUP_MAX_CACHES = 1_000;

/**
 * The answer to one claim. `claimed`: this delivery owns the event and must call `settle` once n8n has written its
 * answer (true: n8n took the event; false: it did not, so the key is forgotten and Yandex's retry runs).
 * `pending`: another delivery of the same event is still in flight; wait for `settled`, then claim again.
 */
export type Claim =
	| { status: 'claimed'; settle: (taken: boolean) => void }
	| { status: 'duplicate' }
	| { status: 'pending'; settled: Promise<void> };

interface Entry {
	expires: number;
	/** Set while the owning delivery has not settled. */
	pending?: { promise: Promise<void>; resolve: () => void };
}

export class DedupCache {
	// Map keeps insertion order, and every key gets the same TTL, so the oldest entry always expires first.
	private readonly entries = new Map<string, Entry>();

	constructor(
		private readonly maxKeys = DEDUP_MAX_KEYS,
		private readonly ttlMs = DEDUP_TTL_MS,
	) {}

	/**
	 * Claims the event for one delivery. A second delivery that arrives while the first is in flight is not yet
	 * a duplicate: if n8n then refuses the first, the second must run, or the event is lost.
	 */
	claim(key: string, now = Date.now()): Claim {
		this.evict(now);
		const existing = this.entries.get(key);
		if (existing?.pending) return { status: 'pending', settled: existing.pending.promise };
		if (existing) return { status: 'duplicate' };
		let resolve: () => void = () => undefined;
		const promise = new Promise<void>((r) => (resolve = r));
		const entry: Entry = { expires: now + this.ttlMs, pending: { promise, resolve } };
		this.insert(key, entry);
		let settled = false;
		return {
			status: 'claimed',
			settle: (taken: boolean) => {
				if (settled) return;
				settled = true;
				entry.pending = undefined;
				if (!taken && this.entries.get(key) === entry) this.entries.delete(key);
				resolve();
			},
		};
	}

	/** Forgets a key whose delivery failed, so Yandex's retry of it is not dropped as a duplicate. */
	forget(key: string): void {
		const entry = this.entries.get(key);
		this.entries.delete(key);
		entry?.pending?.resolve();
	}

	private insert(key: string, entry: Entry): void {
		this.entries.set(key, entry);
		while (this.entries.size > this.maxKeys) {
			const oldest = this.entries.keys().next().value as string;
			this.forget(oldest);
		}
	}

	private evict(now: number): void {
		for (const [key, entry] of this.entries) {
			if (entry.expires > now) break;
			this.forget(key);
		}
	}
}

const caches = new Map<string, DedupCache>();

/** The cache of one trigger node (workflow ID + node ID); the least recently used caches are dropped first. */
export function dedupCacheFor(workflowId: string, nodeId: string): DedupCache {
	const id = `${workflowId}\u0000${nodeId}`;
	let cache = caches.get(id);
	if (cache) {
		caches.delete(id);
	} else {
		cache = new DedupCache();
		while (caches.size >= DEDUP_MAX_CACHES) caches.delete(caches.keys().next().value as string);
	}
	caches.set(id, cache);
	return cache;
}

/** For tests: forgets every cache. */
export function clearDedupCaches(): void {
	caches.clear();
}
