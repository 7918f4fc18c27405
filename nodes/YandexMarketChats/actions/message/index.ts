import type { OperationModule } from '../operation';
import { buildOperationProperty, collectParameters } from '../operation';
import * as get from './get.operation';
import * as send from './send.operation';
import * as sendFile from './sendFile.operation';

/** The Message resource: each key is an Operation value, each module everything about that operation. */
export const operations = { get, send, sendFile } satisfies Record<string, OperationModule>;

export const operationProperty = buildOperationProperty('message', operations, 'send');

export const description = collectParameters(operations);
