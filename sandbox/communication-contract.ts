/**
 * What the sandbox needs to know about the review (goods feedback) and product question methods, read from the
 * official spec (spec/yandex-market-feedback-questions.openapi.json) wherever the spec says it: operations, scopes,
 * per-tariff hourly quotas. The rest (date windows, text rules) comes from the spec's descriptions, which only
 * exist as Russian prose; the reading we follow is written next to each rule below.
 */
import { readFileSync } from 'node:fs';
import {
	COMMUNICATION_LIMITS as NODE_LIMITS,
	monthsBefore,
} from '../nodes/YandexMarketChats/shared/communication';
import { FEEDBACK_SPEC_PATH } from './validation';

export const REVIEW_OPERATIONS = [
	'getGoodsFeedbacks',
	'getGoodsFeedbackComments',
	'updateGoodsFeedbackComment',
	'deleteGoodsFeedbackComment',
	'skipGoodsFeedbacksReaction',
	'getGoodsFeedbacksUrbanads',
] as const;
export const QUESTION_OPERATIONS = [
	'getGoodsQuestions',
	'getGoodsQuestionAnswers',
	'updateGoodsQuestionTextEntity',
] as const;
export type CommunicationOperation =
	| (typeof REVIEW_OPERATIONS)[number]
	| (typeof QUESTION_OPERATIONS)[number];
export const COMMUNICATION_OPERATIONS: readonly CommunicationOperation[] = [
	...REVIEW_OPERATIONS,
	...QUESTION_OPERATIONS,
];

/** Yandex's tariffs in x-resource-limit-config; `none` is the lower one and the sandbox's default. */
export const TARIFFS = ['none', 'medium'] as const;
export type Tariff = (typeof TARIFFS)[number];

interface SpecOperation {
	operationId: string;
	'x-auth-scopes'?: string[];
	'x-allowed'?: string[];
	'x-resource-limit-config'?: Record<string, { amount: number; period: string } | string>;
}

let opsCache: Map<string, SpecOperation> | undefined;
function specOperationsById(): Map<string, SpecOperation> {
	if (!opsCache) {
		const spec = JSON.parse(readFileSync(FEEDBACK_SPEC_PATH, 'utf8')) as {
			paths: Record<string, Record<string, SpecOperation>>;
		};
		opsCache = new Map();
		for (const item of Object.values(spec.paths))
			for (const op of Object.values(item)) opsCache.set(op.operationId, op);
	}
	return opsCache;
}

/** Hourly quota per method for a tariff, straight from x-resource-limit-config. */
export function communicationQuotas(
	tariff: Tariff = 'none',
): Record<CommunicationOperation, number> {
	const out = {} as Record<CommunicationOperation, number>;
	for (const id of COMMUNICATION_OPERATIONS) {
		const limit = specOperationsById().get(id)?.['x-resource-limit-config']?.[tariff];
		if (!limit || typeof limit === 'string' || limit.period !== 'hours')
			throw new Error(`the spec gives no hourly ${tariff} limit for ${id}`);
		out[id] = limit.amount;
	}
	return out;
}

/** x-auth-scopes as the scope names POST /v2/auth/token reports (communication -> COMMUNICATION). */
export function acceptedScopes(operationId: string): string[] | undefined {
	const scopes = specOperationsById().get(operationId)?.['x-auth-scopes'];
	return scopes?.map((s) => s.toUpperCase().replace(/[-:]/g, '_'));
}

/** x-allowed: the kinds of cabinet that may call the method (seller, urbanads, market-yandex-go). */
export function allowedCabinets(operationId: string): string[] {
	return specOperationsById().get(operationId)?.['x-allowed'] ?? [];
}

/**
 * The node's limits (nodes/YandexMarketChats/shared/communication.ts, where the rules are written once), plus what
 * only the sandbox needs.
 */
export const COMMUNICATION_LIMITS = {
	...NODE_LIMITS,
	pageDefault: 25,
	/** CommentDTO lists embedded in an answer: at most 100 */
	answerCommentsMax: 100,
} as const;

export { monthsBefore };
