import { mockDeep } from 'jest-mock-extended';
import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';
import { readParameter } from './parameters';

export const NODE: INode = {
	id: 'node-1',
	name: 'Yandex Market Chats',
	type: 'n8n-nodes-yandex-market.yandexMarketChats',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export function rl(value: string, mode = 'id'): IDataObject {
	return { __rl: true, mode, value };
}

/**
 * An IExecuteFunctions mock (Confluence style): getNodeParameter honours the fallback and extractValue, items can carry
 * per-item parameters, and the item helpers have their real behaviour (pairedItem included).
 */
export function mockExecuteCtx(
	params: IDataObject,
	opts: {
		items?: INodeExecutionData[];
		itemParams?: Record<number, IDataObject>;
		continueOnFail?: boolean;
	} = {},
) {
	const ctx = mockDeep<IExecuteFunctions>();
	const items: INodeExecutionData[] = opts.items ?? [{ json: {} }];
	ctx.getNode.mockReturnValue(NODE);
	ctx.getInputData.mockReturnValue(items);
	ctx.continueOnFail.mockReturnValue(opts.continueOnFail === true);
	ctx.getNodeParameter.mockImplementation(((
		name: string,
		i: number,
		fallback?: unknown,
		options?: { extractValue?: boolean },
	) => {
		const merged = { ...params, ...(opts.itemParams?.[i] ?? {}) };
		return readParameter(merged, name, fallback, options);
	}) as unknown as IExecuteFunctions['getNodeParameter']);
	ctx.helpers.constructExecutionMetaData.mockImplementation((data, { itemData }) =>
		data.map((d) => ({ ...d, pairedItem: itemData })),
	);
	ctx.helpers.returnJsonArray.mockImplementation((data) =>
		(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
	);
	ctx.helpers.assertBinaryData.mockImplementation(((i: number, prop: string) => {
		const binary = items[i]?.binary?.[prop];
		if (!binary) throw new Error(`This item has no binary property named "${prop}"`);
		return binary;
	}) as unknown as IExecuteFunctions['helpers']['assertBinaryData']);
	ctx.helpers.getBinaryDataBuffer.mockImplementation((async (i: number, prop: string) => {
		const binary = items[i]?.binary?.[prop];
		if (!binary) throw new Error(`This item has no binary property named "${prop}"`);
		return Buffer.from(binary.data, 'base64');
	}) as unknown as IExecuteFunctions['helpers']['getBinaryDataBuffer']);
	ctx.helpers.prepareBinaryData.mockImplementation(
		async (data, fileName, mimeType): Promise<IBinaryData> => ({
			data: Buffer.isBuffer(data) ? data.toString('base64') : '',
			mimeType: mimeType ?? 'application/octet-stream',
			fileName,
		}),
	);
	return ctx;
}

export function binaryItem(
	content: Buffer,
	meta: Partial<IBinaryData> = {},
	prop = 'data',
): INodeExecutionData {
	return {
		json: {},
		binary: {
			[prop]: { data: content.toString('base64'), mimeType: 'application/octet-stream', ...meta },
		},
	};
}
