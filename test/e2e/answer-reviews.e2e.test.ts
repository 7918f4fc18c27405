/**
 * examples/answer-reviews.json in a real n8n: the sandbox plays buyers writing reviews and Yandex's notifier, the
 * OpenAI-compatible stand-in plays the model (scripts matched by the review's text), the Telegram stand-in plays
 * the team. Good reviews are answered and marked handled; low ratings, an unsure model and drafts that break the
 * check go to Telegram, where a reply posts the draft or the team's own text, once. Last, the same template with
 * the poll trigger swapped in answers two reviews found by one poll.
 */
import { sleep } from 'n8n-workflow';
import { createCommunicationControlClient } from '../../sandbox';
import type { CommunicationControlClient } from '../../sandbox';
import { TELEGRAM_STANDIN, type TgMessage } from '../../standins';
import { useE2E, waitFor, swapInPollTrigger } from '../../harness';

const e2e = useE2E('answer-reviews', { standins: ['telegram', 'openai'], testTimeoutMs: 180_000 });
const BUSINESS = '10001';
const TEAM = TELEGRAM_STANDIN.teamChat.id;
const TRIGGER = 'New review';

let buyer: CommunicationControlClient;
let workflowId = '';

beforeAll(async () => {
	buyer = createCommunicationControlClient(e2e.sandbox.url);
	workflowId = (await e2e.publishExample('answer-reviews.json')).id;
});

/** The model answers a review whose text contains `match` with this JSON. */
async function model(match: string, reply: string, confident = true, reason = '') {
	return await e2e.openai.control.addScript({
		id: match,
		match,
		turns: [{ content: JSON.stringify({ reply, confident, reason }) }],
	});
}

const footer = (feedbackId: string) => `review ${feedbackId} · business ${BUSINESS}`;

async function botMessages(): Promise<TgMessage[]> {
	return await e2e.telegram.control.messages(TEAM, 'bot');
}

/** The bot's post about a review (its last line is the review's footer). */
async function postAbout(feedbackId: string): Promise<TgMessage> {
	return await waitFor(`the Telegram post about review ${feedbackId}`, async () =>
		(await botMessages()).find((m) => m.text?.trimEnd().endsWith(footer(feedbackId))),
	);
}

/** The bot's answer to a team member's reply. */
async function botReplyTo(messageId: number): Promise<string> {
	return await waitFor('the bot to answer the reply', async () => {
		const found = (await botMessages()).find((m) => m.reply_to_message?.message_id === messageId);
		return found?.text;
	});
}

/** The shop's comments under a review, as the sandbox stores them. */
async function shopComments(feedbackId: string): Promise<string[]> {
	const review = await buyer.review(feedbackId);
	return review.comments
		.filter((c) => (c.author as { type?: string })?.type === 'BUSINESS' && !c.deleted)
		.map((c) => String(c.text));
}

async function writes(feedbackId: string) {
	return (await e2e.control.requests({ operationId: 'updateGoodsFeedbackComment' })).filter(
		(r) => String((r.body as { feedbackId?: unknown }).feedbackId) === feedbackId,
	);
}

async function markedHandled(feedbackId: string): Promise<boolean> {
	return (await e2e.control.requests({ operationId: 'skipGoodsFeedbacksReaction' })).some(
		(r) =>
			r.status === 200 &&
			((r.body as { feedbackIds?: unknown[] }).feedbackIds ?? []).map(String).includes(feedbackId),
	);
}

async function executionCount(id = workflowId): Promise<number> {
	return (await e2e.n8n.listExecutions(id, false)).length;
}

describe('answer reviews (webhook trigger)', () => {
	it('a 5-star review is thanked once as the shop’s comment and marked handled; its own comment and a redelivery start nothing', async () => {
		const reply = 'Thank you, Olga! We are glad the kettle boils fast. The shop team';
		await model('Boils in two minutes, lovely', reply);
		const executions = await executionCount();
		const created = await buyer.buyerReview({
			rating: 5,
			author: 'Olga',
			comment: 'Boils in two minutes, lovely',
		});
		const id = created.feedbackId;
		await waitFor('the review marked handled', () => markedHandled(id));
		expect(await shopComments(id)).toEqual([reply]);
		expect((await writes(id)).map((r) => r.status)).toEqual([200]);
		expect((await buyer.review(id)).needReaction).toBe(false);

		// The shop's comment was notified too (answered 200) and started nothing; Yandex redelivers the review.
		const body = JSON.parse(created.deliveries[0].requestBody ?? '{}') as Record<string, unknown>;
		const again = await e2e.control.notify({ type: 'GOODS_FEEDBACK_CREATED', body, duplicates: 1 });
		expect(again.map((d) => d.status)).toEqual([200, 200]);
		await waitFor('the shop comment notification', async () =>
			(await e2e.control.notifications()).find(
				(n) => n.type === 'GOODS_FEEDBACK_COMMENT_CREATED' && n.status === 200,
			),
		);
		await sleep(3000);
		expect(await executionCount()).toBe(executions + 1);
		expect(await shopComments(id)).toEqual([reply]);
		expect(await writes(id)).toHaveLength(1);
		const calls = (await e2e.openai.control.requests()).filter(
			(r) => r.scriptId === 'Boils in two minutes, lovely',
		);
		expect(calls).toHaveLength(1);
		// What the model was told: the rules, the JSON format, the tone, the review.
		const prompt = calls[0].messages.map((m) => String(m.content)).join('\n');
		expect(prompt).toMatch(/No links or web addresses, no phone numbers/);
		expect(prompt).toMatch(/Never promise a refund/);
		expect(prompt).toContain('"confident"');
		expect(prompt).toContain('Rating: 5 of 5');
		expect(prompt).toContain('Sign as: The shop team');
		expect((await botMessages()).some((m) => m.text?.includes(footer(id)))).toBe(false);
	});

	it('a 1-star review goes to Telegram with the review, order and draft; "ok" posts the draft, a second "ok" posts nothing', async () => {
		const draft = 'We are sorry the lid broke, Ivan. We are looking into it. The shop team';
		await model('Lid cracked on day two', draft);
		const created = await buyer.buyerReview({
			rating: 1,
			author: 'Ivan <Petrov>',
			advantages: 'Fast & quiet',
			disadvantages: 'The lid',
			comment: 'Lid cracked on day two',
			orderId: '40003',
			paidAmount: 150,
		});
		const id = created.feedbackId;
		const post = await postAbout(id);
		expect(post.text).toContain('⭐ New review: ★☆☆☆☆ (1 of 5)');
		expect(post.text).toContain('From: Ivan <Petrov> · paid review (150 points)');
		expect(post.text).toContain('Order 40003');
		expect(post.text).toContain('👍 Advantages: Fast & quiet');
		expect(post.text).toContain('👎 Disadvantages: The lid');
		expect(post.text).toContain('💬 Comment: Lid cracked on day two');
		expect(post.text).toContain('Rated 1 of 5: reviews rated 3 or lower are answered by a person.');
		expect(post.text?.endsWith(`Draft:\n${draft}\n\n${footer(id)}`)).toBe(true);
		expect(await writes(id)).toEqual([]);
		expect(await markedHandled(id)).toBe(false);

		const ok = await e2e.telegram.control.userMessage({ replyTo: post.message_id, text: 'ok' });
		expect(await botReplyTo(ok.update.message!.message_id)).toBe(
			`✅ Posted under review ${id} and marked as handled.`,
		);
		expect(await shopComments(id)).toEqual([draft]);
		expect(await markedHandled(id)).toBe(true);

		const again = await e2e.telegram.control.userMessage({ replyTo: post.message_id, text: 'OK' });
		expect(await botReplyTo(again.update.message!.message_id)).toBe(
			`ℹ️ Already answered: review ${id} has the shop's reply, nothing was posted.`,
		);
		expect(await shopComments(id)).toEqual([draft]);
		expect(await writes(id)).toHaveLength(1);
	});

	it('a low review is answered with the team’s own text; a text with a phone number is refused first', async () => {
		await model('Arrived a week late', 'We are sorry for the wait. The shop team');
		const { feedbackId: id } = await buyer.buyerReview({
			rating: 2,
			comment: 'Arrived a week late',
		});
		const post = await postAbout(id);
		const phone = await e2e.telegram.control.userMessage({
			replyTo: post.message_id,
			text: 'Call us at +7 900 123-45-67',
		});
		expect(await botReplyTo(phone.update.message!.message_id)).toBe(
			`⚠️ Not posted (review ${id}): the text contains a phone number ("+7 900 123-45-67"), which Yandex Market does not allow in review comments.`,
		);
		const own = 'Sorry, Anna: the courier service was late. We have changed it. The shop team';
		const reply = await e2e.telegram.control.userMessage({ replyTo: post.message_id, text: own });
		expect(await botReplyTo(reply.update.message!.message_id)).toMatch(/^✅ Posted/);
		expect(await shopComments(id)).toEqual([own]);
		expect(await writes(id)).toHaveLength(1);
	});

	it('a review with photos and a video: the post links each of them; "skip" marks it handled without a reply', async () => {
		await model('See the dent in the photos', 'We are sorry about the dent. The shop team');
		const created = await buyer.buyerReview({
			rating: 3,
			comment: 'See the dent in the photos',
			photos: 2,
			videos: 1,
		});
		const id = created.feedbackId;
		const post = await postAbout(id);
		expect(post.text).toContain('📷 2 photos: photo 1, photo 2');
		expect(post.text).toContain('🎥 1 video: video 1');
		const media = created.review.media as { photos: string[]; videos: string[] };
		const links = (post.entities ?? []).filter((x) => x.type === 'text_link').map((x) => x.url);
		expect(links).toEqual([...media.photos, ...media.videos]);

		const skip = await e2e.telegram.control.userMessage({ replyTo: post.message_id, text: 'skip' });
		expect(await botReplyTo(skip.update.message!.message_id)).toBe(
			`✅ Review ${id} marked as handled, no reply posted.`,
		);
		expect(await markedHandled(id)).toBe(true);
		expect(await shopComments(id)).toEqual([]);
	});

	it('an unsure model and drafts that promise a refund or carry a link and a phone go to the team, never out', async () => {
		await model(
			'Good, but is the cord short?',
			'Thank you!',
			false,
			'The buyer asks about the cord',
		);
		await model(
			'A perfect gift for mum',
			'Thank you! If anything breaks we will refund you in full.',
		);
		await model('Great value for money', 'Thanks! See kettle-shop.com or call +7 900 123-45-67.');
		const reasons: Record<string, string> = {
			'Good, but is the cord short?': 'The assistant is not sure: The buyer asks about the cord',
			'A perfect gift for mum':
				'The draft breaks a rule: it contains a promise of a refund, exchange, replacement or compensation ("refund").',
			'Great value for money': 'The draft breaks a rule: it contains a link ("kettle-shop.com").',
			'Long review, long answer': 'The draft is too long to show here (1900 characters)',
		};
		await model('Long review, long answer', 'Thank you! '.repeat(200).slice(0, 1900));
		for (const [comment, reason] of Object.entries(reasons)) {
			const { feedbackId: id } = await buyer.buyerReview({ rating: 5, comment });
			const post = await postAbout(id);
			expect(post.text).toContain(reason);
			expect(post.text).toContain('★★★★★ (5 of 5)');
			expect(await writes(id)).toEqual([]);
			expect(await markedHandled(id)).toBe(false);
		}
	});

	it('when the model fails the team still gets the review, without a draft; "ok" then asks for a text; other chats are ignored', async () => {
		// No script matches: the model answers 500.
		const { feedbackId: id } = await buyer.buyerReview({
			rating: 5,
			comment: 'Nobody scripted this one',
		});
		const post = await postAbout(id);
		expect(post.text).toContain('⚠️ The assistant could not draft a reply');
		expect(post.text).not.toContain('Draft:');
		const ok = await e2e.telegram.control.userMessage({ replyTo: post.message_id, text: 'ok' });
		expect(await botReplyTo(ok.update.message!.message_id)).toBe(
			`⚠️ Not posted (review ${id}): this post has no draft to approve: reply with the text to post instead.`,
		);
		// A private chat with the bot is not the team chat: nothing happens there; a plain message gets a hint.
		const userId = TELEGRAM_STANDIN.users[0].id;
		await e2e.telegram.control.userMessage({ chatId: userId, userId, text: 'ok' });
		const plain = await e2e.telegram.control.userMessage({ text: 'Hello bot' });
		expect(await botReplyTo(plain.update.message!.message_id)).toMatch(
			/^To answer a review, reply to the bot's post/,
		);
		expect(await e2e.telegram.control.messages(userId, 'bot')).toEqual([]);
		expect(await writes(id)).toEqual([]);
	});

	it('a good review whose comments cannot be read, or whose reply Yandex refuses, goes to the team with the reason', async () => {
		const reply = 'Thank you! The shop team';
		await model('Comments unreadable, five stars', reply);
		await model('Reply refused, five stars', reply);
		try {
			await e2e.control.faults({
				operationId: 'getGoodsFeedbackComments',
				kind: 'status',
				status: 400,
			});
			const unread = await buyer.buyerReview({
				rating: 5,
				comment: 'Comments unreadable, five stars',
			});
			const first = await postAbout(unread.feedbackId);
			expect(first.text).toContain(
				'Not posted: could not check whether the review is already answered',
			);
			expect(first.text).toContain(`Draft:\n${reply}\n\n`);
			await e2e.control.clearFaults();

			await e2e.control.faults({
				operationId: 'updateGoodsFeedbackComment',
				kind: 'status',
				status: 400,
			});
			const refused = await buyer.buyerReview({ rating: 5, comment: 'Reply refused, five stars' });
			const second = await postAbout(refused.feedbackId);
			expect(second.text).toContain('Yandex Market did not accept the reply:');
			expect(second.text).toContain(`Draft:\n${reply}\n\n`);
			for (const id of [unread.feedbackId, refused.feedbackId]) {
				expect(await shopComments(id)).toEqual([]);
				expect(await markedHandled(id)).toBe(false);
			}
		} finally {
			await e2e.control.clearFaults();
		}
	});
});

describe('answer reviews with the poll trigger swapped in (no public URL)', () => {
	it('one poll finds two reviews; each gets its own reply once', async () => {
		await e2e.n8n.deactivate(workflowId);
		await e2e.control.setNotifier({ url: null });
		const { id } = await e2e.publishExample('answer-reviews.json', (workflow) => {
			swapInPollTrigger(workflow, { businessId: BUSINESS, pollSeconds: 20 });
		});
		await waitFor(
			'the first poll to save its state',
			async () => {
				const { staticData } = (await e2e.n8n.getWorkflow(id)) as { staticData?: unknown };
				const node = (staticData as Record<string, { communication?: { seen?: object } }> | null)?.[
					`node:${TRIGGER}`
				];
				return node?.communication?.seen ? true : undefined;
			},
			60_000,
		);
		const replies: Record<string, string> = {
			'Poll one: sturdy and quiet': 'Thank you for choosing us! The shop team',
			'Poll two: pretty colour': 'Thank you, we love that colour too! The shop team',
		};
		for (const [comment, reply] of Object.entries(replies)) await model(comment, reply);
		// Both reviews between two polls: right after a poll has read the list.
		const since = Date.now();
		await waitFor(
			'the next poll',
			async () =>
				(await e2e.control.requests({ operationId: 'getGoodsFeedbacks' })).some(
					(r) => Date.parse(r.at) > since,
				) || undefined,
			60_000,
		);
		await sleep(2000);
		const ids: Record<string, string> = {};
		for (const comment of Object.keys(replies))
			ids[comment] = (await buyer.buyerReview({ rating: 5, comment })).feedbackId;
		await waitFor(
			'both reviews answered',
			async () => {
				const done = await Promise.all(Object.values(ids).map((x) => markedHandled(x)));
				return done.every(Boolean) ? true : undefined;
			},
			90_000,
		);
		for (const [comment, reply] of Object.entries(replies)) {
			expect(await shopComments(ids[comment])).toEqual([reply]);
		}
		// One poll found both: one execution whose trigger gave two items.
		const executions = await e2e.n8n.listExecutions(id, true);
		const found = executions.map(
			(x) => x.data?.resultData?.runData?.[TRIGGER]?.[0]?.data?.main?.[0]?.length ?? 0,
		);
		expect(found).toEqual([2]);
		expect(executions[0].status).toBe('success');
		await e2e.n8n.deactivate(id);
	});
});
