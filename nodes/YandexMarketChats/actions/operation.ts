import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ApiMethod } from '../shared/contract';

/**
 * Everything about one operation of the action node: what its <op>.operation.ts exports. The resource's index
 * checks each module against this type (`satisfies`), so an operation missing a piece does not compile, and the
 * router, the Operation lists, the tool descriptions, the read/write policy, the error wording and the quotas are
 * all derived from these exports (actions/operations.ts).
 */
export interface OperationModule {
	/** Its entry in the Operation list: the name, a one-line description and n8n's action label. */
	readonly option: { name: string; description: string; action: string };
	/** Its parameters, each shown only for its resource and operation (updateDisplayOptions). */
	readonly description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]>;
	/**
	 * 'read': items may overlap up to Parallel Requests. 'write': items run one at a time in input order, because
	 * the buyer must see messages in that order and a send is never repeated after a failure.
	 */
	readonly access: 'read' | 'write';
	/** What an AI agent reads about the operation as a tool (the wording rules are in descriptions/tool.ts). */
	readonly toolDescription: string;
	/** The Yandex method it calls. */
	readonly apiMethod: ApiMethod;
}

/** The Operation parameter of a resource: its operations' options, sorted by name as n8n's lint rules want. */
export function buildOperationProperty(
	resource: string,
	operations: Record<string, OperationModule>,
	defaultOperation: string,
): INodeProperties {
	const options = Object.entries(operations)
		.map(([value, { option }]) => ({
			name: option.name,
			value,
			description: option.description,
			action: option.action,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOperation,
	};
}

/** The parameters of all of a resource's operations. */
export function collectParameters(operations: Record<string, OperationModule>): INodeProperties[] {
	return Object.values(operations).flatMap((operation) => operation.description);
}
