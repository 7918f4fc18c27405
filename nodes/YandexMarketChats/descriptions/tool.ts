import type { INodeProperties } from 'n8n-workflow';

/**
 * What an AI agent reads about Yandex Market Chats Tool. n8n sends the tool description to the model as is, and the
 * editor's "let the model define this parameter" button names the arguments after the fields (Business, Chat,
 * Text, ...) without describing them, so each operation's default description says what it does, what every
 * argument is and what comes back. Only the tool variant shows it (`@tool`); with a parameter of this name n8n
 * does not add its generic one, whose automatic text would only be the operation's name.
 */
const IDS =
	'Business: the business (cabinet) ID, digits only, e.g. 10001 (the businessId of a Yandex Market Chats Trigger item). ' +
	'Chat: the chat ID, digits only (the chatId of the trigger item, or of a chat from Get Many).';

const SENDERS =
	'sender is CUSTOMER (the buyer), PARTNER (the seller, i.e. this shop), MARKET (an automatic Yandex Market message) or SUPPORT (Yandex Market support)';

const TOOL_DESCRIPTIONS: Record<string, Record<string, string>> = {
	chat: {
		get:
			'Get one Yandex Market buyer chat: what it is about and where it stands. ' +
			`Arguments: ${IDS} ` +
			'Returns businessId, chatId, type (CHAT, or ARBITRAGE for a dispute), status (WAITING_FOR_PARTNER means the seller must answer; FINISHED means closed), contextType (ORDER, RETURN or DIRECT = a question about a product), orderId, returnId, campaignId (the store), customerName, customerPublicId, createdAt, updatedAt.',
		getAll:
			'List the Yandex Market buyer chats of a business, most recently active first. ' +
			'Arguments: Business: the business (cabinet) ID, digits only, e.g. 10001. Limit: how many chats at most (when the model sets it). ' +
			'Returns one entry per chat: businessId, chatId, type, status (WAITING_FOR_PARTNER = needs an answer), contextType, orderId, returnId, customerName, updatedAt.',
		create:
			'Open a Yandex Market chat with the buyer of an order or a return, or get the chat that is already open for it. ' +
			'Arguments: Business: the business (cabinet) ID, digits only. Order ID: the ID of the order, digits only (for an order chat). Return ID: the ID of the return, digits only (for a return chat). ' +
			'Returns businessId, chatId (use it to send messages), contextType and orderId or returnId.',
		getHistory:
			'Read the messages of a Yandex Market buyer chat: by default the newest ones, in time order (the last one is the latest). ' +
			`Arguments: ${IDS} Limit: how many of the newest messages to read, 1 or more (when the model sets it). ` +
			'Returns the chat once (businessId, chatId, contextType, orderId, returnId, customerName, messageCount, totalMessages) and messages: a list of { messageId, createdAt, sender, message (the text), payload (attachments: name, url, size) }, where ' +
			`${SENDERS}.`,
	},
	message: {
		get:
			'Get one message of a Yandex Market buyer chat by its ID. ' +
			`Arguments: ${IDS} Message ID: digits only (the messageId of the trigger item). ` +
			`Returns businessId, chatId, the chat's order/return and buyer fields, messageId, createdAt, sender, message (the text) and payload (attachments), where ${SENDERS}.`,
		send:
			'Send a text message to the buyer in a Yandex Market chat. The buyer sees it at once and it cannot be taken back: send one complete answer, once. ' +
			`Arguments: ${IDS} Text: the message, plain text, 1 to 4096 characters. ` +
			'Returns { success: true, businessId, chatId, message }.',
		sendFile:
			"Send a file to the buyer in a Yandex Market chat (at most 5 MB); the file comes from the workflow item's binary data, not from the model. " +
			`Arguments: ${IDS} ` +
			'Returns { success: true, businessId, chatId, fileName, mimeType, size }.',
	},
};

export const toolDescriptionProperties: INodeProperties[] = Object.entries(
	TOOL_DESCRIPTIONS,
).flatMap(([resource, operations]) =>
	Object.entries(operations).map(
		([operation, text]): INodeProperties => ({
			displayName: 'Tool Description',
			name: 'toolDescription',
			type: 'string',
			typeOptions: { rows: 4 },
			default: text,
			description:
				'What the AI agent reads about this tool: what it does, its arguments and what it returns',
			displayOptions: { show: { '@tool': [true], resource: [resource], operation: [operation] } },
		}),
	),
);
