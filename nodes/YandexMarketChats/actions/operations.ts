/**
 * Every operation of the action node, from the resources' indexes, and what is derived from their exports: the
 * lookup the router uses, the methods' quotas for the sandbox and the spec tests, and the methods by name for the
 * callers that name them (the triggers and the editor's lists, through actions/calls.ts). Nothing in here is
 * written per operation: adding one touches its own file and its resource's index.
 */
import type { ApiMethod } from '../shared/contract';
import { OTHER_HOURLY_QUOTAS } from '../shared/contract';
import * as chat from './chat';
import * as message from './message';
import * as question from './question';
import * as review from './review';
import type { OperationModule } from './operation';

export const RESOURCES = {
	chat: chat.operations,
	message: message.operations,
	review: review.operations,
	question: question.operations,
};

type Resources = typeof RESOURCES;
export type ResourceName = keyof Resources;
/** Every resource and its operations (the `value`s of the Resource and Operation parameters). */
export type OperationNames = { [R in ResourceName]: keyof Resources[R] & string };
type AnyOperation = { [R in ResourceName]: Resources[R][keyof Resources[R]] }[ResourceName];
/** The spec's operationId of every method an operation calls. */
export type ApiMethodName = AnyOperation['apiMethod']['operationId'];

export interface OperationEntry {
	resource: ResourceName;
	operation: string;
	module: OperationModule;
}

export const OPERATION_LIST: readonly OperationEntry[] = Object.entries(RESOURCES).flatMap(
	([resource, operations]) =>
		Object.entries(operations as Record<string, OperationModule>).map(([operation, module]) => ({
			resource: resource as ResourceName,
			operation,
			module,
		})),
);

/** The operation of a Resource/Operation pair, or undefined for a pair the node does not have. */
export function operationFor(resource: string, operation: string): OperationModule | undefined {
	return OPERATION_LIST.find((o) => o.resource === resource && o.operation === operation)?.module;
}

const API_METHODS = new Map<string, ApiMethod>(
	OPERATION_LIST.map(({ module }) => [module.apiMethod.operationId, module.apiMethod]),
);

/** The method an operation declares, by the spec's operationId. */
export function apiMethodNamed(name: ApiMethodName): ApiMethod {
	const method = API_METHODS.get(name);
	if (!method) throw new Error(`No operation calls the Yandex method ${name}`);
	return method;
}

/** Calls per hour per business of every method the package calls (the sandbox enforces them). */
export const HOURLY_QUOTAS: Readonly<Record<string, number>> = {
	...Object.fromEntries([...API_METHODS].map(([name, method]) => [name, method.hourlyQuota])),
	...OTHER_HOURLY_QUOTAS,
};
