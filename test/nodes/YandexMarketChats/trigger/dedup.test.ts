import {
	DEDUP_MAX_CACHES,
	DedupCache,
	clearDedupCaches,
	dedupCacheFor,
} from '../../../../nodes/YandexMarketChats/trigger/dedup';

describe('DedupCache', () => {
	it('accepts a key once until it expires', () => {
		const cache = new DedupCache(10, 1000);
		expect(cache.add('a', 0)).toBe(true);
		expect(cache.add('a', 999)).toBe(false);
		expect(cache.add('a', 1000)).toBe(true);
		expect(cache.has('a', 1500)).toBe(true);
	});

	it('keeps at most maxKeys, dropping the oldest first', () => {
		const cache = new DedupCache(3, 1000);
		for (const k of ['a', 'b', 'c', 'd']) expect(cache.add(k, 0)).toBe(true);
		expect(cache.size).toBe(3);
		expect(cache.add('a', 1)).toBe(true);
		expect(cache.add('d', 1)).toBe(false);
	});

	it('evicts expired keys, so memory follows the traffic of the last TTL', () => {
		const cache = new DedupCache(100, 10);
		for (let i = 0; i < 50; i++) cache.add(`k${i}`, 0);
		cache.add('late', 20);
		expect(cache.size).toBe(1);
	});

	it('forgets a key on request', () => {
		const cache = new DedupCache();
		cache.add('a');
		cache.forget('a');
		expect(cache.add('a')).toBe(true);
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
