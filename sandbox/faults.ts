/**
 * Faults injected on demand so clients can be tested against Yandex's failure modes: error statuses with the
 * bodies Yandex sends, a dropped connection, and slow answers.
 */

/**
 * status: answer with an error status; reset: drop the connection once the request has arrived (the client cannot
 * tell whether it was processed); delay: answer late; hang: never answer, hold the request until the client gives
 * up (a Yandex that stopped responding).
 */
export type FaultKind = 'status' | 'reset' | 'delay' | 'hang';

export interface FaultSpec {
	operationId?: string;
	/** request path (/v2/businesses/10001/chats) or path template (/v2/businesses/{businessId}/chats) */
	path?: string;
	kind: FaultKind;
	status?: number;
	delayMs?: number;
	/** how many matching requests it applies to (default 1) */
	times?: number;
	/**
	 * Instead of `times`: every matching request for this many ms from now. A 420 then advertises the end as
	 * X-RateLimit-Resource-Until, as Yandex does for a quota used up until the window ends.
	 */
	forMs?: number;
	body?: unknown;
}

export interface Fault extends Required<Pick<FaultSpec, 'kind' | 'times'>> {
	id: number;
	operationId?: string;
	path?: string;
	status?: number;
	delayMs?: number;
	body?: unknown;
	used: number;
	/** set for `forMs` faults: when it stops (epoch ms) */
	until?: number;
}

export interface MatchedFaults {
	delayMs: number;
	/** the first status, reset or hang fault, if any */
	terminal?: Fault;
}

export class FaultRegistry {
	private faults: Fault[] = [];
	private nextId = 1;

	add(spec: FaultSpec): Fault {
		if (!['status', 'reset', 'delay', 'hang'].includes(spec.kind))
			throw new Error(`kind must be status, reset, delay or hang`);
		if (
			spec.kind === 'status' &&
			!(typeof spec.status === 'number' && spec.status >= 100 && spec.status <= 599)
		) {
			throw new Error('status faults need a numeric status (100-599)');
		}
		if (spec.kind === 'delay' && !(typeof spec.delayMs === 'number' && spec.delayMs >= 0)) {
			throw new Error('delay faults need delayMs >= 0');
		}
		if (spec.forMs !== undefined && !(Number.isInteger(spec.forMs) && spec.forMs > 0)) {
			throw new Error('forMs must be a whole number of ms > 0');
		}
		const fault: Fault = {
			id: this.nextId++,
			kind: spec.kind,
			times: spec.forMs !== undefined ? Infinity : (spec.times ?? 1),
			...(spec.forMs !== undefined ? { until: Date.now() + spec.forMs } : {}),
			operationId: spec.operationId,
			path: spec.path,
			status: spec.status,
			delayMs: spec.delayMs,
			body: spec.body,
			used: 0,
		};
		this.faults.push(fault);
		return fault;
	}

	list(): Fault[] {
		return this.faults.map((f) => ({ ...f }));
	}

	clear(): void {
		this.faults = [];
	}

	/** Consumes the matching faults for one request: every delay adds up, then at most one status/reset/hang fires. */
	take(operationId: string, path: string, pathTemplate: string, now = Date.now()): MatchedFaults {
		this.faults = this.faults.filter((f) => f.until === undefined || f.until > now);
		const matches = (f: Fault) =>
			(f.operationId === undefined || f.operationId === operationId) &&
			(f.path === undefined || f.path === path || f.path === pathTemplate);
		let delayMs = 0;
		let terminal: Fault | undefined;
		for (const f of this.faults) {
			if (!matches(f) || f.used >= f.times) continue;
			if (f.kind === 'delay') {
				delayMs += f.delayMs ?? 0;
				f.used += 1;
			} else if (!terminal) {
				terminal = f;
				f.used += 1;
			}
		}
		this.faults = this.faults.filter((f) => f.used < f.times);
		return { delayMs, terminal };
	}
}

/** The bodies Yandex sends for these statuses (REFERENCE.md §6.2). */
export function defaultFaultBody(status: number, rateLimitMessage: string): unknown {
	const error = (code: string, message: string) => ({
		status: 'ERROR',
		errors: [{ code, message }],
	});
	switch (status) {
		case 420:
			return error('LIMIT_EXCEEDED', rateLimitMessage);
		case 499:
			return error(
				'CLIENT_CLOSED_REQUEST',
				'Client closed request before the server finished processing it',
			);
		case 500:
			return error(
				'INTERNAL_ERROR',
				'Internal server error. Wait a while and call again; if the error persists, contact support',
			);
		case 503:
			return error(
				'SERVICE_UNAVAILABLE',
				'Service temporarily unavailable. Please, try again later',
			);
		case 400:
			return error('BAD_REQUEST', 'Bad request');
		case 401:
			return error('UNAUTHORIZED', 'Api-Key token is invalid');
		case 403:
			return error('FORBIDDEN', 'Access denied');
		case 404:
			return error('NOT_FOUND', 'Resource not found');
		default:
			return error(
				status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST',
				`Injected sandbox fault (HTTP ${status})`,
			);
	}
}
