import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { errorDetails } from '../helpers/errors';
import * as chat from './chat';
import * as message from './message';
import type { YandexMarketChatsOperations, YandexMarketChatsType } from './node.type';

type Operation = (this: IExecuteFunctions, i: number) => Promise<INodeExecutionData[]>;

/** Typed from the resource/operation map, so an operation without an implementation does not compile. */
const OPERATIONS: {
	[R in keyof YandexMarketChatsOperations]: Record<YandexMarketChatsOperations[R], Operation>;
} = {
	chat: {
		get: chat.get.execute,
		getAll: chat.getAll.execute,
		create: chat.create.execute,
		getHistory: chat.getHistory.execute,
	},
	message: {
		get: message.get.execute,
		send: message.send.execute,
		sendFile: message.sendFile.execute,
	},
};

function operationFor(resource: string, operation: string): Operation | undefined {
	const operations = (OPERATIONS as Record<string, Record<string, Operation> | undefined>)[
		resource
	];
	return operations && Object.prototype.hasOwnProperty.call(operations, operation)
		? operations[operation]
		: undefined;
}

/**
 * Runs the items one after another, never in parallel: Yandex allows only a few concurrent requests per business
 * and counts hourly quotas, and sends must reach the buyer in input order.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];

	for (let i = 0; i < items.length; i++) {
		const resource = this.getNodeParameter('resource', i) as YandexMarketChatsType['resource'];
		const operation = this.getNodeParameter('operation', i) as string;
		const run = operationFor(resource, operation);
		try {
			if (run === undefined) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" is not supported for resource "${resource}"`,
					{ itemIndex: i },
				);
			}
			const output = await run.call(this, i);
			returnData.push(
				...this.helpers.constructExecutionMetaData(output, { itemData: { item: i } }),
			);
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push({ json: { error: errorDetails(error).message }, pairedItem: { item: i } });
				continue;
			}
			const failure =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
			if (failure.context.itemIndex === undefined) failure.context.itemIndex = i;
			throw failure;
		}
	}

	return [returnData];
}
