/**
 * Both triggers with the review and question events in a real n8n, fed by the sandbox playing buyers and Yandex's
 * notifier: each of the five events starts exactly one execution with Resolve Details (the comment's review, the
 * answer's question), the shop's own reply and answer start nothing, an author that cannot be read gets a 503 and
 * starts once Yandex delivers again, malformed bodies get 400 and IDs above 2^53 stay exact; the poll trigger finds
 * a new review needing a reaction and a new question needing an answer, with the webhook's item shape.
 */
import { sleep } from 'n8n-workflow';
import { COMMUNICATION_SEED as SEED, createCommunicationControlClient } from '../../sandbox';
import type { DeliveryRecord } from '../../sandbox';
import {
	byId,
	manualActionWorkflow,
	pollTriggerWorkflow,
	triggerWorkflow,
	useE2E,
} from '../../harness';
import type { Execution, Workflow } from '../../harness';

const e2e = useE2E('reviews-questions-triggers', { testTimeoutMs: 240_000 });
const HOOK_NODE = 'Yandex Market Trigger';
const POLL_NODE = 'Yandex Market Poll Trigger';
const BUSINESS = '10001';
const FIVE = [
	'GOODS_FEEDBACK_CREATED',
	'GOODS_FEEDBACK_COMMENT_CREATED',
	'QUESTION_CREATED',
	'QUESTION_ANSWER_CREATED',
	'QUESTION_COMMENT_CREATED',
];
const active: string[] = [];

afterEach(async () => {
	for (const id of active.splice(0)) await e2e.n8n.deactivate(id).catch(() => undefined);
	await e2e.control.setNotifier({ url: null });
	await e2e.control.clearFaults();
});

async function publish(workflow: Workflow): Promise<string> {
	const id = await e2e.n8n.createWorkflow(workflow);
	await e2e.n8n.activate(id);
	active.push(id);
	return id;
}

/** The trigger items of the workflow's executions, oldest first, once `n` exist and no more arrive. */
async function items(workflowId: string, node: string, n: number) {
	await e2e.n8n.waitForExecutions(workflowId, n, 60_000);
	await sleep(1500);
	const executions: Execution[] = await e2e.n8n.waitForExecutions(workflowId, n, 60_000);
	expect(executions).toHaveLength(n);
	return executions
		.sort((a, b) => Number(a.id) - Number(b.id))
		.flatMap((e) => {
			expect(e.status).toBe('success');
			const runs = e.data?.resultData?.runData?.[node] ?? [];
			return (runs[0]?.data?.main?.[0] ?? []).map((i) => i.json as Record<string, unknown>);
		});
}

function accepted(deliveries: DeliveryRecord[]) {
	for (const d of deliveries) {
		expect({ status: d.status, ok: d.ok, problems: d.problems }).toEqual({
			status: 200,
			ok: true,
			problems: [],
		});
	}
}

async function publishHook(): Promise<{ id: string; url: string }> {
	const hook = triggerWorkflow({ events: FIVE }, e2e.credential, { nodeName: HOOK_NODE });
	const id = await publish(hook.workflow);
	const url = e2e.n8n.webhookUrl(hook.webhookId);
	await e2e.control.setNotifier({ url, autoNotify: true, notifyPartnerMessages: true });
	return { id, url };
}

describe('webhook trigger: review and question events', () => {
	it('each buyer event starts once with its details; duplicates, the shop’s own reply and answer start nothing', async () => {
		const { id, url } = await publishHook();
		const buyer = createCommunicationControlClient(e2e.sandbox.url);

		const review = await buyer.buyerReview({
			rating: 1,
			comment: 'Broken lid',
			moderatedForMs: 3_600_000,
		});
		accepted(review.deliveries);
		const comment = await buyer.reviewComment(SEED.threadReviewId, { text: 'Any news?' });
		accepted(comment.deliveries);
		const question = await buyer.buyerQuestion({ text: 'Is it loud?' });
		accepted(question.deliveries);
		const answer = await buyer.otherAnswer(question.questionId, {
			text: 'Quiet.',
			authorType: 'VENDOR',
		});
		accepted(answer.deliveries);
		const answerComment = await buyer.answerComment(SEED.sellerAnswerId, { text: 'And abroad?' });
		accepted(answerComment.deliveries);
		// Yandex may deliver an event several times: the question again, twice.
		const again = JSON.parse(question.deliveries[0].requestBody ?? '{}') as Record<string, unknown>;
		accepted(
			await e2e.control.notify({ url, type: 'QUESTION_CREATED', body: again, duplicates: 1 }),
		);

		// The shop replies and answers through the node, as a reply workflow does; the sandbox notifies those too.
		const reply = await e2e.n8n.runWorkflow(
			manualActionWorkflow(
				{
					businessId: byId(BUSINESS),
					resource: 'review',
					operation: 'reply',
					feedbackId: review.feedbackId,
					text: 'We are sorry: a new kettle is on its way.',
				},
				e2e.credential,
			),
		);
		expect(reply.status).toBe('success');
		const shopAnswer = await e2e.n8n.runWorkflow(
			manualActionWorkflow(
				{
					businessId: byId(BUSINESS),
					resource: 'question',
					operation: 'answer',
					questionId: question.questionId,
					text: 'It is quiet: 40 dB.',
				},
				e2e.credential,
			),
		);
		expect(shopAnswer.status).toBe('success');
		await sleep(2000);
		const own = (await e2e.control.notifications()).filter((n) =>
			['GOODS_FEEDBACK_COMMENT_CREATED', 'QUESTION_ANSWER_CREATED'].includes(n.type),
		);
		// Both of the shop's own texts were notified and answered 200, and started nothing.
		expect(own.length).toBeGreaterThanOrEqual(4);
		expect(own.every((n) => n.status === 200)).toBe(true);

		const out = await items(id, HOOK_NODE, 5);
		expect(out.map((i) => i.notificationType)).toEqual(FIVE);
		expect(out[0]).toMatchObject({
			feedbackId: review.feedbackId,
			eventTime: out[0].publishedAt,
			review: { rating: 1, comment: 'Broken lid', needReaction: true },
		});
		expect(Date.parse(String(out[0].createdAt))).toBeLessThan(
			Date.parse(String(out[0].publishedAt)),
		);
		expect(out[1]).toMatchObject({
			commentId: comment.id,
			feedbackId: SEED.threadReviewId,
			authorType: 'USER',
			fromSeller: false,
			comment: { text: 'Any news?' },
		});
		expect(out[2]).toMatchObject({
			questionId: question.questionId,
			question: { text: 'Is it loud?' },
		});
		expect(out[3]).toMatchObject({
			answerId: answer.id,
			questionId: question.questionId,
			authorType: 'VENDOR',
			answer: { text: 'Quiet.' },
		});
		expect(out[4]).toMatchObject({
			answerId: SEED.sellerAnswerId,
			commentId: answerComment.id,
			questionId: SEED.answeredQuestionId,
			comment: { text: 'And abroad?' },
			answer: { answerId: SEED.sellerAnswerId },
		});
	});

	it('an answer whose author cannot be read gets 503 and starts once delivered again; bad bodies 400; int64 exact', async () => {
		const { id, url } = await publishHook();
		await e2e.control.faults({
			operationId: 'getGoodsQuestionAnswers',
			kind: 'status',
			status: 503,
			times: 20,
		});
		const body = {
			notificationType: 'QUESTION_ANSWER_CREATED',
			businessId: 10001,
			answerId: SEED.buyerAnswerId,
			createdAt: '2026-12-05T10:00:00Z',
		};
		const type = 'QUESTION_ANSWER_CREATED';
		const [waiting] = await e2e.control.notify({ url, type, body });
		expect(waiting.status).toBe(503);
		await e2e.control.clearFaults();
		accepted(await e2e.control.notify({ url, type, body }));

		const [bad] = await e2e.control.notify({
			url,
			type: 'GOODS_FEEDBACK_CREATED',
			body: { notificationType: 'GOODS_FEEDBACK_CREATED', businessId: 10001, feedbackId: 'x' },
		});
		expect(bad.status).toBe(400);
		expect(bad.responseBody).toMatch(/WRONG_EVENT_FORMAT/);
		// An ID above 2^53 written as a bare JSON integer: the item carries it exactly.
		accepted(
			await e2e.control.notify({
				url,
				raw: `{"notificationType":"GOODS_FEEDBACK_CREATED","businessId":10001,"feedbackId":${SEED.bigReviewId},"createdAt":"2026-12-05T10:00:00Z","publishedAt":"2026-12-05T10:00:01Z"}`,
			}),
		);
		const out = await items(id, HOOK_NODE, 2);
		expect(out[0]).toMatchObject({ answerId: SEED.buyerAnswerId, authorType: 'USER' });
		expect(out[1]).toMatchObject({
			feedbackId: SEED.bigReviewId,
			review: { feedbackId: SEED.bigReviewId },
		});
	});
});

describe('poll trigger: new reviews and questions', () => {
	it('finds a new review needing a reaction and a new question within one interval, shaped like the webhook’s', async () => {
		const workflow = pollTriggerWorkflow(
			{ businessId: byId(BUSINESS), events: ['GOODS_FEEDBACK_CREATED', 'QUESTION_CREATED'] },
			e2e.credential,
			{ nodeName: POLL_NODE },
		);
		const id = await publish(workflow);
		// The first poll (while activating) only remembers what waits now.
		const deadline = Date.now() + 60_000;
		for (;;) {
			const { staticData } = (await e2e.n8n.getWorkflow(id)) as { staticData?: unknown };
			const node = (staticData as Record<string, { communication?: { seen?: object } }> | null)?.[
				`node:${POLL_NODE}`
			];
			if (node?.communication?.seen) break;
			if (Date.now() > deadline) throw new Error(`no poll state saved\n${e2e.logTails()}`);
			await sleep(250);
		}
		const buyer = createCommunicationControlClient(e2e.sandbox.url);
		const review = await buyer.buyerReview({
			rating: 2,
			comment: 'Loud',
			moderatedForMs: 7_200_000,
		});
		const question = await buyer.buyerQuestion({ text: 'Does it fit a 1 l bottle?' });
		const out = await items(id, POLL_NODE, 1);
		expect(out.map((i) => i.notificationType)).toEqual([
			'GOODS_FEEDBACK_CREATED',
			'QUESTION_CREATED',
		]);
		expect(out[0]).toMatchObject({
			businessId: BUSINESS,
			feedbackId: review.feedbackId,
			review: { rating: 2, comment: 'Loud', needReaction: true },
			dedupKey: `GOODS_FEEDBACK_CREATED|${BUSINESS}|${review.feedbackId}`,
		});
		// The webhook's item for the same question, from the same lookup: the same fields.
		expect(out[1]).toMatchObject({
			businessId: BUSINESS,
			questionId: question.questionId,
			eventTime: out[1].createdAt,
			question: { questionId: question.questionId, text: 'Does it fit a 1 l bottle?' },
			notification: { notificationType: 'QUESTION_CREATED', questionId: question.questionId },
		});
		expect(Object.keys(out[1]).sort()).toEqual(
			[
				'notificationType',
				'businessId',
				'questionId',
				'authorType',
				'fromSeller',
				'eventTime',
				'createdAt',
				'receivedAt',
				'dedupKey',
				'question',
				'notification',
			].sort(),
		);
	});
});
