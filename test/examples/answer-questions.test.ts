/**
 * The decisions inside examples/answer-questions.json, as table tests of its Code nodes: the check of a model's
 * draft (links, contacts, promises; unsure or unparsable answers; approval mode), and how a Telegram reply is read
 * (approval words, the team's own text, links refused, other chats and other workflows' posts ignored). The code
 * runs here as a plain function with the few n8n variables it uses: a fast layer; answer-questions.e2e.test.ts runs
 * the same code in a real n8n.
 */
import { runCodeNode } from '../../harness/codeNode';
import { readExample } from '../../harness/examples';

const workflow = readExample('answer-questions.json');

type Json = Record<string, unknown>;

/** Runs a Code node of the template on one item; `nodes` are what `$('<name>').item` returns. */
function runCode(name: string, json: Json, nodes: Record<string, Json> = {}): Json {
	return runCodeNode(workflow, name, json, nodes);
}

const question: Json = {
	businessId: '10001',
	questionId: '82001',
	telegramChatId: '-100123',
	postAutomatically: true,
	questionText: 'How many litres?',
	answersError: null,
};

function check(reply: unknown, options: { postAutomatically?: boolean; raw?: string } = {}) {
	const text = options.raw ?? JSON.stringify(reply);
	return runCode(
		'Check the draft',
		{ text },
		{
			'Question and its answers': {
				...question,
				postAutomatically: options.postAutomatically ?? true,
			},
		},
	);
}

describe('answer-questions: Check the draft', () => {
	it.each([
		'It holds 1.7 litres.',
		'Объём 1,7 л, мощность 2200 Вт.',
		'It weighs 1.5 kg, e.g. with the lid on.',
		'Yes, т.е. it fits a 20 cm shelf (size 120x60x75).',
	])('posts a confident clean draft automatically: %s', (reply) => {
		expect(check({ reply, confident: true, reason: 'notes' })).toMatchObject({
			draft: reply,
			autoPost: true,
			why: '',
		});
	});

	it.each([
		['See https://shop.example/kettle', 'a link'],
		['See www.shop.ru', 'a link'],
		['See shop.example.com for details', 'a link'],
		['Смотрите магазин.рф', 'a link'],
		['Call +7 999 123-45-67', 'a phone number'],
		['Звоните 8 (999) 123 45 67', 'a phone number'],
		['Write to help@shop.ru', 'an e-mail address'],
		['Ask us at t.me/shopbot', 'a messenger contact'],
		['Ask @shop_support', 'a messenger contact'],
		['Write us on WhatsApp', 'a messenger contact'],
		['Напишите в Телеграм', 'a messenger contact'],
		['We will refund you.', 'a promise'],
		['You get your money back.', 'a promise'],
		['We exchange it for free.', 'a promise'],
		['We replace it.', 'a promise'],
		['We compensate the delivery.', 'a promise'],
		['Оформим возврат.', 'a promise'],
		['Мы вернём вам деньги.', 'a promise'],
		['Сделаем обмен.', 'a promise'],
		['Будет замена.', 'a promise'],
		['Выплатим компенсацию.', 'a promise'],
	])('never posts "%s" by itself (%s)', (reply, what) => {
		const out = check({ reply, confident: true, reason: 'notes' });
		expect(out.autoPost).toBe(false);
		expect(out.draft).toBe(reply);
		expect(out.why).toContain(`The draft did not pass the check: it contains ${what}`);
	});

	it.each([
		[
			{ reply: 'Maybe.', confident: false, reason: 'No data.' },
			'The assistant is unsure: No data.',
		],
		[{ reply: '', confident: false, reason: 'No data.' }, 'The assistant has no answer: No data.'],
		[{ reply: 'Yes.', confident: 'true' }, 'The assistant is unsure: no reason given'],
		['Sure, it holds 1.7 l', 'its answer was not in the expected form'],
	])('sends an unsure or unparsable answer to the team: %j', (reply, why) => {
		const out = check(reply, typeof reply === 'string' ? { raw: reply } : {});
		expect(out.autoPost).toBe(false);
		expect(out.why).toContain(why);
	});

	it('reads JSON in a code fence', () => {
		const raw = '```json\n{"reply": "Yes.", "confident": true, "reason": "notes"}\n```';
		expect(check(undefined, { raw })).toMatchObject({ draft: 'Yes.', autoPost: true });
	});

	it('waits for approval when postAutomatically is off', () => {
		expect(
			check({ reply: 'Yes.', confident: true, reason: 'notes' }, { postAutomatically: false }),
		).toMatchObject({
			draft: 'Yes.',
			autoPost: false,
			why: expect.stringContaining('Approval mode'),
		});
	});

	it('tells the team when the model call failed', () => {
		const out = runCode(
			'Check the draft',
			{ error: 'The service was not able to process your request' },
			{ 'Question and its answers': question },
		);
		expect(out).toMatchObject({ draft: '', autoPost: false });
		expect(out.why).toContain('⚠️ The assistant could not draft an answer');
	});

	it('does not post when the existing answers could not be read', () => {
		const out = runCode(
			'Check the draft',
			{ text: JSON.stringify({ reply: 'Yes.', confident: true, reason: 'notes' }) },
			{ 'Question and its answers': { ...question, answersError: 'Access denied' } },
		);
		expect(out.autoPost).toBe(false);
		expect(out.why).toContain('The existing answers could not be read (Access denied)');
	});
});

const TEAM = -100123;
const post =
	'❓ A buyer asked about a product\nProduct: offer 100256\nFrom: Anna\n\nHow many litres?\n\n' +
	'Needs a person: Approval mode\n\nReply "ok" to post the draft as it is, or reply with your own answer.\n\n' +
	'Draft:\nIt holds 1.7 litres.\n\nSecond paragraph.\n\nquestion 82001 · business 10001';

function readReply(text: string, options: { chat?: number; original?: Json | null } = {}) {
	const original =
		options.original === null
			? undefined
			: (options.original ?? { text: post, from: { id: 1, is_bot: true } });
	return runCode('Read the reply', {
		telegramChatId: String(TEAM),
		message: {
			message_id: 7,
			chat: { id: options.chat ?? TEAM },
			text,
			reply_to_message: original,
		},
	});
}

describe('answer-questions: Read the reply', () => {
	it.each(['ok', 'OK', ' Okay ', 'approve', 'Approved', 'yes', '+', '👍', '✅', 'да', 'ОК'])(
		'"%s" posts the draft as it is',
		(text) => {
			expect(readReply(text)).toMatchObject({
				kind: 'post',
				questionId: '82001',
				businessId: '10001',
				text: 'It holds 1.7 litres.\n\nSecond paragraph.',
				approved: true,
			});
		},
	);

	it('posts any other text as the team’s own answer, a promise included', () => {
		expect(readReply('We will refund you if it leaks.')).toMatchObject({
			kind: 'post',
			text: 'We will refund you if it leaks.',
			approved: false,
		});
	});

	it.each(['See shop.example.com', 'Call +7 999 123-45-67', 'Write to a@b.ru', 'Ask @shop_help'])(
		'refuses "%s": no links or contacts',
		(text) => {
			const out = readReply(text);
			expect(out.kind).toBe('tell');
			expect(out.note).toContain('⚠️ Not posted (question 82001): your text contains');
		},
	);

	it('refuses to approve a post without a draft', () => {
		const original = {
			text: post.replace(/\n\nDraft:[\s\S]*?\n\nquestion/, '\n\nquestion'),
			from: { is_bot: true },
		};
		expect(readReply('ok', { original }).note).toContain('this post has no draft to approve');
	});

	it('ignores other chats and replies to other workflows’ posts', () => {
		expect(readReply('ok', { chat: 555 }).kind).toBe('ignore');
		for (const footer of ['chat 30003 · business 10001', 'review 80001 · business 10001']) {
			expect(
				readReply('ok', { original: { text: `Hi\n${footer}`, from: { is_bot: true } } }).kind,
			).toBe('ignore');
		}
	});

	it('hints when the message is not a reply to the bot’s post', () => {
		expect(readReply('hello', { original: null }).kind).toBe('tell');
		// The footer typed by a person is not a bot post.
		expect(readReply('ok', { original: { text: post, from: { is_bot: false } } }).kind).toBe(
			'tell',
		);
	});
});
