import type { OperationModule } from '../operation';
import { buildOperationProperty, collectParameters } from '../operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getHistory from './getHistory.operation';

/** The Chat resource: each key is an Operation value, each module everything about that operation. */
export const operations = { get, getAll, create, getHistory } satisfies Record<
	string,
	OperationModule
>;

export const operationProperty = buildOperationProperty('chat', operations, 'getAll');

export const description = collectParameters(operations);
