/** The mutable state one sandbox instance shares between the Yandex API, the control API and the notifier. */
import type { FaultRegistry } from './faults';
import type { RateLimiter } from './limits';
import type { Notifier } from './notifier';
import type { Store } from './store';

export interface RequestRecord {
	id: number;
	at: string;
	method: string;
	path: string;
	query: Record<string, unknown>;
	/** lower-case names; Api-Key redacted to its last 4 characters */
	headers: Record<string, string | string[] | undefined>;
	/** JSON body with every *Id field as a decimal string (parsed keeping int64 digits exact) */
	body?: unknown;
	/** the JSON body exactly as sent (first 64 KB), to assert on the wire format of IDs */
	rawBody?: string;
	multipart?: { fieldName: string; fileName: string; mimeType: string; size: number };
	operationId: string | null;
	valid: boolean;
	validationErrors?: string[];
	/** HTTP status; null when the connection was dropped without an answer */
	status: number | null;
	durationMs?: number;
	/** whether the sandbox's own answer matched the spec (see validateResponses) */
	responseValid?: boolean;
	responseErrors?: string[];
}

export interface SandboxState {
	store: Store;
	limits: RateLimiter;
	faults: FaultRegistry;
	notifier: Notifier;
	requests: RequestRecord[];
	/** http://127.0.0.1:<port>, known once listening; used in attachment URLs */
	baseUrl: string;
	validateResponses: boolean;
	nextRequestId: number;
	reseed(): void;
	log(line: string): void;
}

/** Keeps memory bounded for long demo sessions. */
export const MAX_RECORDED_REQUESTS = 5000;
