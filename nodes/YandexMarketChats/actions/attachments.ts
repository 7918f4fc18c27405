import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { errorText } from '../helpers/errors';
import { downloadAttachment } from '../transport/api';

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
