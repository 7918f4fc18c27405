/**
 * In-memory state of the fake Yandex Market: businesses, campaigns, orders, returns, chats, messages and files.
 * Every ID is a decimal string (int64 values above 2^53 must survive); times are epoch milliseconds.
 */
import type {
	ChatContextType,
	ChatStatus,
	ChatType,
	MessageSender,
} from '../nodes/YandexMarketChats/shared/contract';
import { CommunicationStore } from './communication-store';
import { compareIds, maxId, nextId, yandexTime } from './json';

export interface Business {
	id: string;
	name: string;
}

export interface Campaign {
	id: string;
	businessId: string;
	domain: string;
	clientId: string;
	placementType: 'FBS' | 'FBY' | 'DBS' | 'LAAS';
	apiAvailability: string;
}

export interface Customer {
	name: string;
	publicId: string;
}

export interface Order {
	id: string;
	businessId: string;
	campaignId: string;
	customer: Customer;
}

export interface ReturnRecord {
	id: string;
	orderId: string;
	businessId: string;
	campaignId: string;
}

export interface StoredChat {
	chatId: string;
	businessId: string;
	contextType: ChatContextType;
	campaignId?: string;
	orderId?: string;
	returnId?: string;
	customer: Customer;
	type: ChatType;
	status: ChatStatus;
	createdAt: number;
	updatedAt: number;
}

export interface StoredAttachment {
	fileId: string;
	name: string;
	size: number;
}

export interface StoredMessage {
	messageId: string;
	chatId: string;
	createdAt: number;
	sender: MessageSender;
	message?: string;
	payload?: StoredAttachment[];
}

export interface StoredFile {
	id: string;
	name: string;
	mimeType: string;
	bytes: Buffer;
}

export interface ChatFilter {
	contexts?: Array<{ type: string; id: string }>;
	orderIds?: string[];
	contextTypes?: string[];
	types?: string[];
	statuses?: string[];
}

const SPECIAL_ID_FLOOR = '1000000000000';

export class Store {
	businesses = new Map<string, Business>();
	campaigns = new Map<string, Campaign>();
	orders = new Map<string, Order>();
	returns = new Map<string, ReturnRecord>();
	chats = new Map<string, StoredChat>();
	messages = new Map<string, StoredMessage[]>();
	files = new Map<string, StoredFile>();
	/** reviews and product questions (sandbox/communication-store.ts) */
	communication = new CommunicationStore();
	private chatCounter = '31000';
	private messageCounter = '60000000';
	private fileCounter = 0;

	campaignsOf(businessId: string): Campaign[] {
		return [...this.campaigns.values()]
			.filter((c) => c.businessId === businessId)
			.sort((a, b) => compareIds(a.id, b.id));
	}

	getChat(businessId: string, chatId: string): StoredChat | undefined {
		const chat = this.chats.get(chatId);
		return chat && chat.businessId === businessId ? chat : undefined;
	}

	/** Most recently active first, which is what a seller working through a queue wants to see. */
	listChats(businessId: string, filter: ChatFilter): StoredChat[] {
		return [...this.chats.values()]
			.filter((c) => c.businessId === businessId)
			.filter((c) => !filter.contextTypes || filter.contextTypes.includes(c.contextType))
			.filter((c) => !filter.types || filter.types.includes(c.type))
			.filter((c) => !filter.statuses || filter.statuses.includes(c.status))
			.filter(
				(c) => !filter.orderIds || (c.orderId !== undefined && filter.orderIds.includes(c.orderId)),
			)
			.filter(
				(c) =>
					!filter.contexts ||
					filter.contexts.some((x) =>
						x.type === 'ORDER'
							? c.contextType === 'ORDER' && c.orderId === x.id
							: c.contextType === 'RETURN' && c.returnId === x.id,
					),
			)
			.sort((a, b) => b.updatedAt - a.updatedAt || compareIds(b.chatId, a.chatId));
	}

	/** Oldest first, so `messageIdFrom` polling reads forward. */
	messagesOf(chatId: string): StoredMessage[] {
		return this.messages.get(chatId) ?? [];
	}

	findMessage(chatId: string, messageId: string): StoredMessage | undefined {
		return this.messagesOf(chatId).find((m) => m.messageId === messageId);
	}

	findChatByContext(
		businessId: string,
		type: 'ORDER' | 'RETURN',
		id: string,
	): StoredChat | undefined {
		return [...this.chats.values()].find(
			(c) =>
				c.businessId === businessId &&
				c.contextType === type &&
				(type === 'ORDER' ? c.orderId === id : c.returnId === id),
		);
	}

	/**
	 * The chat about an order or a return, opened now if none exists (Yandex's createChat returns the existing one).
	 * undefined when the order or return does not exist in this business.
	 */
	openContextChat(
		businessId: string,
		type: 'ORDER' | 'RETURN',
		id: string,
	): { chat: StoredChat; created: boolean } | undefined {
		const existing = this.findChatByContext(businessId, type, id);
		if (existing) return { chat: existing, created: false };
		const ret = type === 'RETURN' ? this.returns.get(id) : undefined;
		const order = this.orders.get(ret ? ret.orderId : id);
		if (type === 'RETURN' ? ret?.businessId !== businessId : order?.businessId !== businessId) {
			return undefined;
		}
		const now = Date.now();
		const chat = this.addChat({
			businessId,
			contextType: type,
			orderId: ret ? ret.orderId : id,
			...(ret ? { returnId: ret.id } : {}),
			campaignId: ret?.campaignId ?? order?.campaignId,
			customer: order?.customer ?? { name: 'Buyer', publicId: 'buyer' },
			type: 'CHAT',
			status: 'NEW',
			createdAt: now,
			updatedAt: now,
		});
		return { chat, created: true };
	}

	addChat(chat: Omit<StoredChat, 'chatId'> & { chatId?: string }): StoredChat {
		let chatId = chat.chatId;
		if (chatId === undefined) {
			// Seeded chats of other businesses sit in the counter's range (31001): never reuse an ID.
			do this.chatCounter = nextId(this.chatCounter);
			while (this.chats.has(this.chatCounter));
			chatId = this.chatCounter;
		}
		const stored: StoredChat = { ...chat, chatId };
		this.chats.set(chatId, stored);
		this.messages.set(chatId, this.messages.get(chatId) ?? []);
		return stored;
	}

	addMessage(
		chatId: string,
		msg: {
			sender: MessageSender;
			message?: string;
			payload?: StoredAttachment[];
			createdAt?: number;
			messageId?: string;
		},
	): StoredMessage {
		const list = this.messages.get(chatId) ?? [];
		// A chat's messages must keep increasing IDs even when the chat holds IDs above the global counter (the
		// big-ID chat), otherwise messageIdFrom polling would skip the new message.
		const last = list.length > 0 ? list[list.length - 1].messageId : '0';
		let messageId = msg.messageId;
		if (!messageId) {
			this.messageCounter = nextId(this.messageCounter);
			messageId = compareIds(this.messageCounter, last) > 0 ? this.messageCounter : nextId(last);
		} else if (compareIds(messageId, SPECIAL_ID_FLOOR) < 0) {
			// Ordinary explicit IDs move the counter on; the deliberately huge seed IDs (above 2^53) must not, or
			// every later message would get a huge ID too.
			this.messageCounter = maxId(this.messageCounter, messageId);
		}
		const stored: StoredMessage = {
			messageId,
			chatId,
			createdAt: msg.createdAt ?? Date.now(),
			sender: msg.sender,
			...(msg.message !== undefined ? { message: msg.message } : {}),
			...(msg.payload && msg.payload.length > 0 ? { payload: msg.payload } : {}),
		};
		list.push(stored);
		list.sort((a, b) => compareIds(a.messageId, b.messageId));
		this.messages.set(chatId, list);
		const chat = this.chats.get(chatId);
		if (chat) chat.updatedAt = Math.max(chat.updatedAt, stored.createdAt);
		return stored;
	}

	addFile(name: string, mimeType: string, bytes: Buffer): StoredFile {
		this.fileCounter += 1;
		const file: StoredFile = {
			id: `f${String(this.fileCounter).padStart(6, '0')}`,
			name,
			mimeType,
			bytes,
		};
		this.files.set(file.id, file);
		return file;
	}

	attach(file: StoredFile): StoredAttachment {
		return { fileId: file.id, name: file.name, size: file.bytes.length };
	}

	// ---------- DTOs as Yandex writes them (IDs stay strings; the JSON writer turns them into bare integers) ----------

	chatContextDto(chat: StoredChat): Record<string, unknown> {
		return {
			type: chat.contextType,
			customer: { ...chat.customer },
			...(chat.campaignId ? { campaignId: chat.campaignId } : {}),
			...(chat.orderId ? { orderId: chat.orderId } : {}),
			...(chat.returnId ? { returnId: chat.returnId } : {}),
		};
	}

	chatDto(chat: StoredChat): Record<string, unknown> {
		return {
			chatId: chat.chatId,
			// Deprecated top-level orderId: Yandex still fills it for order and return chats until 19.10.2026.
			...(chat.orderId ? { orderId: chat.orderId } : {}),
			context: this.chatContextDto(chat),
			type: chat.type,
			status: chat.status,
			createdAt: yandexTime(chat.createdAt),
			updatedAt: yandexTime(chat.updatedAt),
		};
	}

	messageDto(msg: StoredMessage, baseUrl: string): Record<string, unknown> {
		return {
			messageId: msg.messageId,
			createdAt: yandexTime(msg.createdAt),
			sender: msg.sender,
			...(msg.message !== undefined ? { message: msg.message } : {}),
			...(msg.payload
				? {
						payload: msg.payload.map((p) => ({
							name: p.name,
							url: `${baseUrl}/_sandbox/files/${p.fileId}`,
							size: p.size,
						})),
					}
				: {}),
		};
	}

	campaignDto(c: Campaign): Record<string, unknown> {
		const business = this.businesses.get(c.businessId);
		return {
			domain: c.domain,
			id: c.id,
			clientId: c.clientId,
			business: { id: c.businessId, name: business?.name ?? '' },
			placementType: c.placementType,
			apiAvailability: c.apiAvailability,
		};
	}
}
