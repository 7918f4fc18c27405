/** The Telegram Bot API stand-in speaks the protocol n8n's Telegram nodes use (real HTTP on 127.0.0.1). */
import {
	TELEGRAM_STANDIN,
	createTelegramControl,
	startTelegramStandin,
	type TelegramStandin,
} from '../../standins';
import { listenLoopback, readBody } from '../../standins/http';

let tg: TelegramStandin;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- wire JSON, the assertions check its shape
type Wire = Record<string, any>;
const team = TELEGRAM_STANDIN.teamChat.id;

async function api(method: string, body: unknown, token = tg.token) {
	const res = await fetch(`${tg.url}/bot${token}/${method}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	return { status: res.status, body: (await res.json()) as Wire };
}

beforeEach(async () => {
	tg = await startTelegramStandin();
});
afterEach(async () => {
	await tg.close();
});

describe('Telegram Bot API stand-in', () => {
	it('answers getMe for its token and 401 for any other', async () => {
		expect((await api('getMe', {})).body).toEqual({ ok: true, result: TELEGRAM_STANDIN.bot });
		expect(await api('getMe', {}, '1:wrong')).toEqual({
			status: 401,
			body: { ok: false, error_code: 401, description: 'Unauthorized' },
		});
	});

	it('parses HTML like Telegram: entities decoded, unbalanced or unknown tags refused', async () => {
		const ok = await api('sendMessage', {
			chat_id: String(team),
			text: '<b>New</b> &lt;b&gt; &amp; <a href="https://x.test/">link</a>',
			parse_mode: 'HTML',
		});
		expect(ok.body.result).toMatchObject({
			message_id: 1,
			chat: { id: team },
			text: 'New <b> & link',
			entities: [
				{ type: 'bold', offset: 0, length: 3 },
				{ type: 'text_link', offset: 10, length: 4, url: 'https://x.test/' },
			],
		});
		const refused = await Promise.all([
			api('sendMessage', { chat_id: team, text: '<b>open', parse_mode: 'HTML' }),
			api('sendMessage', { chat_id: team, text: 'a <x> b', parse_mode: 'HTML' }),
			api('sendMessage', { chat_id: team, text: 'snake_case', parse_mode: 'Markdown' }),
		]);
		for (const r of refused) {
			expect(r.status).toBe(400);
			expect(r.body.description).toMatch(/^Bad Request: Can't parse entities: /);
		}
	});

	it('refuses what Telegram refuses: no chat, unknown chat, empty or too long text, a missing reply target', async () => {
		const cases: Array<[unknown, string]> = [
			[{ text: 'x' }, 'Bad Request: chat_id is empty'],
			[{ chat_id: 42, text: 'x' }, 'Bad Request: chat not found'],
			[{ chat_id: team, text: '' }, 'Bad Request: message text is empty'],
			[{ chat_id: team, text: 'x'.repeat(4097) }, 'Bad Request: message is too long'],
			[
				{ chat_id: team, text: 'x', reply_to_message_id: 99 },
				'Bad Request: message to be replied not found',
			],
		];
		for (const [body, description] of cases) {
			expect((await api('sendMessage', body)).body).toEqual({
				ok: false,
				error_code: 400,
				description,
			});
		}
	});

	it('takes a multipart photo upload and serves the same bytes through getFile and /file/bot<token>/', async () => {
		const form = new FormData();
		form.set('chat_id', String(team));
		form.set('caption', 'the box');
		form.set('photo', new Blob([Buffer.from('jpeg-bytes')], { type: 'image/jpeg' }), 'box.jpg');
		const sent = (await (
			await fetch(`${tg.url}/bot${tg.token}/sendPhoto`, { method: 'POST', body: form })
		).json()) as { result: { photo: Array<{ file_id: string }>; caption: string } };
		expect(sent.result.caption).toBe('the box');
		const file = await api('getFile', { file_id: sent.result.photo.at(-1)!.file_id });
		expect(file.body.result.file_path).toMatch(/^photos\/file_\d+\.jpg$/);
		const bytes = await fetch(`${tg.url}/file/bot${tg.token}/${file.body.result.file_path}`);
		expect(Buffer.from(await bytes.arrayBuffer()).toString()).toBe('jpeg-bytes');
		const [call] = await createTelegramControl(tg.url).calls('sendPhoto');
		expect(call).toMatchObject({
			token: `****${tg.token.slice(-4)}`,
			files: [{ field: 'photo', fileName: 'box.jpg', mimeType: 'image/jpeg', size: 10 }],
		});
	});

	it('delivers user updates to the webhook with the secret token, replies carrying the replied-to message, and redelivers on demand', async () => {
		const received: Array<{ secret?: string; body: Wire }> = [];
		const hook = await listenLoopback(async (req, res) => {
			received.push({
				secret: req.headers['x-telegram-bot-api-secret-token'] as string | undefined,
				body: JSON.parse((await readBody(req)).toString()),
			});
			res.end('ok');
		});
		try {
			const control = createTelegramControl(tg.url);
			await api('setWebhook', {
				url: `${hook.url}/hook`,
				secret_token: 'wf_1-node',
				allowed_updates: ['message'],
			});
			expect((await api('getWebhookInfo', {})).body.result).toMatchObject({
				url: `${hook.url}/hook`,
			});
			const post = await api('sendMessage', {
				chat_id: team,
				text: 'buyer asks\nchat 1 · business 2',
			});
			const { update, delivery } = await control.userMessage({
				replyTo: post.body.result.message_id,
				text: 'answer',
			});
			expect(delivery).toMatchObject({ status: 200, secretSent: true });
			await control.redeliver(update.update_id);
			expect(received.map((r) => r.secret)).toEqual(['wf_1-node', 'wf_1-node']);
			expect(received[1].body).toEqual(received[0].body);
			expect(received[0].body.message).toMatchObject({
				text: 'answer',
				from: { id: TELEGRAM_STANDIN.users[0].id, is_bot: false },
				reply_to_message: { text: 'buyer asks\nchat 1 · business 2', from: { is_bot: true } },
			});
		} finally {
			await hook.close();
		}
	});

	it('keeps one webhook per bot: a reply goes to the bot whose post it answers, anything else to the main bot', async () => {
		const received: Array<{ path: string; text: string }> = [];
		const hook = await listenLoopback(async (req, res) => {
			const body = JSON.parse((await readBody(req)).toString()) as Wire;
			received.push({ path: String(req.url), text: String(body.message?.text) });
			res.end('ok');
		});
		try {
			const control = createTelegramControl(tg.url);
			const [reviews] = TELEGRAM_STANDIN.otherBots;
			expect((await api('getMe', {}, reviews.token)).body.result).toEqual(reviews.bot);
			await api('setWebhook', { url: `${hook.url}/main` });
			await api('setWebhook', { url: `${hook.url}/reviews` }, reviews.token);
			// Each bot sees its own registration, and the main bot's is unchanged by the other's.
			expect((await api('getWebhookInfo', {}, reviews.token)).body.result.url).toBe(
				`${hook.url}/reviews`,
			);
			expect((await api('getWebhookInfo', {})).body.result.url).toBe(`${hook.url}/main`);
			const mainPost = await api('sendMessage', { chat_id: team, text: 'from main' });
			const reviewPost = await api(
				'sendMessage',
				{ chat_id: team, text: 'from reviews' },
				reviews.token,
			);
			expect(reviewPost.body.result.from).toEqual(reviews.bot);
			await control.userMessage({ replyTo: reviewPost.body.result.message_id, text: 'to reviews' });
			await control.userMessage({ replyTo: mainPost.body.result.message_id, text: 'to main' });
			await control.userMessage({ text: 'no reply' });
			expect(received).toEqual([
				{ path: '/reviews', text: 'to reviews' },
				{ path: '/main', text: 'to main' },
				{ path: '/main', text: 'no reply' },
			]);
		} finally {
			await hook.close();
		}
	});
});
