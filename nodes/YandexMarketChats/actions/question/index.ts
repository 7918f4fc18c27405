import type { OperationModule } from '../operation';
import { buildOperationProperty, collectParameters } from '../operation';
import * as answer from './answer.operation';
import * as comment from './comment.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getAnswer from './getAnswer.operation';
import * as getAnswers from './getAnswers.operation';
import * as update from './update.operation';

/** The Question resource (buyers' product questions): each key is an Operation value. */
export const operations = {
	get,
	getAll,
	getAnswers,
	getAnswer,
	answer,
	comment,
	update,
	delete: del,
} satisfies Record<string, OperationModule>;

export const operationProperty = buildOperationProperty('question', operations, 'getAll');

export const description = collectParameters(operations);
