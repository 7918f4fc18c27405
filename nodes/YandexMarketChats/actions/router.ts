import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorDetails, toNodeError } from '../helpers/errors';
import { parallelRequests } from '../helpers/parameters';
import { openExecutionScope } from '../transport';
import type { OperationModule } from './operation';
import { operationFor } from './operations';

interface ItemRun {
	resource: string;
	operation: string;
	/** undefined for a Resource/Operation pair the node does not have. */
	module?: OperationModule;
}

/** Runs one item's operation; its output carries pairedItem, its error the item index. */
async function runItem(this: IExecuteFunctions, run: ItemRun, i: number) {
	try {
		if (run.module === undefined) {
			throw new NodeOperationError(
				this.getNode(),
				`The operation "${run.operation}" is not supported for resource "${run.resource}"`,
				{ itemIndex: i },
			);
		}
		const output = await run.module.execute.call(this, i);
		return this.helpers.constructExecutionMetaData(output, { itemData: { item: i } });
	} catch (error) {
		if (this.continueOnFail()) {
			return [{ json: { error: errorDetails(error).message }, pairedItem: { item: i } }];
		}
		const failure = toNodeError(this.getNode(), error);
		if (failure.context.itemIndex === undefined) failure.context.itemIndex = i;
		throw failure;
	}
}

/**
 * Runs every item and assembles the output in input order with pairedItem. Reads overlap up to Parallel Requests
 * (Yandex allows 4 parallel requests per cabinet; the transport's gate also narrows after a "parallel requests"
 * 420); everything else runs one item after another. The base URL is read from the credential once per run.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const runs: ItemRun[] = items.map((_item, i) => {
		const resource = this.getNodeParameter('resource', i) as string;
		const operation = this.getNodeParameter('operation', i) as string;
		return { resource, operation, module: operationFor(resource, operation) };
	});
	// Only reads overlap: sends and Create Chat run one at a time in input order (see OperationModule.access).
	const concurrent = items.length > 1 && runs.every((run) => run.module?.access === 'read');
	const parallel = concurrent ? parallelRequests.call(this) : 1;
	openExecutionScope(this, { parallelRequests: parallel });

	const outputs: INodeExecutionData[][] = new Array<INodeExecutionData[]>(items.length);
	const task = async (i: number): Promise<void> => {
		outputs[i] = await runItem.call(this, runs[i], i);
	};
	if (parallel === 1) {
		for (let i = 0; i < items.length; i++) await task(i);
	} else {
		await inOrderPool(items.length, parallel, task);
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
