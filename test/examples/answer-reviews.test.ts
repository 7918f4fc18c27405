/**
 * The decisions inside examples/answer-reviews.json, as table tests of its Code nodes: which review is answered
 * automatically (rating above the threshold, a sure model, a draft that passes the check) and how a Telegram reply
 * is read (approve, skip, the team's own text, links and contacts refused, other chats and other workflows' posts
 * ignored). Also: the check is the same code in every Code node of both review and question templates. A fast
 * layer; answer-reviews.e2e.test.ts runs the same code in a real n8n.
 */
import { runCodeNode } from '../../harness/codeNode';
import { readExample } from '../../harness/examples';

const workflow = readExample('answer-reviews.json');
type Json = Record<string, unknown>;
const TEAM = '-100123';

function decide(
	rating: number,
	reply: unknown,
	options: { raw?: string; threshold?: number } = {},
) {
	return runCodeNode(
		workflow,
		"Read the model's answer",
		{ text: options.raw ?? JSON.stringify(reply) },
		{
			'One review at a time': {
				businessId: '10001',
				feedbackId: '80001',
				lowRatingThreshold: options.threshold ?? 3,
				review: { rating },
			},
		},
	);
}

const footer = 'review 80001 · business 10001';
function reply(
	text: string,
	post: Partial<{ text: string; isBot: boolean; chat: string }> = {},
): Json {
	return runCodeNode(workflow, 'Find the review', {
		telegramChatId: TEAM,
		message: {
			message_id: 7,
			chat: { id: Number(post.chat ?? TEAM) },
			text,
			reply_to_message: {
				message_id: 3,
				from: { is_bot: post.isBot ?? true },
				text:
					post.text ??
					`★★☆☆☆ (2 of 5)\nThe lid squeaks\n\nDraft:\nSorry about the lid.\n\n${footer}`,
			},
		},
	});
}

describe('answer-reviews: which review is answered automatically', () => {
	it.each([
		[5, 3],
		[4, 3],
		[5, 4],
	])(
		'a %i-star review with threshold %i, a sure model and a clean draft goes out',
		(rating, threshold) => {
			expect(decide(rating, { reply: 'Thank you!', confident: true }, { threshold })).toMatchObject(
				{
					route: 'auto',
					draft: 'Thank you!',
					reasons: [],
				},
			);
		},
	);

	it.each([
		[3, { reply: 'Thank you!', confident: true }, 'Rated 3 of 5: reviews rated 3 or lower'],
		[1, { reply: 'Sorry!', confident: true }, 'Rated 1 of 5'],
		[5, { reply: 'Thanks!', confident: false, reason: 'a question' }, 'not sure: a question'],
		[5, { reply: '', confident: true }, 'wrote no reply'],
		[5, { reply: 'We will refund you.', confident: true }, 'a promise of a refund'],
		[5, { reply: 'Вернём вам деньги.', confident: true }, 'a promise of a refund'],
		[5, { reply: 'See shop.example.com', confident: true }, 'a link ("shop.example.com")'],
		[5, { reply: 'Call 8 (999) 123 45 67', confident: true }, 'a phone number'],
		[5, { reply: 'Write to help@shop.ru', confident: true }, 'an e-mail address'],
		[5, { reply: 'Find us on WhatsApp', confident: true }, 'a messenger contact'],
	])('a %i-star review answered %j goes to the team', (rating, answer, reason) => {
		const out = decide(rating, answer);
		expect(out.route).toBe('team');
		expect((out.reasons as string[]).join(' ')).toContain(reason);
	});

	it('counts an answer that is not JSON as unsure', () => {
		const out = decide(5, undefined, { raw: 'Thanks a lot!' });
		expect(out.route).toBe('team');
		expect((out.reasons as string[]).join(' ')).toContain('not answer in the expected format');
	});

	// Ten digits or more in a row count as a phone (999 123 45 67 is one), so a longer number goes to a person: safe.
	it.each(['Thank you! Your order from 2026-12-06 is on its way.', 'Thanks for order 400031234.'])(
		'does not take a date or an order number for a phone: %s',
		(text) => {
			expect(decide(5, { reply: text, confident: true }).route).toBe('auto');
		},
	);
});

describe('answer-reviews: reading a reply in Telegram', () => {
	it.each(['ok', 'OK', 'approve', 'да', '👍', '✅'])(
		'"%s" posts the draft from the post',
		(word) => {
			expect(reply(word)).toMatchObject({
				kind: 'post',
				feedbackId: '80001',
				businessId: '10001',
				text: 'Sorry about the lid.',
			});
		},
	);

	it('"skip" marks the review handled without a comment', () => {
		expect(reply('skip')).toMatchObject({ kind: 'skip', feedbackId: '80001' });
	});

	it('posts the team’s own text, a promise included (a person may promise)', () => {
		expect(reply('We will exchange it, Anna.')).toMatchObject({
			kind: 'post',
			text: 'We will exchange it, Anna.',
		});
	});

	it.each(['See shop.example.com', 'Call +7 999 123-45-67', 'Write to a@b.ru', 'Ask @shop_help'])(
		'refuses links and contacts in the team’s text: %s',
		(text) => {
			expect(reply(text)).toMatchObject({ kind: 'problem' });
			expect(String(reply(text).problem)).toContain('which Yandex Market does not allow');
		},
	);

	it('ignores other chats and posts of the other templates; a message that is not a reply gets a hint', () => {
		expect(reply('ok', { chat: '700001' }).kind).toBe('ignore');
		expect(reply('ok', { text: 'Buyer wrote\nchat 30003 · business 10001' }).kind).toBe('ignore');
		expect(reply('ok', { text: 'Question\nquestion 82001 · business 10001' }).kind).toBe('ignore');
		// Anyone can type the footer: only the bot's own posts count.
		expect(reply('ok', { isBot: false }).kind).toBe('notAReply');
	});
});

describe('the check is one rule set', () => {
	it('is the same code in every Code node of answer-reviews.json and answer-questions.json that checks a text', () => {
		const blocks = ['answer-reviews.json', 'answer-questions.json'].flatMap((file) =>
			readExample(file)
				.nodes.map((n) => String(n.parameters.jsCode ?? ''))
				.filter((code) => code.includes('function contactProblem'))
				.map((code) => {
					const start = code.indexOf('// ── The check');
					const end = code.indexOf('// ── end of the check ──');
					expect(start).toBeGreaterThanOrEqual(0);
					expect(end).toBeGreaterThan(start);
					return code.slice(start, end);
				}),
		);
		expect(blocks).toHaveLength(4);
		expect(new Set(blocks).size).toBe(1);
	});
});
