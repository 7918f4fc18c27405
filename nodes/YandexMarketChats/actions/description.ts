import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import * as chat from './chat';
import * as message from './message';
import * as question from './question';
import * as review from './review';
import { businessRLC } from '../descriptions/common';
import { toolDescriptionProperty } from '../descriptions/tool';
import { OPERATION_LIST } from './operations';

/**
 * The node's parameters. The class description itself stays in YandexMarketChats.node.ts because n8n's lint rules
 * (icon-validation, node-filename-against-convention, node-usable-as-tool) only read it there.
 */
const resource: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Chat', value: 'chat' },
		{ name: 'Message', value: 'message' },
		{ name: 'Question', value: 'question' },
		{ name: 'Review', value: 'review' },
	],
	default: 'chat',
};

/** One Tool Description parameter per operation, from the operations' own texts. */
export const toolDescriptionProperties: INodeProperties[] = OPERATION_LIST.map(
	({ resource, operation, module }) =>
		toolDescriptionProperty(resource, operation, module.toolDescription),
);

export const properties: INodeProperties[] = [
	resource,
	chat.operationProperty,
	message.operationProperty,
	review.operationProperty,
	question.operationProperty,
	...toolDescriptionProperties,
	businessRLC,
	...chat.description,
	...message.description,
	...review.description,
	...question.description,
];

/**
 * The canvas subtitle in words ("Get Many: Chat"), not n8n's usual `operation: resource` values ("getAll: chat").
 * Built from the option names above so it cannot drift; unknown pairs (Custom API Call) fall back to the values.
 */
export function subtitleExpression(): string {
	const operations: Record<string, INodeProperties> = {
		chat: chat.operationProperty,
		message: message.operationProperty,
		review: review.operationProperty,
		question: question.operationProperty,
	};
	const words: Record<string, string> = {};
	for (const r of resource.options as INodePropertyOptions[]) {
		for (const op of (operations[String(r.value)]?.options ?? []) as INodePropertyOptions[]) {
			words[`${r.value}:${op.value}`] = `${op.name}: ${r.name}`;
		}
	}
	const key = '$parameter["resource"] + ":" + $parameter["operation"]';
	return `={{ ${JSON.stringify(words)}[${key}] || $parameter["operation"] + ": " + $parameter["resource"] }}`;
}
