import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { LIMITS } from '../../shared/contract';
import { chatRLC, optionsCollection, rateLimitWaitOption } from '../../descriptions/common';
import { getChatId, readItemBasics } from '../../helpers/parameters';
import type { ApiMethod } from '../../shared/contract';
import { callMethod } from '../../transport/api';
import { TOOL_ID_ARGUMENTS } from '../../descriptions/tool';

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

export const option = {
	name: 'Send',
	description: 'Send a text message to the buyer in a chat',
	action: 'Send a message',
};

export const access = 'write';

export const apiMethod = {
	operationId: 'sendMessageToChat',
	httpMethod: 'POST',
	path: '/chats/message',
	hourlyQuota: 1000,
	doing: 'sending a message',
	repeatable: false,
} as const satisfies ApiMethod;

export const toolDescription =
	'Send a text message to the buyer in a Yandex Market chat. The buyer sees it at once and it cannot be taken back: send one complete answer, once. ' +
	`Arguments: ${TOOL_ID_ARGUMENTS} Text: the message, plain text, 1 to 4096 characters. ` +
	'Returns { success: true, businessId, chatId, message }.';

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { businessId, maxRateLimitWaitMs } = readItemBasics.call(this, i);
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
	await callMethod.call(this, {
		apiMethod,
		businessId,
		qs: { chatId },
		body: { message: text },
		itemIndex: i,
		maxRateLimitWaitMs,
	});
	// Yandex answers {"status":"OK"} with no message ID: report what was sent and where instead.
	return [{ json: { success: true, businessId, chatId, message: text } }];
}
