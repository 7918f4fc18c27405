/**
 * What one run of the action node shares between its items: the base URL (read from the credential once, not once
 * per request) and the gate that keeps the requests in flight within Yandex's limit of parallel requests per
 * cabinet. Only the action node opens a scope: the poll trigger keeps one context for the whole activation, and a
 * base URL cached there would outlive a credential change.
 */
import type { YandexContext } from './context';

/** A counting semaphore that can only get narrower, never wider, during a run. */
export class RequestGate {
	private active = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(public limit: number) {}

	async acquire(): Promise<void> {
		if (this.active < this.limit) {
			this.active++;
			return;
		}
		// The releasing call hands its slot over without decrementing, so no third call can slip in between.
		await new Promise<void>((resolve) => this.waiting.push(resolve));
	}

	release(): void {
		const next = this.active <= this.limit ? this.waiting.shift() : undefined;
		if (next) next();
		else this.active--;
	}

	/**
	 * Yandex refused a request for "N parallel requests": other workflows use the cabinet too, so this run keeps to
	 * the slots it had in flight when the refusal came (never fewer than one).
	 */
	narrow(): void {
		this.limit = Math.max(1, Math.min(this.limit, this.active));
	}
}

export interface ExecutionScope {
	baseUrl?: Promise<string>;
	gate?: RequestGate;
}

const scopes = new WeakMap<object, ExecutionScope>();

/** Starts the shared state of one node run; `parallelRequests` > 1 lets items' requests overlap up to that many. */
export function openExecutionScope(
	context: YandexContext,
	options: { parallelRequests?: number } = {},
): ExecutionScope {
	const scope: ExecutionScope =
		options.parallelRequests !== undefined && options.parallelRequests > 1
			? { gate: new RequestGate(options.parallelRequests) }
			: {};
	scopes.set(context, scope);
	return scope;
}

export function executionScope(context: YandexContext): ExecutionScope | undefined {
	return scopes.get(context);
}
