import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { LIMITS } from '../../shared/contract';
import { chatRLC, optionsCollection, rateLimitWaitOption } from '../../descriptions/common';
import { getBusinessId, getChatId, getOptions, rateLimitWaitMs } from '../../helpers/parameters';
import { yandexApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	chatRLC,
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		description: `The message text the buyer will see, 1 to ${LIMITS.messageMaxLength} characters`,
	},
	optionsCollection(rateLimitWaitOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['send'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const businessId = getBusinessId.call(this, i);
	const chatId = getChatId.call(this, i);
	const raw = this.getNodeParameter('text', i, '') as unknown;
	const text = typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw);
	// Checked here because a rejected send still costs one of the 1,000 sends per hour.
	if (text.trim().length < LIMITS.messageMinLength) {
		throw new NodeOperationError(
			this.getNode(),
			'Text is empty: a message needs at least 1 character',
			{
				itemIndex: i,
			},
		);
	}
	if (text.length > LIMITS.messageMaxLength) {
		throw new NodeOperationError(
			this.getNode(),
			`Text is too long: ${text.length} characters, Yandex Market accepts at most ${LIMITS.messageMaxLength}`,
			{ itemIndex: i, description: 'Shorten the text or split it into several messages.' },
		);
	}
	const options = getOptions.call(this, i);
	await yandexApiRequest.call(this, {
		endpoint: 'sendMessageToChat',
		businessId,
		qs: { chatId },
		body: { message: text },
		itemIndex: i,
		maxRateLimitWaitMs: rateLimitWaitMs(options),
	});
	// Yandex answers {"status":"OK"} with no message ID: report what was sent and where instead.
	return [{ json: { success: true, businessId, chatId, message: text } }];
}
