/**
 * examples/telegram-bridge.json in a real n8n, with n8n's own Telegram and Telegram Trigger nodes talking to the
 * Telegram Bot API stand-in (standins/telegram.ts) through the telegramApi credential's Base URL, and the Yandex
 * Market sandbox playing the buyer and Yandex's notifier.
 */
import { SANDBOX_SEED } from '../../sandbox';
import { TELEGRAM_STANDIN, type TgMessage } from '../../standins';
import { useE2E, waitFor } from '../../harness';
import { sleep } from 'n8n-workflow';

const e2e = useE2E('telegram-bridge', { standins: ['telegram'] });
const TEAM = TELEGRAM_STANDIN.teamChat.id;
const BUSINESS = SANDBOX_SEED.businessId;
/** An order chat (order 40005) that no other test uses, so the dispute does not change theirs. */
const DISPUTE_CHAT = '30005';

/** Waits until the bot has posted `count` messages more than `before` into the team chat; returns the new ones. */
async function botPosts(before: number, count: number): Promise<TgMessage[]> {
	return await waitFor(`${count} new bot message(s) in the team chat`, async () => {
		const all = await e2e.telegram.control.messages(TEAM, 'bot');
		return all.length >= before + count ? all.slice(before) : undefined;
	});
}

async function botCount(): Promise<number> {
	return (await e2e.telegram.control.messages(TEAM, 'bot')).length;
}

async function sends(chatId?: string) {
	const all = await e2e.control.requests({
		method: 'POST',
		path: `/v2/businesses/${BUSINESS}/chats/message`,
	});
	return all.filter(
		(r) => chatId === undefined || (r.query as Record<string, string>).chatId === chatId,
	);
}

function footer(chatId: string) {
	return `chat ${chatId} · business ${BUSINESS}`;
}

/** A buyer message forwarded to Telegram; returns the bot's post about it. */
async function forwarded(chatId: string, text: string): Promise<TgMessage> {
	const before = await botCount();
	await e2e.control.customerMessage(chatId, { text });
	const [post] = await botPosts(before, 1);
	expect(post.text).toContain(text);
	expect(post.text?.trimEnd().endsWith(footer(chatId))).toBe(true);
	return post;
}

/** The webhook ID the Telegram Trigger got on import (templates carry none, so every import has its own). */
let telegramWebhookId = '';
let yandexWebhookId = '';

beforeAll(async () => {
	const { workflow } = await e2e.publishExample('telegram-bridge.json');
	const hook = (type: string) => String(workflow.nodes.find((n) => n.type === type)?.webhookId);
	telegramWebhookId = hook('n8n-nodes-base.telegramTrigger');
	yandexWebhookId = hook('n8n-nodes-yandex-market.yandexMarketChatsTrigger');
});

describe('Telegram bridge: Yandex Market -> Telegram', () => {
	it('registers the Telegram webhook with a secret token, and posts each buyer message once with who, what and the text', async () => {
		const { webhook } = await e2e.telegram.control.webhook();
		expect(webhook?.url).toContain(`/webhook/${telegramWebhookId}/webhook`);
		expect(webhook?.secretToken).toMatch(/^[A-Za-z0-9_-]+$/);

		const chatId = SANDBOX_SEED.orderChatId;
		const chat = await e2e.control.chat(chatId);
		const text = 'Where is my order? <b>not bold</b> & 5 > 3';
		const post = await forwarded(chatId, text);
		const customer = (chat.context.customer as { name: string }).name;
		expect(post.text).toContain(`From: ${customer} (buyer)`);
		expect(post.text).toContain(`Order ${String(chat.context.orderId)}`);
		// The buyer's markup arrived as text (checked above), the link to the cabinet as a link.
		expect(post.entities?.find((x) => x.type === 'text_link')?.url).toBe(
			`https://partner.market.yandex.ru/business/${BUSINESS}/chats?chatId=${chatId}`,
		);
		// The stand-in got what n8n's Telegram node sends: HTML parse mode, no "sent with n8n" footer.
		const [call] = (await e2e.telegram.control.calls('sendMessage')).slice(-1);
		expect(call.params).toMatchObject({ chat_id: String(TEAM), parse_mode: 'HTML' });
		expect(String(call.params.text)).not.toMatch(/n8n/);
	});

	it('posts a new chat, a dispute and a return chat with their order or return', async () => {
		const before = await botCount();
		const opened = await e2e.control.openChat({ contextType: 'ORDER', id: '40031' });
		await e2e.control.notify({ type: 'CHAT_ARBITRAGE_STARTED', chatId: DISPUTE_CHAT });
		const returnChat = SANDBOX_SEED.returnChatId;
		await e2e.control.customerMessage(returnChat, { text: 'The parcel was damaged' });
		const posts = await botPosts(before, 3);
		const byChat = (id: string) => posts.find((p) => p.text?.endsWith(footer(id)));
		expect(byChat(opened.chatId)?.text).toMatch(/^🆕 New chat\nBuyer: .+\nOrder 40031 /);
		const dispute = posts.find((p) => p.text?.startsWith('⚠️ Dispute opened'));
		expect(dispute?.text).toMatch(/\nOrder 40005 · dispute status WAITING_FOR_ARBITER\n/);
		expect(dispute?.text?.endsWith(footer(DISPUTE_CHAT))).toBe(true);
		const ret = await e2e.control.chat(returnChat);
		expect(byChat(returnChat)?.text).toContain(
			`Return ${String(ret.context.returnId)} (order ${String(ret.context.orderId)})`,
		);
	});

	it('sends attachments as a photo and a document replying to the post, with the same bytes', async () => {
		const chatId = SANDBOX_SEED.orderChatId;
		const before = await botCount();
		const written = await e2e.control.customerMessage(chatId, {
			text: 'Photos of the box',
			attachments: [
				{ name: 'box.jpg', size: 20480, mimeType: 'image/jpeg' },
				{ name: 'receipt.pdf', size: 4096, mimeType: 'application/pdf' },
			],
		});
		const posts = await botPosts(before, 3);
		const [head] = posts;
		expect(head.text).toContain('📎 2 attachments: box.jpg, receipt.pdf');
		const photo = posts.find((p) => p.photo);
		const doc = posts.find((p) => p.document);
		expect(photo?.reply_to_message?.message_id).toBe(head.message_id);
		expect(doc?.reply_to_message?.message_id).toBe(head.message_id);
		expect(photo?.caption).toBe(`📎 box.jpg\n${footer(chatId)}`);
		expect(doc?.document).toMatchObject({ file_name: 'receipt.pdf', file_size: 4096 });
		// The uploaded bytes are the attachment's bytes from Yandex.
		const upload = (await e2e.telegram.control.calls('sendPhoto')).at(-1);
		expect(upload?.files).toEqual([
			expect.objectContaining({ field: 'photo', fileName: 'box.jpg', size: 20480 }),
		]);
		const original = await fetch(String(written.payload?.[0].url)).then((r) => r.arrayBuffer());
		const file = e2e.telegram.state.files.get(photo!.photo!.at(-1)!.file_id);
		expect(Buffer.compare(Buffer.from(original), file!.bytes)).toBe(0);
	});

	it('forwards nothing for the seller’s own messages and posts a redelivered event only once', async () => {
		const chatId = SANDBOX_SEED.directChatId;
		await forwarded(chatId, 'Is this available in blue?');
		const before = await botCount();
		// Yandex delivers the same event three times; the seller writes from the cabinet (a PARTNER message).
		await e2e.control.notify({ type: 'CHAT_MESSAGE_SENT', chatId, duplicates: 2 });
		expect(await e2e.sellerMessage(chatId, 'Yes, it is')).toBe(200);
		await sleep(3000);
		expect(await botCount()).toBe(before);
	});
});

describe('Telegram bridge: Telegram -> Yandex Market', () => {
	it('sends a text reply into the right chat once, also when Telegram redelivers the update, and confirms it', async () => {
		const chatId = SANDBOX_SEED.orderChatId;
		const post = await forwarded(chatId, 'Can I change the address?');
		await e2e.control.clearRequests();
		const before = await botCount();
		const { update } = await e2e.telegram.control.userMessage({
			replyTo: post.message_id,
			text: 'Yes, write the new address here',
		});
		const [confirm] = await botPosts(before, 1);
		expect(confirm.text).toBe(`✅ Sent to the buyer (chat ${chatId})`);
		expect(confirm.reply_to_message?.message_id).toBe(update.message?.message_id);
		await e2e.telegram.control.redeliver(update.update_id);
		await sleep(2500);
		const sent = await sends();
		expect(sent.map((r) => [r.status, (r.query as Record<string, string>).chatId, r.body])).toEqual(
			[[200, chatId, { message: 'Yes, write the new address here' }]],
		);
		expect(await botCount()).toBe(before + 1);
		// The seller's reply does not come back to Telegram (it is a PARTNER message).
		expect((await e2e.control.chat(chatId)).messages.at(-1)).toMatchObject({ sender: 'PARTNER' });
	});

	it('maps replies for several chats at once to their own chats', async () => {
		const chats = [SANDBOX_SEED.orderChatId, SANDBOX_SEED.directChatId, SANDBOX_SEED.returnChatId];
		const posts: TgMessage[] = [];
		for (const chatId of chats) posts.push(await forwarded(chatId, `Question from ${chatId}`));
		await e2e.control.clearRequests();
		const before = await botCount();
		// Answered in reverse order, all at once.
		await Promise.all(
			[...posts].reverse().map((post, i) =>
				e2e.telegram.control.userMessage({
					replyTo: post.message_id,
					userId: TELEGRAM_STANDIN.users[i % 2].id,
					text: `Answer for ${chats[posts.indexOf(post)]}`,
				}),
			),
		);
		await botPosts(before, 3);
		const sent = await sends();
		expect(
			sent
				.map((r) => [
					(r.query as Record<string, string>).chatId,
					(r.body as { message: string }).message,
				])
				.sort(),
		).toEqual(chats.map((c) => [c, `Answer for ${c}`]).sort());
	});

	it('sends a photo reply and a document reply with Send File, the caption as a message', async () => {
		const chatId = SANDBOX_SEED.orderChatId;
		const post = await forwarded(chatId, 'Please send the label');
		await e2e.control.clearRequests();
		const before = await botCount();
		await e2e.telegram.control.userMessage({
			replyTo: post.message_id,
			photo: { size: 3000 },
			caption: 'Here is the label',
		});
		await botPosts(before, 1);
		await e2e.telegram.control.userMessage({
			replyTo: post.message_id,
			document: { fileName: 'return-form.pdf', size: 1500 },
		});
		await botPosts(before, 2);
		const files = await e2e.control.requests({ operationId: 'sendFileToChat' });
		expect(
			files.map((r) => [r.status, (r.query as Record<string, string>).chatId, r.multipart]),
		).toEqual([
			[
				200,
				chatId,
				expect.objectContaining({ fieldName: 'file', size: 3000, mimeType: 'image/jpeg' }),
			],
			[200, chatId, expect.objectContaining({ fileName: 'return-form.pdf', size: 1500 })],
		]);
		expect((await sends(chatId)).map((r) => r.body)).toEqual([{ message: 'Here is the label' }]);
		const chat = await e2e.control.chat(chatId);
		expect(
			chat.messages.slice(-3).map((m) => [m.sender, m.payload?.[0]?.name ?? m.message]),
		).toEqual([
			['PARTNER', expect.stringMatching(/^photo-\d+\.jpg$/)],
			['PARTNER', 'Here is the label'],
			['PARTNER', 'return-form.pdf'],
		]);
	});

	it('answers in Telegram with the reason when a reply cannot be delivered', async () => {
		const chatId = SANDBOX_SEED.orderChatId;
		const post = await forwarded(chatId, 'Hello?');
		await e2e.control.clearRequests();
		const reasons: string[] = [];
		const attempt = async (text: string) => {
			const before = await botCount();
			await e2e.telegram.control.userMessage({ replyTo: post.message_id, text });
			const [answer] = await botPosts(before, 1);
			expect(answer.text).toMatch(new RegExp(`^⚠️ Not sent to the buyer \\(chat ${chatId}\\): `));
			reasons.push(String(answer.text));
		};
		// Too long for Yandex (4096 characters at most): refused before any request.
		await attempt('x'.repeat(4100));
		expect(await sends()).toEqual([]);
		// The chat is closed: Yandex refuses the send (simulated; Yandex does not document the message).
		await e2e.control.faults({
			operationId: 'sendMessageToChat',
			kind: 'status',
			status: 400,
			body: { status: 'ERROR', errors: [{ code: 'BAD_REQUEST', message: 'Chat is closed' }] },
		});
		await attempt('Are you there?');
		// The hourly quota is used up and resets later than the node's wait budget (30 s in the template).
		await e2e.control.limits({ quotas: { sendMessageToChat: 0 } });
		try {
			await attempt('One more time');
		} finally {
			await e2e.control.limits({ quotas: { sendMessageToChat: 1000 } });
		}
		expect(reasons[0]).toMatch(/4096/);
		expect(reasons[1]).toMatch(/Chat is closed/);
		expect(reasons[2]).toMatch(/rate limit|420/i);
		expect((await sends()).map((r) => r.status)).toEqual([400, 420]);
	});

	it('explains how to answer when a message is not a reply to a buyer post', async () => {
		await e2e.control.clearRequests();
		const before = await botCount();
		await e2e.telegram.control.userMessage({ text: 'Good morning, team' });
		const [hint] = await botPosts(before, 1);
		expect(hint.text).toMatch(/^To answer a buyer, reply to the bot's message/);
		expect(await sends()).toEqual([]);
	});

	it('listens to the team chat in Settings only: a message in another chat gets no answer', async () => {
		await e2e.control.clearRequests();
		const stranger = TELEGRAM_STANDIN.users[0].id;
		await e2e.telegram.control.userMessage({ chatId: stranger, text: 'Hello bot' });
		// The team chat's hint comes after the stranger's message has been handled.
		const before = await botCount();
		await e2e.telegram.control.userMessage({ text: 'Good afternoon, team' });
		await botPosts(before, 1);
		expect(await e2e.telegram.control.messages(stranger, 'bot')).toEqual([]);
		expect(await sends()).toEqual([]);
	});

	it('keeps the mapping and the duplicate memory across an n8n restart', async () => {
		const chatId = SANDBOX_SEED.directChatId;
		const post = await forwarded(chatId, 'Before the restart');
		const last = (await e2e.control.chat(chatId)).messages.at(-1);
		await e2e.restartN8n();
		await e2e.control.clearRequests();
		const before = await botCount();
		// Yandex delivers the event again after the restart: the trigger's in-memory dedup is gone, the
		// workflow's Remove Duplicates history is in the database.
		await e2e.control.notify({
			type: 'CHAT_MESSAGE_SENT',
			chatId,
			messageId: last?.messageId,
			url: e2e.n8n.webhookUrl(yandexWebhookId),
		});
		await e2e.telegram.control.userMessage({ replyTo: post.message_id, text: 'After the restart' });
		await botPosts(before, 1);
		await sleep(2000);
		expect(await botCount()).toBe(before + 1);
		expect((await sends(chatId)).map((r) => r.body)).toEqual([{ message: 'After the restart' }]);
	});
});
