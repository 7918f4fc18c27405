import {
	DEDUP_MAX_CACHES,
	DedupCache,
	clearDedupCaches,
	dedupCacheFor,
} from '../../../../nodes/YandexMarketChats/trigger/dedup';

/** A delivery n8n took: claims the key and settles it; false when the key was a duplicate. */
function take(cache: DedupCache, key: string, now?: number): boolean {
	const claim = cache.claim(key, now);
	if (claim.status === 'claimed') claim.settle(true);
	return claim.status === 'claimed';
}

describe('DedupCache', () => {
	it('accepts a key once until it expires', () => {
		const cache = new DedupCache(10, 1000);
		expect(take(cache, 'a', 0)).toBe(true);
		expect(take(cache, 'a', 999)).toBe(false);
		expect(take(cache, 'a', 1000)).toBe(true);
		expect(cache.claim('a', 1500).status).toBe('duplicate');
	});

	it('keeps at most maxKeys, dropping the oldest first', () => {
		const cache = new DedupCache(3, 1000);
		for (const k of ['a', 'b', 'c', 'd']) expect(take(cache, k, 0)).toBe(true);
		expect(take(cache, 'a', 1)).toBe(true);
		expect(take(cache, 'd', 1)).toBe(false);
	});

	it('evicts expired keys, so memory follows the traffic of the last TTL', () => {
		const cache = new DedupCache(100, 10);
		for (let i = 0; i < 50; i++) take(cache, `k${i}`, 0);
		take(cache, 'late', 20);
		expect(take(cache, 'late', 20)).toBe(false);
		for (let i = 0; i < 50; i++) expect(take(cache, `k${i}`, 20)).toBe(true);
	});

	it('forgets a key on request', () => {
		const cache = new DedupCache();
		take(cache, 'a');
		cache.forget('a');
		expect(take(cache, 'a')).toBe(true);
	});
});

describe('DedupCache.claim', () => {
	it('makes a delivery that arrives during the first one wait, then a duplicate once the first is taken', async () => {
		const cache = new DedupCache();
		const first = cache.claim('a');
		if (first.status !== 'claimed') throw new Error(first.status);
		const second = cache.claim('a');
		if (second.status !== 'pending') throw new Error(second.status);
		first.settle(true);
		await second.settled;
		expect(cache.claim('a').status).toBe('duplicate');
	});

	it('hands the event to the waiting delivery when the first is not taken', async () => {
		const cache = new DedupCache();
		const first = cache.claim('a');
		if (first.status !== 'claimed') throw new Error(first.status);
		const second = cache.claim('a');
		if (second.status !== 'pending') throw new Error(second.status);
		first.settle(false);
		await second.settled;
		expect(cache.claim('a').status).toBe('claimed');
	});

	it('settles once: a later verdict does not undo the first', () => {
		const cache = new DedupCache();
		const first = cache.claim('a');
		if (first.status !== 'claimed') throw new Error(first.status);
		first.settle(true);
		first.settle(false);
		expect(cache.claim('a').status).toBe('duplicate');
	});

	it('releases waiters when a pending key is pushed out by newer ones', async () => {
		const cache = new DedupCache(1);
		cache.claim('a');
		const waiter = cache.claim('a');
		if (waiter.status !== 'pending') throw new Error(waiter.status);
		cache.claim('b');
		await waiter.settled;
		expect(cache.claim('a').status).toBe('claimed');
	});
});

describe('dedupCacheFor', () => {
	beforeEach(() => clearDedupCaches());

	it('gives each workflow + node its own cache and the same one on every call', () => {
		const a = dedupCacheFor('wf1', 'n1');
		expect(dedupCacheFor('wf1', 'n1')).toBe(a);
		expect(dedupCacheFor('wf1', 'n2')).not.toBe(a);
		expect(dedupCacheFor('wf2', 'n1')).not.toBe(a);
	});

	it('bounds the number of caches, dropping the least recently used', () => {
		const first = dedupCacheFor('wf', 'first');
		const kept = dedupCacheFor('wf', 'kept');
		for (let i = 0; i < DEDUP_MAX_CACHES - 2; i++) dedupCacheFor('wf', `n${i}`);
		dedupCacheFor('wf', 'kept');
		dedupCacheFor('wf', 'overflow');
		expect(dedupCacheFor('wf', 'kept')).toBe(kept);
		expect(dedupCacheFor('wf', 'first')).not.toBe(first);
	});
});
