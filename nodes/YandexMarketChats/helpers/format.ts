/** How chats and messages look in the nodes' output and in the editor's chat list. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { Chat, ChatFullContext, ChatMessage } from '../shared/contract';
import { CHAT_STATUS_NAMES } from '../descriptions/labels';

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
export function formatChat(chat: Chat, businessId: string, simplify: boolean): IDataObject {
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
	message: ChatMessage,
	businessId: string,
	chatId: string,
	context: ChatFullContext | undefined,
	simplify: boolean,
): IDataObject {
	const contextFields =
		context === undefined ? {} : simplify ? flattenContext(context) : { context };
	return { businessId, chatId, ...contextFields, ...message };
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

export function toItems(records: IDataObject[]): INodeExecutionData[] {
	return records.map((json) => ({ json }));
}
