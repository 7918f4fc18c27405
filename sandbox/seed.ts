/**
 * Deterministic seed data and API keys. Tests and demos rely on these exact IDs (see docs/DESIGN.md, "Sandbox
 * contract"), so change them only together with the design.
 */
import type { ChatStatus, ChatType } from '../nodes/YandexMarketChats/shared/contract';
import { CHAT_STATUSES } from '../nodes/YandexMarketChats/shared/contract';
import { seedCommunication } from './communication-seed';
import type { Customer, StoredAttachment, StoredChat } from './store';
import { Store } from './store';

export interface SandboxKey {
	key: string;
	name: string;
	/** ApiKeyScopeType values, as POST /v2/auth/token reports them */
	scopes: string[];
	businessId: string;
	revoked?: boolean;
	/** x-allowed: the kind of cabinet (default seller); UrbanAds advertisers have their own review method */
	cabinet?: 'seller' | 'urbanads';
}

/** Key values look like real ones (ACMA:<secret>:<suffix>) and end in distinct 4 characters for redacted logs. */
export const SANDBOX_KEYS = {
	communication: 'ACMA:sandboxCommunicationKeyForBusiness10001:c0a1',
	readOnly: 'ACMA:sandboxReadOnlyKeyForBusiness10001xxxxxx:r0a2',
	noChatScope: 'ACMA:sandboxPricingOnlyKeyForBusiness10001xxx:p0a3',
	revoked: 'ACMA:sandboxRevokedKeyForBusiness10001xxxxxxx:v0a4',
	secondBusiness: 'ACMA:sandboxCommunicationKeyForBusiness10002:c0b5',
	/** an UrbanAds advertiser cabinet (business 10003): only getGoodsFeedbacksUrbanads and the comment methods */
	advertiser: 'ACMA:sandboxUrbanAdsAdvertiserKeyForBusiness10003:u0c6',
} as const;

export const KEY_TABLE: readonly SandboxKey[] = [
	{
		key: SANDBOX_KEYS.communication,
		name: 'Sandbox chats',
		scopes: ['COMMUNICATION'],
		businessId: '10001',
	},
	{
		key: SANDBOX_KEYS.readOnly,
		name: 'Sandbox read-only',
		scopes: ['ALL_METHODS_READ_ONLY'],
		businessId: '10001',
	},
	{
		key: SANDBOX_KEYS.noChatScope,
		name: 'Sandbox pricing',
		scopes: ['PRICING'],
		businessId: '10001',
	},
	{
		key: SANDBOX_KEYS.revoked,
		name: 'Sandbox revoked',
		scopes: ['COMMUNICATION'],
		businessId: '10001',
		revoked: true,
	},
	{
		key: SANDBOX_KEYS.secondBusiness,
		name: 'Sandbox second business',
		scopes: ['COMMUNICATION'],
		businessId: '10002',
	},
	{
		key: SANDBOX_KEYS.advertiser,
		name: 'Sandbox UrbanAds advertiser',
		scopes: ['COMMUNICATION'],
		businessId: '10003',
		cabinet: 'urbanads',
	},
];

const BIG_CHAT_ID = '9007199254740993';

export const SANDBOX_SEED = {
	businessId: '10001',
	secondBusinessId: '10002',
	businesses: [
		{ id: '10001', name: 'Demo Business', campaignIds: ['20001', '20002'] },
		{ id: '10002', name: 'Second Business', campaignIds: ['20003'] },
	],
	campaigns: { fbs: '20001', dbs: '20002', second: '20003' },
	/** chats of business 10001 */
	chatCount: 45,
	/** 230 messages: more than two pages of history at the maximum limit of 100 */
	busyChatId: '30002',
	busyChatMessageCount: 230,
	/** above 2^53: JSON.parse would turn it into ...992 */
	bigChatId: BIG_CHAT_ID,
	bigMessageId: '9007199254740995',
	/** an ORDER chat (order 40003) */
	orderChatId: '30003',
	orderChatOrderId: '40003',
	/** a RETURN chat (return 50001, order 40041) */
	returnChatId: '30023',
	returnChatReturnId: '50001',
	/** a DIRECT chat (no order, cannot be created by the seller) */
	directChatId: '30029',
	/** an ARBITRAGE chat */
	arbitrageChatId: '30006',
	/** a message with an attachment: chat 30004 */
	attachmentChatId: '30004',
	/** the one chat of business 10002 */
	secondBusinessChatId: '31001',
	/** orders 40001-40060 (business 10001); 40001-40022 have chats, the rest do not */
	orderIds: { from: '40001', to: '40060' },
	orderWithoutChatId: '40050',
	/** returns 50001-50010 (business 10001); 50001-50006 have chats */
	returnIds: { from: '50001', to: '50010' },
	returnWithoutChatId: '50008',
	/** the order of business 10002 */
	secondBusinessOrderId: '41001',
} as const;

/** 1x1 transparent PNG, so attachments served by /_sandbox/files open in a browser. */
const PNG_1X1 = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64',
);

const CUSTOMER_NAMES = [
	'Anna K.',
	'Ivan P.',
	'Maria S.',
	'Pavel D.',
	'Olga V.',
	'Sergey M.',
	'Elena R.',
];
const CUSTOMER_TEXTS = [
	'Hello! When will my order be shipped?',
	'The package arrived damaged, what should I do?',
	'Can I change the delivery address?',
	'Is this item available in blue?',
	'I would like to return the item.',
	'Thank you, everything is fine!',
];
const PARTNER_TEXTS = [
	'Hello! Your order will be shipped tomorrow.',
	'We are sorry. Please send a photo of the package.',
	'Yes, please tell us the new address.',
	'We will check and come back to you shortly.',
];

/** Seed times are fixed so runs are reproducible; new activity uses the real clock and is always later. */
const BASE_TIME = Date.UTC(2026, 0, 10, 7, 0, 0);
const MINUTE = 60_000;

function customer(i: number): Customer {
	return { name: CUSTOMER_NAMES[i % CUSTOMER_NAMES.length], publicId: `buyer-${1000 + i}` };
}

/** `now` anchors the reviews and questions, which must fall inside Yandex's default date windows (6 / 1 months). */
export function seedStore(now: number = Date.now()): Store {
	const s = new Store();
	for (const b of SANDBOX_SEED.businesses) s.businesses.set(b.id, { id: b.id, name: b.name });
	s.campaigns.set('20001', {
		id: '20001',
		businessId: '10001',
		domain: 'demo-fbs.sandbox.market',
		clientId: '70001',
		placementType: 'FBS',
		apiAvailability: 'AVAILABLE',
	});
	s.campaigns.set('20002', {
		id: '20002',
		businessId: '10001',
		domain: 'demo-dbs.sandbox.market',
		clientId: '70001',
		placementType: 'DBS',
		apiAvailability: 'AVAILABLE',
	});
	s.campaigns.set('20003', {
		id: '20003',
		businessId: '10002',
		domain: 'second.sandbox.market',
		clientId: '70002',
		placementType: 'FBS',
		apiAvailability: 'AVAILABLE',
	});

	for (let n = 40001; n <= 40060; n++) {
		const id = String(n);
		s.orders.set(id, {
			id,
			businessId: '10001',
			campaignId: n % 2 === 1 ? '20001' : '20002',
			customer: customer(n),
		});
	}
	for (let n = 41001; n <= 41005; n++) {
		const id = String(n);
		s.orders.set(id, { id, businessId: '10002', campaignId: '20003', customer: customer(n) });
	}
	// Returns only exist for FBS/FBY/Express, so they belong to the FBS campaign's orders.
	for (let n = 50001; n <= 50010; n++) {
		const id = String(n);
		const orderId = String(40041 + (n - 50001) * 2);
		s.orders.get(orderId)!.campaignId = '20001';
		s.returns.set(id, { id, orderId, businessId: '10001', campaignId: '20001' });
	}

	let t = BASE_TIME;
	let photo = 0;
	const mkAttachment = (i: number): StoredAttachment => {
		photo += 1;
		const file =
			i % 2 === 0
				? s.addFile(`photo-${photo}.png`, 'image/png', PNG_1X1)
				: s.addFile(
						`receipt-${photo}.txt`,
						'text/plain',
						Buffer.from(`Receipt #${photo}\nSandbox attachment.\n`),
					);
		return s.attach(file);
	};

	// 45 chats: i=0..21 ORDER (orders 40001-40022), 22..27 RETURN (returns 50001-50006), 28..44 DIRECT.
	for (let i = 0; i < SANDBOX_SEED.chatCount; i++) {
		const chatId = i === 0 ? BIG_CHAT_ID : String(30001 + i);
		const contextType = i < 22 ? 'ORDER' : i < 28 ? 'RETURN' : 'DIRECT';
		const type: ChatType = contextType !== 'DIRECT' && i % 5 === 0 && i > 0 ? 'ARBITRAGE' : 'CHAT';
		const status: ChatStatus =
			type === 'ARBITRAGE' && i % 10 === 5
				? 'WAITING_FOR_ARBITER'
				: CHAT_STATUSES[i % CHAT_STATUSES.length];
		let orderId: string | undefined;
		let returnId: string | undefined;
		let campaignId: string | undefined;
		let cust = customer(i);
		if (contextType === 'ORDER') {
			orderId = String(40001 + i);
			const order = s.orders.get(orderId)!;
			campaignId = order.campaignId;
			cust = order.customer;
		} else if (contextType === 'RETURN') {
			returnId = String(50001 + (i - 22));
			const ret = s.returns.get(returnId)!;
			orderId = ret.orderId;
			campaignId = ret.campaignId;
			cust = s.orders.get(ret.orderId)!.customer;
		}
		t += 37 * MINUTE;
		const chat: StoredChat = s.addChat({
			chatId,
			businessId: '10001',
			contextType,
			campaignId,
			orderId,
			returnId,
			customer: cust,
			type,
			status,
			createdAt: t,
			updatedAt: t,
		});
		seedMessages(s, chat, i, mkAttachment);
	}

	const second = s.addChat({
		chatId: SANDBOX_SEED.secondBusinessChatId,
		businessId: '10002',
		contextType: 'ORDER',
		orderId: '41001',
		campaignId: '20003',
		customer: s.orders.get('41001')!.customer,
		type: 'CHAT',
		status: 'WAITING_FOR_PARTNER',
		createdAt: BASE_TIME,
		updatedAt: BASE_TIME,
	});
	s.addMessage(second.chatId, {
		sender: 'CUSTOMER',
		message: 'Hello from the second business.',
		createdAt: BASE_TIME + MINUTE,
	});
	seedCommunication(s, now);
	return s;
}

function seedMessages(
	s: Store,
	chat: StoredChat,
	i: number,
	mkAttachment: (i: number) => StoredAttachment,
): void {
	let t = chat.createdAt;
	if (chat.chatId === BIG_CHAT_ID) {
		s.addMessage(chat.chatId, {
			messageId: '9007199254740994',
			sender: 'CUSTOMER',
			message: 'Big IDs must stay exact.',
			createdAt: (t += MINUTE),
		});
		s.addMessage(chat.chatId, {
			messageId: SANDBOX_SEED.bigMessageId,
			sender: 'PARTNER',
			message: 'They do: 9007199254740995.',
			createdAt: (t += MINUTE),
		});
		return;
	}
	const count =
		chat.chatId === SANDBOX_SEED.busyChatId ? SANDBOX_SEED.busyChatMessageCount : 1 + (i % 5);
	for (let m = 0; m < count; m++) {
		t += 3 * MINUTE;
		if (m === 0 && chat.type === 'ARBITRAGE') {
			s.addMessage(chat.chatId, {
				sender: 'MARKET',
				message: 'A dispute has been opened for this chat.',
				createdAt: t,
			});
			continue;
		}
		const fromCustomer = m % 2 === 0;
		const withFile = chat.chatId === SANDBOX_SEED.attachmentChatId ? m === 0 : (i + m) % 7 === 3;
		const fileOnly = withFile && m % 3 === 2;
		s.addMessage(chat.chatId, {
			sender:
				m === 3 && count > 3 && chat.chatId !== SANDBOX_SEED.busyChatId
					? 'SUPPORT'
					: fromCustomer
						? 'CUSTOMER'
						: 'PARTNER',
			...(fileOnly
				? {}
				: {
						message: (fromCustomer ? CUSTOMER_TEXTS : PARTNER_TEXTS)[
							(i + m) % (fromCustomer ? 6 : 4)
						],
					}),
			...(withFile ? { payload: [mkAttachment(i + m)] } : {}),
			createdAt: t,
		});
	}
}
