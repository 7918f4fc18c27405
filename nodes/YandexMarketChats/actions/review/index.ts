import type { OperationModule } from '../operation';
import { buildOperationProperty, collectParameters } from '../operation';
import * as deleteComment from './deleteComment.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getComment from './getComment.operation';
import * as getComments from './getComments.operation';
import * as reply from './reply.operation';
import * as replyToComment from './replyToComment.operation';
import * as skipReaction from './skipReaction.operation';
import * as updateComment from './updateComment.operation';

/** The Review resource (product reviews, "goods feedback"): each key is an Operation value. */
export const operations = {
	get,
	getAll,
	getComments,
	getComment,
	reply,
	replyToComment,
	updateComment,
	deleteComment,
	skipReaction,
} satisfies Record<string, OperationModule>;

export const operationProperty = buildOperationProperty('review', operations, 'getAll');

export const description = collectParameters(operations);
