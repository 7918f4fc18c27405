import type { INodeProperties } from 'n8n-workflow';

/**
 * What an AI agent reads about Yandex Market Chats Tool. n8n sends the tool description to the model as is, and the
 * editor's "let the model define this parameter" button names the arguments after the fields (Business, Chat,
 * Text, ...) without describing them, so each operation's default description (its `toolDescription` export) says
 * what it does, what every argument is and what comes back. Only the tool variant shows it (`@tool`); with a
 * parameter of this name n8n does not add its generic one, whose automatic text would only be the operation's name.
 * The phrases below are shared by several operations' descriptions.
 */
export const TOOL_BUSINESS_ARGUMENT =
	'Business: the business (cabinet) ID, digits only, e.g. 10001 (the businessId of a Yandex Market Chats Trigger item).';

export const TOOL_ID_ARGUMENTS = `${TOOL_BUSINESS_ARGUMENT} Chat: the chat ID, digits only (the chatId of the trigger item, or of a chat from Get Many).`;

export const TOOL_SENDER_VALUES =
	'sender is CUSTOMER (the buyer), PARTNER (the seller, i.e. this shop), MARKET (an automatic Yandex Market message) or SUPPORT (Yandex Market support)';

/** The Tool Description parameter of one operation, shown only in the tool variant. */
export function toolDescriptionProperty(
	resource: string,
	operation: string,
	text: string,
): INodeProperties {
	return {
		displayName: 'Tool Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 4 },
		default: text,
		description:
			'What the AI agent reads about this tool: what it does, its arguments and what it returns',
		displayOptions: { show: { '@tool': [true], resource: [resource], operation: [operation] } },
	};
}
