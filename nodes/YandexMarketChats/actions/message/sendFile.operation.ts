import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { LIMITS } from '../../shared/contract';
import { chatRLC, optionsCollection, rateLimitWaitOption } from '../../descriptions/common';
import { getChatId, readItemBasics } from '../../helpers/parameters';
import type { ApiMethod } from '../../shared/contract';
import { uploadFile } from '../../transport/api';
import { TOOL_ID_ARGUMENTS } from '../../descriptions/tool';

const MAX_MB = LIMITS.fileMaxBytes / (1024 * 1024);

const properties: INodeProperties[] = [
	chatRLC,
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field containing the file to send',
		description: `The binary field of the input item that holds the file (at most ${MAX_MB} MB)`,
	},
	optionsCollection(
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'e.g. invoice.pdf',
			description: 'The file name the buyer sees. Defaults to the file name of the binary data.',
		},
		{
			displayName: 'MIME Type',
			name: 'mimeType',
			type: 'string',
			default: '',
			placeholder: 'e.g. application/pdf',
			description: 'The content type of the file. Defaults to the MIME type of the binary data.',
		},
		rateLimitWaitOption,
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendFile'] } },
	properties,
);

export const option = {
	name: 'Send File',
	description: 'Send a file (up to 5 MB) from a binary field to the buyer in a chat',
	action: 'Send a file',
};

export const access = 'write';

export const apiMethod = {
	operationId: 'sendFileToChat',
	httpMethod: 'POST',
	path: '/chats/file/send',
	hourlyQuota: 1000,
	doing: 'sending a file',
	repeatable: false,
} as const satisfies ApiMethod;

export const toolDescription =
	"Send a file to the buyer in a Yandex Market chat (at most 5 MB); the file comes from the workflow item's binary data, not from the model. " +
	`Arguments: ${TOOL_ID_ARGUMENTS} ` +
	'Returns { success: true, businessId, chatId, fileName, mimeType, size }.';

function formatSize(bytes: number): string {
	return `${(bytes / (1024 * 1024)).toFixed(2)} MB (${bytes} bytes)`;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { businessId, options, maxRateLimitWaitMs } = readItemBasics.call(this, i);
	const chatId = getChatId.call(this, i);
	const property = String(this.getNodeParameter('binaryPropertyName', i, 'data')).trim();
	const binaryData = this.helpers.assertBinaryData(i, property);
	// Reads through the binary data service, so it also works in filesystem/database/S3 binary modes.
	const file = await this.helpers.getBinaryDataBuffer(i, property);
	if (file.length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			`The file in binary field "${property}" is empty`,
			{
				itemIndex: i,
			},
		);
	}
	if (file.length > LIMITS.fileMaxBytes) {
		throw new NodeOperationError(
			this.getNode(),
			`The file is too big: ${formatSize(file.length)}, Yandex Market accepts at most ${MAX_MB} MB`,
			{ itemIndex: i },
		);
	}
	const overrideName = typeof options.fileName === 'string' ? options.fileName.trim() : '';
	const overrideType = typeof options.mimeType === 'string' ? options.mimeType.trim() : '';
	const fallbackName = binaryData.fileExtension ? `file.${binaryData.fileExtension}` : 'file';
	const fileName = overrideName || binaryData.fileName || fallbackName;
	const mimeType = overrideType || binaryData.mimeType || 'application/octet-stream';
	await uploadFile.call(this, {
		apiMethod,
		businessId,
		chatId,
		file,
		fileName,
		mimeType,
		itemIndex: i,
		maxRateLimitWaitMs,
	});
	return [{ json: { success: true, businessId, chatId, fileName, mimeType, size: file.length } }];
}
