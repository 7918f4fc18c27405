import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { normalizeIdInput } from '../shared/contract';
import { downloadAttachment } from '../transport';

/** Validates a Yandex int64 ID typed or mapped by the user; the error names the field so the user knows what to fix. */
export function requireId(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	const id = normalizeIdInput(value);
	if (id === undefined) {
		const shown =
			value === undefined || value === null || value === '' ? 'nothing' : JSON.stringify(value);
		throw new NodeOperationError(
			this.getNode(),
			`${field} must be a positive integer ID, got ${shown}`,
			{
				itemIndex,
				description: 'Yandex Market IDs are whole numbers greater than zero, for example 12345678.',
			},
		);
	}
	return id;
}

export function getBusinessId(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('businessId', itemIndex, '', { extractValue: true });
	return requireId.call(this, value, 'Business ID', itemIndex);
}

export function getChatId(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('chatId', itemIndex, '', { extractValue: true });
	return requireId.call(this, value, 'Chat ID', itemIndex);
}

export function getOptions(this: IExecuteFunctions, itemIndex: number): IDataObject {
	return this.getNodeParameter('options', itemIndex, {}) as IDataObject;
}

/** The rate-limit wait budget handed to the transport (it waits out 420s up to this long, then fails). */
export function rateLimitWaitMs(options: IDataObject): number {
	const seconds = options.rateLimitWaitSeconds;
	const value =
		typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds : 60;
	return Math.round(value * 1000);
}

/** The chat context (ChatFullContextDTO) as flat fields, so order/return/buyer are one expression away. */
export function flattenContext(context: unknown): IDataObject {
	const ctx = (context ?? {}) as IDataObject;
	const customer = (ctx.customer ?? {}) as IDataObject;
	const flat: IDataObject = { contextType: ctx.type };
	if (ctx.orderId !== undefined) flat.orderId = ctx.orderId;
	if (ctx.returnId !== undefined) flat.returnId = ctx.returnId;
	if (ctx.campaignId !== undefined) flat.campaignId = ctx.campaignId;
	if (customer.name !== undefined) flat.customerName = customer.name;
	if (customer.publicId !== undefined) flat.customerPublicId = customer.publicId;
	return flat;
}

/** A chat (GetChatInfoDTO) as the node outputs it; the deprecated top-level orderId is replaced by the context's. */
export function formatChat(chat: IDataObject, businessId: string, simplify: boolean): IDataObject {
	if (!simplify) return { businessId, ...chat };
	return {
		businessId,
		chatId: chat.chatId,
		type: chat.type,
		status: chat.status,
		...flattenContext(chat.context),
		createdAt: chat.createdAt,
		updatedAt: chat.updatedAt,
	};
}

/** A message (ChatMessageDTO) with the chat it belongs to and, when known, that chat's context. */
export function formatMessage(
	message: IDataObject,
	businessId: string,
	chatId: string,
	context: IDataObject | undefined,
	simplify: boolean,
): IDataObject {
	const contextFields =
		context === undefined ? {} : simplify ? flattenContext(context) : { context };
	return { businessId, chatId, ...contextFields, ...message };
}

function errorText(error: unknown): string {
	if (error instanceof Error) {
		const description = (error as { description?: unknown }).description;
		return typeof description === 'string' && description !== '' && description !== error.message
			? `${error.message}: ${description}`
			: error.message;
	}
	return String(error);
}

/**
 * Downloads a message's attachments (payload[]) into binary properties attachment_0, attachment_1, ...
 * A failed download does not fail the item: the attachment keeps its URL and gets a downloadError.
 */
export async function withAttachments(
	this: IExecuteFunctions,
	json: IDataObject,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const payload = Array.isArray(json.payload) ? (json.payload as IDataObject[]) : [];
	if (payload.length === 0) return { json };
	const binary: INodeExecutionData['binary'] = {};
	const annotated: IDataObject[] = [];
	for (let n = 0; n < payload.length; n++) {
		const attachment = { ...payload[n] };
		const url = typeof attachment.url === 'string' ? attachment.url : '';
		const property = `attachment_${n}`;
		try {
			if (url === '') throw new Error('the attachment has no URL');
			const buffer = await downloadAttachment.call(this, url, itemIndex);
			const name =
				typeof attachment.name === 'string' && attachment.name !== '' ? attachment.name : property;
			binary[property] = await this.helpers.prepareBinaryData(buffer, name);
			attachment.binaryPropertyName = property;
		} catch (error) {
			attachment.downloadError = `Could not download the attachment: ${errorText(error)}`;
		}
		annotated.push(attachment);
	}
	const item: INodeExecutionData = { json: { ...json, payload: annotated } };
	if (Object.keys(binary).length > 0) item.binary = binary;
	return item;
}

export function toItems(records: IDataObject[]): INodeExecutionData[] {
	return records.map((json) => ({ json }));
}

/** undefined means Return All; otherwise the validated Limit. */
export function getLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (this.getNodeParameter('returnAll', itemIndex, false) === true) return undefined;
	const limit = this.getNodeParameter('limit', itemIndex, 50) as number;
	if (!Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(
			this.getNode(),
			`Limit must be a whole number of at least 1, got ${limit}`,
			{
				itemIndex,
			},
		);
	}
	return limit;
}
