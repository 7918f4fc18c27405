import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { errorDetails } from '../helpers/errors';
import { parallelRequests } from '../helpers/parameters';
import { openExecutionScope } from '../transport';
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
 * Operations that only read: their items may overlap. Sends (message, file) and Create Chat run one at a time in
 * input order, because the buyer must see messages in that order and a send is never repeated after a failure.
 */
const READS: ReadonlySet<string> = new Set([
	'chat:get',
	'chat:getAll',
	'chat:getHistory',
	'message:get',
]);

/**
 * Runs every item and assembles the output in input order with pairedItem. Reads overlap up to Parallel Requests
 * (Yandex allows 4 parallel requests per cabinet; the transport's gate also narrows after a "parallel requests"
 * 420); everything else runs one item after another. The base URL is read from the credential once per run.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const runs = items.map((_item, i) => {
		const resource = this.getNodeParameter('resource', i) as YandexMarketChatsType['resource'];
		const operation = this.getNodeParameter('operation', i) as string;
		return { resource, operation, run: operationFor(resource, operation) };
	});
	const concurrent =
		items.length > 1 && runs.every((r) => READS.has(`${r.resource}:${r.operation}`));
	const parallel = concurrent ? parallelRequests.call(this) : 1;
	openExecutionScope(this, { parallelRequests: parallel });

	const outputs: INodeExecutionData[][] = new Array<INodeExecutionData[]>(items.length);
	const runItem = async (i: number): Promise<void> => {
		const { resource, operation, run } = runs[i];
		try {
			if (run === undefined) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" is not supported for resource "${resource}"`,
					{ itemIndex: i },
				);
			}
			const output = await run.call(this, i);
			outputs[i] = this.helpers.constructExecutionMetaData(output, { itemData: { item: i } });
		} catch (error) {
			if (this.continueOnFail()) {
				outputs[i] = [{ json: { error: errorDetails(error).message }, pairedItem: { item: i } }];
				return;
			}
			const failure =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
			if (failure.context.itemIndex === undefined) failure.context.itemIndex = i;
			throw failure;
		}
	};

	if (parallel === 1) {
		for (let i = 0; i < items.length; i++) await runItem(i);
	} else {
		await inOrderPool(items.length, parallel, runItem);
	}
	return [outputs.flat()];
}

/**
 * Runs `task(0..count-1)` with at most `width` running at once, starting them in index order. After a failure no
 * new index starts, the running ones finish, and the failure of the lowest index is thrown: the same error a
 * one-by-one run would have stopped at, since every lower index had started.
 */
async function inOrderPool(
	count: number,
	width: number,
	task: (index: number) => Promise<void>,
): Promise<void> {
	let next = 0;
	const failures: Array<{ index: number; error: unknown }> = [];
	const worker = async (): Promise<void> => {
		while (failures.length === 0 && next < count) {
			const index = next++;
			try {
				await task(index);
			} catch (error) {
				failures.push({ index, error });
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(width, count) }, async () => await worker()));
	if (failures.length > 0) {
		throw failures.reduce((low, f) => (f.index < low.index ? f : low)).error;
	}
}
