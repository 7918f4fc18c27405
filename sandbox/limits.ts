/**
 * Yandex's two kinds of rate limit: per-method resource quotas counted per business in a fixed window (1 hour),
 * and a cap on concurrent requests per business. Both answer HTTP 420 ("Enhance Your Calm").
 */
import { HOURLY_QUOTAS } from '../nodes/YandexMarketChats/actions/operations';
import { LIMITS } from '../nodes/YandexMarketChats/shared/contract';
import type { Tariff } from './communication-contract';
import { communicationQuotas, TARIFFS } from './communication-contract';

export interface LimitOptions {
	windowMs?: number;
	parallelLimit?: number;
	/**
	 * Added to every Yandex API answer while the request holds its parallel slot, to stand in for the round trip
	 * to the real API (benchmarks); 0 by default.
	 */
	latencyMs?: number;
	quotas?: Partial<Record<string, number>>;
	/**
	 * The cabinet's tariff: the review and question methods have per-tariff quotas (x-resource-limit-config);
	 * `none` (the lower one) by default. Changing it resets the quotas of those methods to the tariff's values.
	 */
	tariff?: Tariff;
}

export interface QuotaDecision {
	allowed: boolean;
	limit: number;
	remaining: number;
	/** end of the current window (epoch ms) */
	until: number;
	/** set when the request was counted; refund() undoes it for answers Yandex does not count (5xx) */
	counted?: { key: string; start: number };
}

interface Window {
	start: number;
	count: number;
}

export const DEFAULT_WINDOW_MS = 3600_000;

export class RateLimiter {
	windowMs: number;
	parallelLimit: number;
	latencyMs: number;
	tariff: Tariff;
	quotas: Record<string, number>;
	private windows = new Map<string, Window>();
	private inFlight = new Map<string, number>();
	/** The most requests a business had in flight at once since the last reset or change of limits. */
	private peakInFlight = new Map<string, number>();

	constructor(private readonly defaults: LimitOptions = {}) {
		this.windowMs = DEFAULT_WINDOW_MS;
		this.parallelLimit = LIMITS.parallelRequests;
		this.latencyMs = 0;
		this.tariff = 'none';
		this.quotas = { ...HOURLY_QUOTAS };
		this.reset();
	}

	reset(): void {
		this.windowMs = this.defaults.windowMs ?? DEFAULT_WINDOW_MS;
		this.parallelLimit = this.defaults.parallelLimit ?? LIMITS.parallelRequests;
		this.latencyMs = this.defaults.latencyMs ?? 0;
		this.tariff = this.defaults.tariff ?? 'none';
		this.quotas = {
			...HOURLY_QUOTAS,
			...communicationQuotas(this.tariff),
			...definedOnly(this.defaults.quotas),
		};
		this.windows.clear();
		this.peakInFlight.clear();
	}

	/** Changing limits at run time also starts fresh windows, so a test's new quota applies at once. */
	configure(opts: LimitOptions): void {
		if (opts.windowMs !== undefined) this.windowMs = opts.windowMs;
		if (opts.parallelLimit !== undefined) this.parallelLimit = opts.parallelLimit;
		if (opts.latencyMs !== undefined) {
			if (!(typeof opts.latencyMs === 'number' && opts.latencyMs >= 0))
				throw new Error('latencyMs must be a number >= 0');
			this.latencyMs = opts.latencyMs;
		}
		if (opts.tariff !== undefined) {
			if (!(TARIFFS as readonly string[]).includes(opts.tariff))
				throw new Error(`tariff must be one of ${TARIFFS.join(', ')}`);
			this.tariff = opts.tariff;
			this.quotas = { ...this.quotas, ...communicationQuotas(opts.tariff) };
		}
		if (opts.quotas) this.quotas = { ...this.quotas, ...definedOnly(opts.quotas) };
		this.windows.clear();
		this.peakInFlight.clear();
	}

	snapshot() {
		return {
			windowMs: this.windowMs,
			parallelLimit: this.parallelLimit,
			latencyMs: this.latencyMs,
			tariff: this.tariff,
			quotas: { ...this.quotas },
			maxInFlight: Object.fromEntries(this.peakInFlight),
		};
	}

	quotaOf(operationId: string): number {
		return this.quotas[operationId] ?? 1000;
	}

	/**
	 * The Until header has whole-second precision (RFC 822), so windows end on a whole second: a client that
	 * waits until the advertised time must find the window really over.
	 */
	private endOf(start: number): number {
		return Math.ceil((start + this.windowMs) / 1000) * 1000;
	}

	private current(key: string, now: number): Window {
		let w = this.windows.get(key);
		if (!w || now >= this.endOf(w.start)) {
			w = { start: now, count: 0 };
			this.windows.set(key, w);
		}
		return w;
	}

	/** Counts the request up front so concurrent requests cannot overshoot the quota together. */
	take(businessId: string, operationId: string, now = Date.now()): QuotaDecision {
		const key = `${businessId}|${operationId}`;
		const w = this.current(key, now);
		const limit = this.quotaOf(operationId);
		const until = this.endOf(w.start);
		if (w.count >= limit) return { allowed: false, limit, remaining: 0, until };
		w.count += 1;
		return {
			allowed: true,
			limit,
			remaining: limit - w.count,
			until,
			counted: { key, start: w.start },
		};
	}

	/** Headers for answers that are not attributed to a business (no or bad key). */
	peek(operationId: string, now = Date.now()): QuotaDecision {
		const limit = this.quotaOf(operationId);
		return { allowed: true, limit, remaining: limit, until: this.endOf(now) };
	}

	refund(counted: { key: string; start: number } | undefined): void {
		if (!counted) return;
		const w = this.windows.get(counted.key);
		if (w && w.start === counted.start && w.count > 0) w.count -= 1;
	}

	acquireParallel(businessId: string): boolean {
		const n = this.inFlight.get(businessId) ?? 0;
		if (n >= this.parallelLimit) return false;
		this.inFlight.set(businessId, n + 1);
		this.peakInFlight.set(businessId, Math.max(n + 1, this.peakInFlight.get(businessId) ?? 0));
		return true;
	}

	releaseParallel(businessId: string): void {
		const n = this.inFlight.get(businessId) ?? 0;
		if (n <= 1) this.inFlight.delete(businessId);
		else this.inFlight.set(businessId, n - 1);
	}
}

function definedOnly(q: Partial<Record<string, number>> | undefined): Record<string, number> {
	const out: Record<string, number> = {};
	for (const [k, v] of Object.entries(q ?? {})) if (typeof v === 'number') out[k] = v;
	return out;
}

export function rateLimitHeaders(d: QuotaDecision): Record<string, string> {
	return {
		'X-RateLimit-Resource-Limit': String(d.limit),
		'X-RateLimit-Resource-Remaining': String(d.remaining),
		'X-RateLimit-Resource-Until': new Date(d.until).toUTCString(),
	};
}
