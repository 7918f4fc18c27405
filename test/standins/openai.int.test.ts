/** The OpenAI-compatible stand-in: scripted turns, tool checks, streaming (real HTTP on 127.0.0.1). */
import {
	OPENAI_STANDIN,
	createOpenAiControl,
	startOpenAiStandin,
	type OpenAiStandin,
} from '../../standins';

let ai: OpenAiStandin;
type ToolCall = { id: string; function: { name: string; arguments: string } };
const TOOLS = [
	{
		type: 'function',
		function: {
			name: 'read_history',
			description: 'Reads the chat',
			parameters: {
				type: 'object',
				properties: { limit: { type: 'number' } },
				required: ['limit'],
				additionalProperties: false,
			},
		},
	},
	{
		type: 'function',
		function: {
			name: 'send',
			parameters: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
		},
	},
];

async function complete(messages: unknown[], extra: Record<string, unknown> = {}, key = ai.apiKey) {
	const res = await fetch(`${ai.baseUrl}/chat/completions`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
		body: JSON.stringify({ model: OPENAI_STANDIN.model, messages, tools: TOOLS, ...extra }),
	});
	return { status: res.status, text: await res.text() };
}

const user = { role: 'user', content: 'Answer chat 7' };

beforeEach(async () => {
	ai = await startOpenAiStandin();
	await createOpenAiControl(ai.url).addScript({
		id: 's',
		match: 'chat 7',
		turns: [
			{
				toolCalls: [
					{ name: 'read_history', arguments: { limit: 3 } },
					{ name: 'send', arguments: { text: 'hi' } },
				],
			},
			{ content: 'done' },
		],
	});
});
afterEach(async () => {
	await ai.close();
});

describe('OpenAI-compatible stand-in', () => {
	it('answers the scripted tool calls, then the text once the calls are in the conversation (also split)', async () => {
		const first = JSON.parse((await complete([user])).text);
		expect(first.choices[0].finish_reason).toBe('tool_calls');
		const calls = first.choices[0].message.tool_calls;
		expect(calls.map((c: ToolCall) => [c.function.name, JSON.parse(c.function.arguments)])).toEqual(
			[
				['read_history', { limit: 3 }],
				['send', { text: 'hi' }],
			],
		);
		// n8n replays the two parallel calls as two assistant messages.
		const history = [
			user,
			{ role: 'assistant', content: '', tool_calls: [calls[0]] },
			{ role: 'tool', tool_call_id: calls[0].id, content: '[]' },
			{ role: 'assistant', content: '', tool_calls: [calls[1]] },
			{ role: 'tool', tool_call_id: calls[1].id, content: '{}' },
		];
		const second = JSON.parse((await complete(history)).text);
		expect(second.choices[0]).toMatchObject({
			finish_reason: 'stop',
			message: { content: 'done' },
		});
		const records = await createOpenAiControl(ai.url).requests();
		expect(records.map((r) => [r.scriptId, r.turn, r.status])).toEqual([
			['s', 0, 200],
			['s', 1, 200],
		]);
		expect(records[0].tools.map((t) => t.name)).toEqual(['read_history', 'send']);
	});

	it('streams the same answer as server-sent events', async () => {
		const { text } = await complete([user], {
			stream: true,
			stream_options: { include_usage: true },
		});
		const events = text
			.split('\n\n')
			.filter((e) => e.startsWith('data: '))
			.map((e) => e.slice(6));
		expect(events.at(-1)).toBe('[DONE]');
		const chunks = events.slice(0, -1).map((e) => JSON.parse(e));
		const args = chunks
			.flatMap((c) => c.choices[0]?.delta?.tool_calls ?? [])
			.filter((t: ToolCall & { index: number }) => t.index === 0)
			.map((t: ToolCall) => t.function.arguments)
			.join('');
		expect(JSON.parse(args)).toEqual({ limit: 3 });
		expect(chunks.some((c) => c.choices[0]?.finish_reason === 'tool_calls')).toBe(true);
		expect(chunks.at(-1).usage.total_tokens).toBeGreaterThan(0);
	});

	it('refuses a script that calls a tool the request does not offer, or with arguments off its schema', async () => {
		const control = createOpenAiControl(ai.url);
		await control.addScript({
			id: 'bad',
			match: 'chat 8',
			turns: [{ toolCalls: [{ name: 'delete_all', arguments: {} }] }],
		});
		await control.addScript({
			id: 'args',
			match: 'chat 9',
			turns: [{ toolCalls: [{ name: 'read_history', arguments: { limit: 'many' } }] }],
		});
		const unknown = await complete([{ role: 'user', content: 'chat 8' }]);
		expect(unknown.status).toBe(500);
		expect(unknown.text).toMatch(
			/calls tool \\"delete_all\\", but the request offers only: read_history, send/,
		);
		const wrong = await complete([{ role: 'user', content: 'chat 9' }]);
		expect(wrong.text).toMatch(/arguments of \\"read_history\\" do not match its schema/);
		expect((await complete([{ role: 'user', content: 'no script' }])).text).toMatch(
			/no script matches/,
		);
	});

	it('checks the API key like OpenAI does', async () => {
		const res = await complete([user], {}, 'sk-wrong');
		expect(res.status).toBe(401);
		expect(JSON.parse(res.text).error.code).toBe('invalid_api_key');
	});

	it('plays a rule-based demo model without a script (npm start): history first, then an answer', async () => {
		const demo = await startOpenAiStandin({ fallback: 'demo' });
		try {
			const res = await fetch(`${demo.baseUrl}/chat/completions`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${demo.apiKey}` },
				body: JSON.stringify({
					messages: [
						{
							role: 'user',
							content: 'A buyer wrote in chat 30003 (business 10001). The new message: hi',
						},
					],
					tools: TOOLS,
				}),
			});
			const body = JSON.parse(await res.text());
			expect(body.choices[0].message.tool_calls[0].function.name).toBe('read_history');
		} finally {
			await demo.close();
		}
	});

	it('drafts JSON for the review and question templates in demo mode: sure of a thank-you, unsure of a product fact', async () => {
		const demo = await startOpenAiStandin({ fallback: 'demo' });
		const draft = async (prompt: string) => {
			const res = await fetch(`${demo.baseUrl}/chat/completions`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${demo.apiKey}` },
				body: JSON.stringify({ messages: [{ role: 'user', content: prompt }] }),
			});
			const body = JSON.parse(await res.text());
			return JSON.parse(body.choices[0].message.content) as { reply: string; confident: boolean };
		};
		try {
			const json = 'Answer with JSON only: {"reply": "...", "confident": true, "reason": "..."}';
			const review = await draft(`A buyer wrote a 5-star review. ${json}`);
			expect(review).toMatchObject({ confident: true });
			expect(review.reply).toMatch(/^Thank you for your review/);
			const poor = await draft(`A review.\nRating: 2 of 5 (a poor review: apologise)\n${json}`);
			expect(poor.reply).toMatch(/^We are sorry/);
			const question = await draft(`A buyer asked a question about a product. ${json}`);
			expect(question).toMatchObject({ confident: false });
		} finally {
			await demo.close();
		}
	});
});
