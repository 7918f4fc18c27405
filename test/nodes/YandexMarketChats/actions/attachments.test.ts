import { withAttachments } from '../../../../nodes/YandexMarketChats/actions/attachments';
import * as api from '../../../../nodes/YandexMarketChats/transport/api';
import { mockExecuteCtx } from '../../../helpers/executeContext';

jest.mock('../../../../nodes/YandexMarketChats/transport/api');
const calls = jest.mocked(api);

function ctx() {
	const c = mockExecuteCtx({});
	c.helpers.prepareBinaryData.mockImplementation(async (buffer, name) => ({
		data: buffer.toString('base64'),
		mimeType: 'application/octet-stream',
		fileName: name,
	}));
	return c;
}

describe('withAttachments', () => {
	it('leaves a message without attachments as it is', async () => {
		const json = { messageId: '1', payload: [] };
		expect(await withAttachments.call(ctx(), json, 0)).toEqual({ json });
		expect(calls.downloadAttachment).not.toHaveBeenCalled();
	});

	it('downloads each attachment into attachment_<n> and names the property in the payload', async () => {
		calls.downloadAttachment.mockResolvedValue(Buffer.from('x'));
		const json = {
			payload: [
				{ name: 'a.pdf', url: 'https://files/a', size: 1 },
				{ name: '', url: 'https://files/b', size: 1 },
			],
		};
		const item = await withAttachments.call(ctx(), json, 3);
		expect(calls.downloadAttachment.mock.calls).toEqual([
			['https://files/a', 3],
			['https://files/b', 3],
		]);
		expect(Object.keys(item.binary ?? {})).toEqual(['attachment_0', 'attachment_1']);
		expect(item.binary?.attachment_1.fileName).toBe('attachment_1');
		expect(item.json.payload).toEqual([
			{ ...json.payload[0], binaryPropertyName: 'attachment_0' },
			{ ...json.payload[1], binaryPropertyName: 'attachment_1' },
		]);
	});

	it('keeps a failed or URL-less attachment with a downloadError instead of failing the item', async () => {
		calls.downloadAttachment.mockRejectedValue(new Error('HTTP 500'));
		const json = { payload: [{ name: 'a', url: 'https://files/a' }, { name: 'b' }] };
		const item = await withAttachments.call(ctx(), json, 0);
		expect(item.binary).toBeUndefined();
		expect(item.json.payload).toEqual([
			{
				name: 'a',
				url: 'https://files/a',
				downloadError: 'Could not download the attachment: HTTP 500',
			},
			{ name: 'b', downloadError: 'Could not download the attachment: the attachment has no URL' },
		]);
	});
});
