/**
 * examples/answer-questions.json in a real n8n, with the sandbox playing buyers and Yandex's notifier, and the
 * Telegram and OpenAI-compatible stand-ins: with postAutomatically on, a confident clean draft is posted once and the
 * team only gets a note, while an unsure draft or one with a phone number and a refund promise goes to the team;
 * a redelivered notification and the shop's own answer start nothing new. With the default (approval in Telegram),
 * "ok" posts the draft, a second "ok" says "Already answered", the team's own text is posted as it is and a link in
 * it is refused; others' answers reach the model, a question the shop already answered gets no draft, and a failed
 * model call reaches the team. With a poll trigger swapped in, two questions found by one poll get their own posts.
 */
import { COMMUNICATION_SEED, SANDBOX_SEED, createCommunicationControlClient } from '../../sandbox';
import { TELEGRAM_STANDIN } from '../../standins';
import { TRIGGER_TYPE, nodeOutput, useE2E, waitFor, swapInPollTrigger } from '../../harness';
import type { Workflow } from '../../harness';

const e2e = useE2E('answer-questions', {
	standins: ['telegram', 'openai'],
	testTimeoutMs: 180_000,
});
const FILE = 'answer-questions.json';
const BUSINESS = SANDBOX_SEED.businessId;
const TEAM = TELEGRAM_STANDIN.teamChat.id;
const TRIGGER = 'Buyer asked a question';
const NOTES = 'Kettle 100256: 1.7 litres, 2200 W, steel body, lid comes off for cleaning.';

const buyer = () => createCommunicationControlClient(e2e.sandbox.url);

/** The model's JSON reply for the question with this text. */
async function modelSays(
	questionText: string,
	reply: { reply: string; confident: boolean; reason: string },
): Promise<void> {
	await e2e.openai.control.addScript({
		id: questionText,
		match: questionText,
		turns: [{ content: JSON.stringify(reply) }],
	});
}

async function ask(text: string): Promise<string> {
	const { questionId, deliveries } = await buyer().buyerQuestion({ text, offerId: '100256' });
	expect(deliveries.map((d) => [d.type, d.status])).toEqual([['QUESTION_CREATED', 200]]);
	return questionId;
}

/** The shop's answers (BUSINESS) the sandbox has stored for a question. */
async function shopAnswers(questionId: string): Promise<string[]> {
	const q = await buyer().question(questionId);
	return (q.answers as Array<{ text: string; author: { type: string } }>)
		.filter((a) => a.author.type === 'BUSINESS')
		.map((a) => a.text);
}

async function teamPosts(questionId: string) {
	return (await e2e.telegram.control.messages(TEAM, 'bot')).filter((m) =>
		m.text?.trimEnd().endsWith(`question ${questionId} · business ${BUSINESS}`),
	);
}

async function postFor(questionId: string) {
	return await waitFor(`the team post about question ${questionId}`, async () => {
		const [post] = await teamPosts(questionId);
		return post;
	});
}

/** The bot's message replying to the team's message `messageId`. */
async function botReplyTo(messageId: number) {
	return await waitFor(`the bot's answer to message ${messageId}`, async () =>
		(await e2e.telegram.control.messages(TEAM, 'bot')).find(
			(m) => m.reply_to_message?.message_id === messageId,
		),
	);
}

async function reply(post: { message_id: number }, text: string) {
	const { update } = await e2e.telegram.control.userMessage({ replyTo: post.message_id, text });
	const sent = update.message as { message_id: number };
	return await botReplyTo(sent.message_id);
}

/** Waits until no execution of the workflow is still running; returns them all. */
async function settled(workflowId: string) {
	return await waitFor('every execution to finish', async () => {
		const all = await e2e.n8n.listExecutions(workflowId, false);
		return all.every((x) => !['new', 'running', 'waiting'].includes(x.status)) ? all : undefined;
	});
}

function setting(workflow: Workflow, name: string, value: unknown): void {
	const settings = workflow.nodes.find((n) => n.name === 'Settings')!;
	const list = (
		settings.parameters.assignments as { assignments: Array<{ name: string; value: unknown }> }
	).assignments;
	list.find((a) => a.name === name)!.value = value;
}

/**
 * Publishes the template for the tests of one describe block (beforeAll), with its trigger's webhook URL, and
 * unpublishes it afterwards, waiting until its Telegram webhook is gone so the next block's bot registers anew.
 */
function usePublished(edit?: (workflow: Workflow) => void): { id: string; url: string } {
	const published = { id: '', url: '' };
	beforeAll(async () => {
		const { id, workflow } = await e2e.publishExample(FILE, edit);
		const hook = workflow.nodes.find((n) => n.type === TRIGGER_TYPE)!;
		Object.assign(published, { id, url: e2e.n8n.webhookUrl(String(hook.webhookId)) });
	});
	afterAll(async () => {
		if (published.id) await e2e.n8n.deactivate(published.id);
		await waitFor('the Telegram webhook removed', () => !e2e.telegram.state.webhook);
	});
	return published;
}

describe('answer questions: postAutomatically on', () => {
	const published = usePublished((w) => {
		setting(w, 'postAutomatically', true);
		setting(w, 'productNotes', NOTES);
	});
	const auto = 'Auto: how many litres does the kettle hold?';
	let autoId = '';

	it('posts a confident, clean draft once, from the product data; the team only gets a note', async () => {
		await modelSays(auto, {
			reply: 'It holds 1.7 litres.',
			confident: true,
			reason: 'The notes say so.',
		});
		autoId = await ask(auto);
		const note = await postFor(autoId);
		expect(note.text).toContain('Answered automatically');
		expect(note.text).toContain('Answer: It holds 1.7 litres.');
		expect(note.text).not.toContain('Draft:');
		expect(await shopAnswers(autoId)).toEqual(['It holds 1.7 litres.']);
		// The model saw the question, its product and the seller's notes, and the rules.
		const request = e2e.openai.state.requests.find((r) => JSON.stringify(r).includes(auto));
		const prompt = JSON.stringify(request);
		expect(prompt).toContain('offer ID');
		expect(prompt).toContain('100256');
		expect(prompt).toContain(NOTES);
		expect(prompt).toContain('Never promise refunds');
	});

	it('answers a redelivered notification once, and its own answer starts nothing', async () => {
		const first = (await e2e.control.notifications()).find(
			(d) => d.type === 'QUESTION_CREATED' && d.requestBody.includes(autoId),
		)!;
		const again = await e2e.control.notify({
			url: published.url,
			type: 'QUESTION_CREATED',
			body: JSON.parse(first.requestBody) as unknown,
			duplicates: 1,
		});
		expect(again.map((d) => d.status)).toEqual([200, 200]);
		// The shop's answer was notified back to the workflow (QUESTION_ANSWER_CREATED), and accepted.
		const own = await waitFor('the notification of the shop’s own answer', async () =>
			(await e2e.control.notifications()).find(
				(d) => d.type === 'QUESTION_ANSWER_CREATED' && d.url === published.url,
			),
		);
		expect(own.status).toBe(200);
		const executions = await settled(published.id);
		// One execution, for the question itself: no second one, none for the answer.
		expect(executions).toHaveLength(1);
		const [execution] = await e2e.n8n.waitForExecutions(published.id, 1);
		expect(nodeOutput(execution, TRIGGER).map((i) => [i.notificationType, i.questionId])).toEqual([
			['QUESTION_CREATED', autoId],
		]);
		expect(await shopAnswers(autoId)).toEqual(['It holds 1.7 litres.']);
		expect(await teamPosts(autoId)).toHaveLength(1);
	});

	it('sends an unsure draft to the team instead of posting it', async () => {
		const text = 'Auto: is it safe for a dishwasher?';
		await modelSays(text, {
			reply: 'Probably yes.',
			confident: false,
			reason: 'The product data says nothing about dishwashers.',
		});
		const questionId = await ask(text);
		const post = await postFor(questionId);
		expect(post.text).toContain(text);
		expect(post.text).toContain(
			'The assistant is unsure: The product data says nothing about dishwashers.',
		);
		expect(post.text).toContain('Draft:\nProbably yes.\n\nquestion');
		expect(await shopAnswers(questionId)).toEqual([]);
	});

	it('never posts a draft with a phone number or a refund promise by itself', async () => {
		const text = 'Auto: mine leaks, what now?';
		await modelSays(text, {
			reply: 'Sorry! Call +7 999 123-45-67 and we will refund you.',
			confident: true,
			reason: 'Standard answer.',
		});
		const questionId = await ask(text);
		const post = await postFor(questionId);
		expect(post.text).toContain('did not pass the check');
		expect(post.text).toContain('a phone number');
		expect(await shopAnswers(questionId)).toEqual([]);
	});

	it('fails safe: unreadable answers or a refused answer bring the question and the draft to the team', async () => {
		const unread = 'Auto: does it switch off by itself?';
		await modelSays(unread, {
			reply: 'Yes, when the water boils.',
			confident: true,
			reason: 'Notes.',
		});
		await e2e.control.faults({
			operationId: 'getGoodsQuestionAnswers',
			kind: 'status',
			status: 403,
		});
		const unreadId = await ask(unread);
		const first = await postFor(unreadId);
		expect(first.text).toContain('The existing answers could not be read');
		expect(first.text).toContain('Draft:\nYes, when the water boils.\n\nquestion');
		expect(await shopAnswers(unreadId)).toEqual([]);

		const refused = 'Auto: is the handle heat-proof?';
		await modelSays(refused, { reply: 'Yes, it stays cool.', confident: true, reason: 'Notes.' });
		await e2e.control.faults({
			operationId: 'updateGoodsQuestionTextEntity',
			kind: 'status',
			status: 400,
		});
		const refusedId = await ask(refused);
		const second = await postFor(refusedId);
		expect(second.text).toContain('Yandex Market did not accept the automatic answer');
		expect(second.text).toContain('Draft:\nYes, it stays cool.\n\nquestion');
		expect(await shopAnswers(refusedId)).toEqual([]);
		expect(await e2e.control.listFaults()).toEqual([]);
	});
});

describe('answer questions: approval in Telegram (the default)', () => {
	const published = usePublished();
	const approve = 'Approve: is the lid removable?';
	let approveId = '';

	/** Yandex notifies a question of the seed (a first delivery for the trigger). */
	async function notifySeeded(questionId: string): Promise<void> {
		const body = {
			notificationType: 'QUESTION_CREATED',
			businessId: Number(BUSINESS),
			questionId: Number(questionId),
			createdAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
		};
		const deliveries = await e2e.control.notify({
			url: published.url,
			type: 'QUESTION_CREATED',
			body,
		});
		expect(deliveries.map((d) => d.status)).toEqual([200]);
	}

	it('posts the question with its draft; "ok" posts the draft', async () => {
		await modelSays(approve, {
			reply: 'Yes, the lid comes off for cleaning.',
			confident: true,
			reason: 'The notes say so.',
		});
		approveId = await ask(approve);
		const post = await postFor(approveId);
		const lines = post.text!.split('\n');
		expect(lines.at(-1)).toBe(`question ${approveId} · business ${BUSINESS}`);
		expect(post.text).toContain(approve);
		expect(post.text).toContain('offer 100256');
		expect(post.text).toContain('Approval mode');
		expect(post.text).toContain('Draft:\nYes, the lid comes off for cleaning.\n\nquestion');
		expect(await shopAnswers(approveId)).toEqual([]);

		const answer = await reply(post, 'OK');
		expect(answer.text).toContain('✅ Posted');
		expect(await shopAnswers(approveId)).toEqual(['Yes, the lid comes off for cleaning.']);
	});

	it('a second "ok" to the same post answers nothing: "Already answered"', async () => {
		const [post] = await teamPosts(approveId);
		const answer = await reply(post, 'ok');
		expect(answer.text).toContain('Already answered');
		expect(await shopAnswers(approveId)).toEqual(['Yes, the lid comes off for cleaning.']);
	});

	it('posts the team’s own text, and refuses one with a link', async () => {
		const text = 'Approve: does it work abroad?';
		await modelSays(text, { reply: '', confident: false, reason: 'Voltage is not in the data.' });
		const questionId = await ask(text);
		const post = await postFor(questionId);
		expect(post.text).toContain('The assistant has no answer: Voltage is not in the data.');
		expect(post.text).not.toContain('Draft:');

		const refused = await reply(post, 'See shop.example.com/abroad');
		expect(refused.text).toContain('⚠️ Not posted');
		expect(refused.text).toContain('a link');
		expect(await shopAnswers(questionId)).toEqual([]);

		const posted = await reply(post, 'Yes: it works on 220–240 V.');
		expect(posted.text).toContain('✅ Posted');
		expect(await shopAnswers(questionId)).toEqual(['Yes: it works on 220–240 V.']);
	});

	it('gives the model the answers others already gave', async () => {
		const questionId = COMMUNICATION_SEED.buyerAnsweredQuestionId;
		await modelSays(`(question ${questionId})`, {
			reply: 'It holds 1.7 litres.',
			confident: true,
			reason: 'Another buyer and the notes agree.',
		});
		await notifySeeded(questionId);
		const post = await postFor(questionId);
		expect(post.text).toContain(
			'Already answered by others:\n• Another buyer: Mine holds 1.7 litres.',
		);
		const request = e2e.openai.state.requests.find((r) =>
			JSON.stringify(r).includes(`(question ${questionId})`),
		);
		expect(JSON.stringify(request)).toContain('- Another buyer: Mine holds 1.7 litres.');
	});

	it('drafts nothing for a question the shop has already answered', async () => {
		const questionId = COMMUNICATION_SEED.answeredQuestionId;
		const before = (await e2e.n8n.listExecutions(published.id, false)).length;
		await notifySeeded(questionId);
		const [execution] = (await e2e.n8n.waitForExecutions(published.id, before + 1)).slice(-1);
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, TRIGGER).map((i) => i.questionId)).toEqual([questionId]);
		expect(nodeOutput(execution, 'What next?', 0).map((i) => i.questionId)).toEqual([questionId]);
		expect(
			e2e.openai.state.requests.filter((r) =>
				JSON.stringify(r).includes(`(question ${questionId})`),
			),
		).toEqual([]);
		expect(await teamPosts(questionId)).toEqual([]);
	});

	it('tells the team when the model fails, with the question', async () => {
		const text = 'Approve: no script for this one, so the model answers 500';
		const questionId = await ask(text);
		const post = await waitFor('the post', async () => (await teamPosts(questionId))[0], 60_000);
		expect(post.text).toContain(text);
		expect(post.text).toContain('The assistant could not draft an answer');
		expect(post.text).not.toContain('Draft:');
		expect(await shopAnswers(questionId)).toEqual([]);
	});
});

describe('answer questions with the poll trigger swapped in', () => {
	it('posts each of two questions found by one poll to the team with its own draft', async () => {
		await e2e.control.setNotifier({ url: null });
		let trigger = '';
		// The swap the checklist describes: a poll trigger of the same name (so every reference to it still holds).
		const { id } = await e2e.publishExample(FILE, (w) => {
			trigger = swapInPollTrigger(w, { businessId: BUSINESS, pollSeconds: 20 });
		});
		try {
			await waitFor(
				'the first poll to save its state',
				async () => {
					const { staticData } = (await e2e.n8n.getWorkflow(id)) as { staticData?: unknown };
					const node = (
						staticData as Record<string, { communication?: { seen?: object } }> | null
					)?.[`node:${trigger}`];
					return node?.communication?.seen;
				},
				60_000,
			);
			// Two buyers ask between two polls: one execution with two items, each question with its own draft.
			const asked = [
				['Poll: what is the kettle made of?', 'Its body is steel.'],
				['Poll: how long is the cord?', 'The cord is 75 cm long.'],
			];
			for (const [text, draft] of asked)
				await modelSays(text, { reply: draft, confident: true, reason: 'The notes say so.' });
			const ids: string[] = [];
			for (const [text] of asked)
				ids.push((await buyer().buyerQuestion({ text, offerId: '100256' })).questionId);
			const [execution] = await e2e.n8n.waitForExecutions(id, 1, 60_000);
			// Both in one execution (in the poll's order, newest first).
			const found = nodeOutput(execution, trigger).map(
				(i) => `${String(i.notificationType)} ${String(i.questionId)}`,
			);
			expect(found.sort()).toEqual(ids.map((q) => `QUESTION_CREATED ${q}`).sort());
			for (const [index, [text, draft]] of asked.entries()) {
				const post = await postFor(ids[index]);
				expect(post.text).toContain(text);
				expect(post.text).toContain(`Draft:\n${draft}\n\nquestion ${ids[index]} · business`);
				expect(await teamPosts(ids[index])).toHaveLength(1);
			}
			expect(execution.status).toBe('success');
		} finally {
			await e2e.n8n.deactivate(id);
		}
	});
});
