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

export class DedupCache {
	// Map keeps insertion order, and every key gets the same TTL, so the oldest entry always expires first.
	private readonly entries = new Map<string, number>();

	constructor(
		private readonly maxKeys = DEDUP_MAX_KEYS,
		private readonly ttlMs = DEDUP_TTL_MS,
	) {}

	/** Records the key; returns false when it was already recorded and has not expired (a duplicate). */
	add(key: string, now = Date.now()): boolean {
		this.evict(now);
		if (this.entries.has(key)) return false;
		this.entries.set(key, now + this.ttlMs);
		while (this.entries.size > this.maxKeys) {
			const oldest = this.entries.keys().next().value as string;
			this.entries.delete(oldest);
		}
		return true;
	}

	/** Forgets a key whose delivery failed, so Yandex's retry of it is not dropped as a duplicate. */
	forget(key: string): void {
		this.entries.delete(key);
	}

	has(key: string, now = Date.now()): boolean {
		const expires = this.entries.get(key);
		return expires !== undefined && expires > now;
	}

	get size(): number {
		return this.entries.size;
	}

	private evict(now: number): void {
		for (const [key, expires] of this.entries) {
			if (expires > now) break;
			this.entries.delete(key);
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
