/** How chats and messages look in the nodes' output and in the editor's chat list. */
import type { IDataObject } from 'n8n-workflow';
import type { Chat, ChatFullContext, ChatMessage } from '../shared/contract';
import { CHAT_STATUS_NAMES } from '../descriptions/labels';
import { compareIds } from '../shared/int64';

/** Where a chat or message belongs and how it is shown: Simplify flattens the chat context into top-level fields. */
export interface OutputShape {
	businessId: string;
	simplify: boolean;
}

/** A message's or history's chat, and its context when Yandex gave one (Simplify matters only then; default on). */
export interface ChatShape {
	businessId: string;
	chatId: string;
	context?: ChatFullContext;
	simplify?: boolean;
}

/** The chat context (ChatFullContextDTO) as flat fields, so order/return/buyer are one expression away. */
export function flattenContext(context: ChatFullContext | undefined): IDataObject {
	const flat: IDataObject = { contextType: context?.type };
	if (context?.orderId !== undefined) flat.orderId = context.orderId;
	if (context?.returnId !== undefined) flat.returnId = context.returnId;
	if (context?.campaignId !== undefined) flat.campaignId = context.campaignId;
	if (context?.customer?.name !== undefined) flat.customerName = context.customer.name;
	if (context?.customer?.publicId !== undefined) flat.customerPublicId = context.customer.publicId;
	return flat;
}

/** A chat (GetChatInfoDTO) as the node outputs it; the deprecated top-level orderId is replaced by the context's. */
export function formatChat(chat: Chat, { businessId, simplify }: OutputShape): IDataObject {
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

/** The chat's context as the output shows it: flat fields with Simplify, the object without, nothing when unknown. */
function contextFields({ context, simplify }: ChatShape): IDataObject {
	if (context === undefined) return {};
	return simplify === false ? { context } : flattenContext(context);
}

/** A message (ChatMessageDTO) with the chat it belongs to and, when known, that chat's context. */
export function formatMessage(message: ChatMessage, chat: ChatShape): IDataObject {
	return { businessId: chat.businessId, chatId: chat.chatId, ...contextFields(chat), ...message };
}

/** The label of a chat in the editor's Chat list: what it is about, its state, the buyer and its ID. */
export function chatLabel(chat: Chat): string {
	const context: Partial<ChatFullContext> = chat.context ?? {};
	let subject: string;
	if (context.type === 'RETURN')
		subject = `Return ${context.returnId ?? '?'}${context.orderId ? ` (order ${context.orderId})` : ''}`;
	else if (context.type === 'ORDER') subject = `Order ${context.orderId ?? '?'}`;
	else if (context.type === 'DIRECT') subject = 'Direct';
	else subject = String(context.type ?? 'Chat');
	const parts = [subject];
	if (chat.type === 'ARBITRAGE') parts.push('dispute');
	parts.push(CHAT_STATUS_NAMES[String(chat.status)] ?? String(chat.status ?? ''));
	if (context.customer?.name) parts.push(String(context.customer.name));
	return `${parts.filter((p) => p).join(' · ')} — chat ${chat.chatId}`;
}

/**
 * Messages oldest first, by time and then by ID. Yandex does not document the order of the history, so the newest
 * messages are picked by this order, never by their position in the answer.
 */
export function chronological(messages: ChatMessage[]): ChatMessage[] {
	return [...messages].sort(
		(a, b) =>
			(Date.parse(a.createdAt) || 0) - (Date.parse(b.createdAt) || 0) ||
			compareIds(String(a.messageId), String(b.messageId)),
	);
}

/**
 * A chat history as one item: the chat's context once, then its messages without it (each per-message item would
 * repeat the context, which is about half of the bytes an agent has to read). totalMessages is set when the whole
 * history was read.
 */
export function formatHistory(
	messages: ChatMessage[],
	chat: ChatShape & { totalMessages?: number },
): IDataObject {
	return {
		businessId: chat.businessId,
		chatId: chat.chatId,
		...contextFields(chat),
		messageCount: messages.length,
		...(chat.totalMessages !== undefined ? { totalMessages: chat.totalMessages } : {}),
		messages,
	};
}
