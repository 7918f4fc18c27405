/**
 * A local stand-in for an OpenAI-compatible chat model: `POST /v1/chat/completions` (plain and streamed as
 * server-sent events) and `GET /v1/models`, as LangChain's ChatOpenAI inside n8n's OpenAI Chat Model node calls
 * them through the openAiApi credential's Base URL. No model runs: answers come from scripts.
 *
 * A script is a list of turns (tool calls with arguments, or a final text). A request picks the first script whose
 * `match` text occurs in its system or user messages, and the turn by how many assistant turns the conversation
 * already holds, so each conversation follows its plan no matter how requests interleave. Every scripted tool call
 * is checked against the tools the request offers (name and JSON schema of the arguments), so a script cannot call
 * a tool that a real model would not have been given. Every request is recorded: messages, tools with their names,
 * descriptions and schemas.
 *
 * Without a matching script the stand-in either refuses (tests: `fallback: 'error'`) or plays a tiny rule-based
 * "demo" model that reads the history, answers or hands over (npm start).
 */
import Ajv from 'ajv';
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { HttpError, listenLoopback, parseBody, sendJson } from './http';

export interface ScriptedToolCall {
	name: string;
	arguments: Record<string, unknown>;
}

export interface ScriptTurn {
	toolCalls?: ScriptedToolCall[];
	content?: string;
}

export interface Script {
	id?: string;
	/** Text that must occur in the system or user messages; empty matches every conversation. */
	match?: string;
	turns: ScriptTurn[];
}

export interface OfferedTool {
	name: string;
	description?: string;
	parameters?: Record<string, unknown>;
}

export interface ChatMessage {
	role: string;
	content?: unknown;
	tool_calls?: Array<{ id: string; type: string; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
	name?: string;
}

export interface CompletionRecord {
	id: number;
	at: string;
	model: string;
	stream: boolean;
	messages: ChatMessage[];
	tools: OfferedTool[];
	scriptId?: string;
	turn: number;
	status: number;
	/** what the stand-in answered: the tool calls or the text */
	reply?: ScriptTurn;
	error?: string;
}

export interface OpenAiStandinOptions {
	port?: number;
	apiKey?: string;
	/** What to do when no script matches: 'error' (default, for tests) or the rule-based 'demo' model. */
	fallback?: 'error' | 'demo';
	log?: (line: string) => void;
}

export const OPENAI_STANDIN = { apiKey: 'sk-standin-local-model-key', model: 'gpt-4o-mini' };

export interface OpenAiStandin {
	url: string;
	/** what the credential's Base URL must be: `<url>/v1` */
	baseUrl: string;
	apiKey: string;
	state: OpenAiState;
	close(): Promise<void>;
}

export class OpenAiState {
	scripts: Array<Script & { id: string }> = [];
	requests: CompletionRecord[] = [];
	private nextId = 1;
	private nextScript = 1;

	addScript(script: Script): Script & { id: string } {
		if (!Array.isArray(script.turns) || script.turns.length === 0)
			throw new HttpError(400, 'a script needs at least one turn');
		const full = { ...script, id: script.id ?? `script-${this.nextScript++}` };
		this.scripts = this.scripts.filter((s) => s.id !== full.id);
		this.scripts.push(full);
		return full;
	}

	record(entry: Omit<CompletionRecord, 'id' | 'at'>): CompletionRecord {
		const full = { id: this.nextId++, at: new Date().toISOString(), ...entry };
		this.requests.push(full);
		return full;
	}

	reset(): void {
		this.scripts = [];
		this.requests = [];
	}
}

function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content))
		return content
			.map((part) =>
				typeof part === 'string' ? part : String((part as { text?: unknown })?.text ?? ''),
			)
			.join('');
	return '';
}

function offeredTools(body: Record<string, unknown>): OfferedTool[] {
	const tools = Array.isArray(body.tools) ? (body.tools as Array<Record<string, unknown>>) : [];
	return tools.map((t) => {
		const fn = (t.function ?? {}) as Record<string, unknown>;
		return {
			name: String(fn.name ?? ''),
			description: typeof fn.description === 'string' ? fn.description : undefined,
			parameters: fn.parameters as Record<string, unknown> | undefined,
		};
	});
}

const ajv = new Ajv({ strict: false, allErrors: true });

/** A real model is only given these tools and their schemas; a script must stay within them too. */
function checkToolCalls(turn: ScriptTurn, tools: OfferedTool[]): string[] {
	const problems: string[] = [];
	for (const call of turn.toolCalls ?? []) {
		const tool = tools.find((t) => t.name === call.name);
		if (!tool) {
			problems.push(
				`the script calls tool "${call.name}", but the request offers only: ${tools.map((t) => t.name).join(', ') || 'no tools'}`,
			);
			continue;
		}
		if (tool.parameters) {
			const validate = ajv.compile(tool.parameters);
			if (!validate(call.arguments))
				problems.push(
					`arguments of "${call.name}" do not match its schema: ${ajv.errorsText(validate.errors)}`,
				);
		}
	}
	return problems;
}

/**
 * What the model already answered in this conversation: the names of the tools it called, in order ('#text' for
 * a text answer). n8n replays parallel calls of one answer as separate assistant messages, so turns are found by
 * matching these calls against the script, not by counting assistant messages.
 */
function observedCalls(messages: ChatMessage[]): string[] {
	return messages
		.filter((m) => m.role === 'assistant')
		.flatMap((m) =>
			m.tool_calls?.length
				? m.tool_calls.map((c) => c.function.name)
				: textOf(m.content) !== ''
					? ['#text']
					: [],
		);
}

/** The index of the script turn to answer now, or why the conversation no longer follows the script. */
function scriptPosition(script: Script & { id: string }, observed: string[]): number | string {
	let pos = 0;
	let turn = 0;
	for (const t of script.turns) {
		if (pos >= observed.length) break;
		const names = t.toolCalls?.length ? t.toolCalls.map((c) => c.name) : ['#text'];
		const seen = observed.slice(pos, pos + names.length);
		if ([...seen].sort().join() !== [...names].sort().join())
			return `the conversation left script ${script.id} at turn ${turn + 1}: expected ${names.join(', ')}, saw ${seen.join(', ')}`;
		pos += names.length;
		turn += 1;
	}
	if (pos < observed.length)
		return `the conversation went past script ${script.id}: ${observed.slice(pos).join(', ')}`;
	return turn;
}

// ---------- the demo model (npm start only) ----------

const HUMAN_RE = /\b(human|person|operator|manager|real agent)\b|оператор|человек|менеджер/i;

function demoArguments(
	tool: OfferedTool,
	facts: { businessId?: string; chatId?: string; reply: string; reason: string },
): Record<string, unknown> {
	const props = ((tool.parameters?.properties ?? {}) as Record<string, { type?: string }>) ?? {};
	const args: Record<string, unknown> = {};
	for (const [name, schema] of Object.entries(props)) {
		const n = name.toLowerCase();
		let value: unknown;
		if (n.includes('business')) value = facts.businessId;
		else if (n.includes('chat')) value = facts.chatId;
		else if (/reason|summary|why/.test(n)) value = facts.reason;
		else if (/text|message|reply|answer/.test(n)) value = facts.reply;
		else if (n.includes('limit')) value = 10;
		if (value === undefined) continue;
		args[name] = schema?.type === 'number' ? Number(value) : value;
	}
	return args;
}

/**
 * A draft asked for as JSON (the review and question templates: `{"reply", "confident", "reason"}`, no tools): a
 * polite fixed draft. The demo cannot see a product, so it is sure only of a thank-you for a review.
 */
function demoDraft(prompt: string): ScriptTurn {
	const question = /\bquestion\b/i.test(prompt) && !/\breview\b/i.test(prompt);
	// The review template says "Rating: N of 5 (a poor review: …)" for ratings at or below its threshold.
	const poor = /\ba poor review:/i.test(prompt.split('\n').find((l) => /^Rating:/i.test(l)) ?? '');
	const draft = question
		? {
				reply:
					'Thank you for your question! We are checking the details and will add them here. (A draft by the local demo model.)',
				confident: false,
				reason: 'The demo model cannot see the product, so a person should check this draft.',
			}
		: poor
			? {
					reply:
						'We are sorry about your experience, and thank you for telling us. We are looking into it. (A draft by the local demo model.)',
					confident: true,
					reason: '',
				}
			: {
					reply:
						'Thank you for your review and for choosing our shop! We are glad you shared your experience. (A draft by the local demo model.)',
					confident: true,
					reason: '',
				};
	return { content: JSON.stringify(draft) };
}

function demoTurn(messages: ChatMessage[], tools: OfferedTool[], turn: number): ScriptTurn {
	const userText = messages
		.filter((m) => m.role === 'user' || m.role === 'system')
		.map((m) => textOf(m.content))
		.join('\n');
	const lastUser = textOf([...messages].reverse().find((m) => m.role === 'user')?.content);
	const businessId = /business(?:\s*id)?\D{0,4}(\d{1,19})/i.exec(userText)?.[1];
	const chatId = /chat(?:\s*id)?\D{0,4}(\d{1,19})/i.exec(lastUser || userText)?.[1];
	const question =
		/message:\s*([\s\S]{0,200})/i.exec(lastUser)?.[1]?.trim() ?? lastUser.slice(0, 200);
	const facts = {
		businessId,
		chatId,
		reply: `Thank you for your message! This is an automatic answer from the local model stand-in. You wrote: "${question}"`,
		reason: `The buyer asked for a person: "${question}"`,
	};
	const find = (re: RegExp) => tools.find((t) => re.test(t.name));
	const plan: ScriptTurn[] = [];
	const handoff = find(/hand|person|human|escalat/i);
	if (HUMAN_RE.test(question) && handoff) {
		plan.push({ toolCalls: [{ name: handoff.name, arguments: demoArguments(handoff, facts) }] });
	} else {
		const history = find(/history/i);
		const send = find(/send|answer|reply/i);
		if (history)
			plan.push({ toolCalls: [{ name: history.name, arguments: demoArguments(history, facts) }] });
		if (send)
			plan.push({ toolCalls: [{ name: send.name, arguments: demoArguments(send, facts) }] });
	}
	return plan[turn] ?? { content: 'Done.' };
}

// ---------- answers ----------

function completionId(): string {
	return `chatcmpl-standin${randomBytes(8).toString('hex')}`;
}

function toolCallsOut(turn: ScriptTurn) {
	return (turn.toolCalls ?? []).map((c) => ({
		id: `call_${randomBytes(9).toString('hex')}`,
		type: 'function' as const,
		function: { name: c.name, arguments: JSON.stringify(c.arguments) },
	}));
}

function usage(messages: ChatMessage[], turn: ScriptTurn) {
	const prompt = Math.ceil(JSON.stringify(messages).length / 4);
	const completion = Math.ceil(JSON.stringify(turn).length / 4);
	return {
		prompt_tokens: prompt,
		completion_tokens: completion,
		total_tokens: prompt + completion,
	};
}

function sendCompletion(
	res: http.ServerResponse,
	model: string,
	messages: ChatMessage[],
	turn: ScriptTurn,
): void {
	const calls = toolCallsOut(turn);
	sendJson(res, 200, {
		id: completionId(),
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [
			{
				index: 0,
				message: {
					role: 'assistant',
					content: calls.length ? (turn.content ?? null) : (turn.content ?? ''),
					...(calls.length ? { tool_calls: calls } : {}),
					refusal: null,
				},
				logprobs: null,
				finish_reason: calls.length ? 'tool_calls' : 'stop',
			},
		],
		usage: usage(messages, turn),
		system_fingerprint: 'fp_standin',
	});
}

function streamCompletion(
	res: http.ServerResponse,
	model: string,
	messages: ChatMessage[],
	turn: ScriptTurn,
	includeUsage: boolean,
): void {
	const id = completionId();
	const created = Math.floor(Date.now() / 1000);
	res.writeHead(200, {
		'Content-Type': 'text/event-stream',
		'Cache-Control': 'no-cache',
		Connection: 'keep-alive',
	});
	const event = (fields: Record<string, unknown>) =>
		res.write(
			`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, ...fields })}\n\n`,
		);
	const chunk = (delta: Record<string, unknown>, finish: string | null) =>
		event({
			system_fingerprint: 'fp_standin',
			choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
		});
	const calls = toolCallsOut(turn);
	chunk({ role: 'assistant', content: calls.length ? null : '', refusal: null }, null);
	if (calls.length) {
		calls.forEach((call, index) => {
			chunk(
				{
					tool_calls: [
						{
							index,
							id: call.id,
							type: 'function',
							function: { name: call.function.name, arguments: '' },
						},
					],
				},
				null,
			);
			// Arguments arrive in pieces, as real streams deliver them.
			const args = call.function.arguments;
			for (let i = 0; i < args.length; i += 16)
				chunk({ tool_calls: [{ index, function: { arguments: args.slice(i, i + 16) } }] }, null);
		});
	} else {
		const text = turn.content ?? '';
		for (let i = 0; i < text.length; i += 12) chunk({ content: text.slice(i, i + 12) }, null);
	}
	chunk({}, calls.length ? 'tool_calls' : 'stop');
	if (includeUsage) event({ choices: [], usage: usage(messages, turn) });
	res.end('data: [DONE]\n\n');
}

function openAiError(res: http.ServerResponse, status: number, message: string, code: string) {
	sendJson(res, status, { error: { message, type: 'invalid_request_error', param: null, code } });
}

async function completions(
	state: OpenAiState,
	options: Required<Pick<OpenAiStandinOptions, 'fallback'>> & { apiKey: string },
	req: http.IncomingMessage,
	res: http.ServerResponse,
	log: (line: string) => void,
): Promise<void> {
	const auth = String(req.headers.authorization ?? '');
	const body = (await parseBody(req)).fields;
	const messages = Array.isArray(body.messages) ? (body.messages as ChatMessage[]) : [];
	const tools = offeredTools(body);
	const model = String(body.model ?? OPENAI_STANDIN.model);
	const stream = body.stream === true;
	const observed = observedCalls(messages);
	const base = { model, stream, messages, tools, turn: 0 };
	if (auth !== `Bearer ${options.apiKey}`) {
		state.record({ ...base, status: 401, error: 'Incorrect API key provided' });
		return openAiError(res, 401, 'Incorrect API key provided.', 'invalid_api_key');
	}
	if (messages.length === 0) {
		state.record({ ...base, status: 400, error: 'messages is empty' });
		return openAiError(res, 400, "'messages' must contain at least one message.", 'invalid_value');
	}
	const prompt = messages
		.filter((m) => m.role === 'system' || m.role === 'user')
		.map((m) => textOf(m.content))
		.join('\n');
	const script = state.scripts.find((s) => !s.match || prompt.includes(s.match));
	let turn: ScriptTurn | undefined;
	let turnIndex = observed.length;
	let problem = '';
	if (script) {
		const position = scriptPosition(script, observed);
		if (typeof position === 'string') problem = position;
		else {
			turnIndex = position;
			turn = script.turns[turnIndex];
			if (!turn)
				problem = `script ${script.id} has no turn ${turnIndex + 1} (it has ${script.turns.length})`;
		}
	} else if (options.fallback === 'demo')
		turn =
			tools.length === 0 && prompt.includes('"confident"')
				? demoDraft(prompt)
				: demoTurn(messages, tools, turnIndex);
	else problem = 'no script matches this conversation';
	base.turn = turnIndex;
	if (!problem && turn) problem = checkToolCalls(turn, tools).join('; ');
	if (problem) {
		state.record({ ...base, scriptId: script?.id, status: 500, error: problem });
		log(`chat.completions -> 500 ${problem}`);
		return sendJson(res, 500, {
			error: {
				message: `Stand-in model: ${problem}`,
				type: 'server_error',
				code: 'standin_script',
			},
		});
	}
	state.record({ ...base, scriptId: script?.id ?? 'demo', status: 200, reply: turn });
	log(
		`chat.completions (${stream ? 'stream' : 'plain'}) turn ${turnIndex + 1} -> ${turn!.toolCalls?.map((c) => c.name).join(', ') || 'text'}`,
	);
	const includeUsage =
		(body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
	if (stream) streamCompletion(res, model, messages, turn!, includeUsage);
	else sendCompletion(res, model, messages, turn!);
}

export async function startOpenAiStandin(
	options: OpenAiStandinOptions = {},
): Promise<OpenAiStandin> {
	const state = new OpenAiState();
	const apiKey = options.apiKey ?? OPENAI_STANDIN.apiKey;
	const fallback = options.fallback ?? 'error';
	const log = options.log ?? (() => undefined);
	const server = await listenLoopback((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const method = req.method ?? 'GET';
		const run = async () => {
			const path = url.pathname.replace(/\/+$/, '');
			if (method === 'POST' && path === '/v1/chat/completions')
				return await completions(state, { apiKey, fallback }, req, res, log);
			if (method === 'GET' && path === '/v1/models') {
				return sendJson(res, 200, {
					object: 'list',
					data: [OPENAI_STANDIN.model, 'gpt-4o'].map((id) => ({
						id,
						object: 'model',
						created: 1715367049,
						owned_by: 'standin',
					})),
				});
			}
			if (path === '/_openai' && method === 'GET')
				return sendJson(res, 200, {
					baseUrl: `${server.url}/v1`,
					apiKey,
					fallback,
					scripts: state.scripts,
				});
			if (path === '/_openai/reset' && method === 'POST') {
				state.reset();
				return sendJson(res, 200, { ok: true });
			}
			if (path === '/_openai/scripts') {
				if (method === 'POST')
					return sendJson(
						res,
						200,
						state.addScript((await parseBody(req)).fields as unknown as Script),
					);
				if (method === 'DELETE') {
					state.scripts = [];
					return sendJson(res, 200, { ok: true });
				}
				return sendJson(res, 200, state.scripts);
			}
			if (path === '/_openai/requests') {
				if (method === 'DELETE') {
					state.requests = [];
					return sendJson(res, 200, { ok: true });
				}
				return sendJson(res, 200, state.requests);
			}
			return openAiError(res, 404, `Unknown request URL: ${method} ${url.pathname}`, 'unknown_url');
		};
		run().catch((error: Error) => {
			if (res.headersSent) {
				res.end();
				return;
			}
			const status = error instanceof HttpError ? error.status : 500;
			sendJson(res, status, { error: { message: error.message, type: 'server_error' } });
		});
	}, options.port ?? 0);
	return {
		url: server.url,
		baseUrl: `${server.url}/v1`,
		apiKey,
		state,
		close: () => server.close(),
	};
}
