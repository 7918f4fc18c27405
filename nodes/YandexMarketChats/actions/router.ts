import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as chat from './chat';
import * as message from './message';
import type { YandexMarketChatsType } from './node.type';

type Operation = (this: IExecuteFunctions, i: number) => Promise<INodeExecutionData[]>;

const OPERATIONS: Record<string, Operation> = {
	'chat:get': chat.get.execute,
	'chat:getAll': chat.getAll.execute,
	'chat:create': chat.create.execute,
	'chat:getHistory': chat.getHistory.execute,
	'message:get': message.get.execute,
	'message:send': message.send.execute,
	'message:sendFile': message.sendFile.execute,
};

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
		const run = OPERATIONS[`${resource}:${operation}`];
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
				returnData.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
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
