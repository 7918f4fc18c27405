/** The official spec subset (spec/), read the way the contract and operation tests compare against it. */
import chatsSpec from '../../spec/yandex-market-chats.openapi.json';
import feedbackSpec from '../../spec/yandex-market-feedback-questions.openapi.json';

export interface SpecOperation {
	operationId?: string;
	'x-auth-scopes'?: string[];
	'x-resource-limit-config'?: Record<string, { amount?: number; period?: string }>;
}

/** Every operation of the official spec subsets (chats; reviews and questions), by operationId. */
export const SPEC_OPERATIONS = new Map<string, SpecOperation>();
for (const spec of [chatsSpec, feedbackSpec] as Array<{ paths: unknown }>) {
	for (const methods of Object.values(spec.paths as Record<string, Record<string, unknown>>)) {
		for (const op of Object.values(methods) as SpecOperation[]) {
			if (op && typeof op === 'object' && op.operationId) SPEC_OPERATIONS.set(op.operationId, op);
		}
	}
}

/** Scope names as the spec writes them ("all-methods:read-only") to the names auth/token returns. */
export const scopeName = (s: string) => s.toUpperCase().replace(/[-:]/g, '_');
