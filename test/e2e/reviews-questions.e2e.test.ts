/**
 * The Review and Question resources in a real n8n (the packed package as a community package) against the sandbox:
 * every operation runs in a workflow, the writes chained the way a seller maps IDs from one node to the next, Return
 * All over 230 reviews at the minimum number of calls, and one AI Agent that answers a review through the tool with
 * only the text chosen by the model. Few workflows, many nodes each: the suite must stay fast on every n8n line.
 */
import { COMMUNICATION_SEED as SEED, SANDBOX_KEYS } from '../../sandbox';
import type { RequestRecord } from '../../sandbox';
import type { CompletionRecord } from '../../standins';
import {
	ACTION_TYPE,
	CREDENTIAL_TYPE,
	STANDIN_CREDENTIALS,
	actionNode,
	byId,
	chain,
	node,
	nodeOutput,
	useE2E,
	type RunResult,
	type Workflow,
	type WorkflowNode,
} from '../../harness';

const SECOND = { id: 'ymMarketCred0002', name: 'Yandex Market (second business)' };
const e2e = useE2E('reviews-questions', {
	standins: ['openai'],
	yandexCredentials: [{ ...SECOND, apiKey: SANDBOX_KEYS.secondBusiness }],
});
const BUSINESS = '10001';

async function recorded(operationId: string): Promise<RequestRecord[]> {
	return (await e2e.control.requests()).filter((r) => r.operationId === operationId);
}

function expectValid(records: RequestRecord[], count: number) {
	expect(records.map((r) => [r.valid, r.status, r.validationErrors])).toEqual(
		Array.from({ length: count }, () => [true, 200, undefined]),
	);
}

function expectSuccess(result: RunResult) {
	expect({ status: result.status, error: result.error }).toEqual({
		status: 'success',
		error: undefined,
	});
}

/** A Yandex Market node of the Review or Question resource. */
function yandex(name: string, parameters: Record<string, unknown>, other?: { businessId: string }) {
	const credential = other ? SECOND : e2e.credential;
	const businessId = byId(other?.businessId ?? BUSINESS);
	return actionNode({ businessId, ...parameters }, credential, { name });
}

/** Manual Trigger fanned out to every node (each runs once on the trigger's item). */
function fanOut(name: string, nodes: WorkflowNode[]): Workflow {
	const start = node('Start', 'n8n-nodes-base.manualTrigger');
	nodes.forEach((n, i) => (n.position = [240, i * 160]));
	return {
		name,
		nodes: [start, ...nodes],
		connections: {
			Start: { main: [nodes.map((n) => ({ node: n.name, type: 'main', index: 0 }))] },
		},
		settings: { executionOrder: 'v1' },
	};
}

beforeEach(async () => {
	await e2e.control.reset();
});

describe('Review resource in n8n', () => {
	it('Get Many with Return All reads 230 reviews in 5 calls of 50', async () => {
		const result = await e2e.n8n.runWorkflow(
			fanOut('e2e reviews return all', [
				yandex(
					'All reviews',
					{ resource: 'review', operation: 'getAll', returnAll: true },
					{ businessId: SEED.bulkBusinessId },
				),
			]),
		);
		expectSuccess(result);
		expect(nodeOutput(result, 'All reviews')).toHaveLength(SEED.bulkReviewCount);
		const calls = await recorded('getGoodsFeedbacks');
		expectValid(calls, 5);
		expect(calls.map((r) => r.query.limit)).toEqual(['50', '50', '50', '50', '50']);
	});

	it('Get Many (filters), Get, Get Comments and Get Comment in one workflow', async () => {
		const result = await e2e.n8n.runWorkflow(
			fanOut('e2e review reads', [
				yandex('Need reaction', {
					resource: 'review',
					operation: 'getAll',
					returnAll: true,
					filters: { reactionStatus: 'NEED_REACTION', ratingValues: [1, 2] },
				}),
				yandex('Big review', {
					resource: 'review',
					operation: 'get',
					feedbackId: SEED.bigReviewId,
				}),
				yandex('Thread', {
					resource: 'review',
					operation: 'getComments',
					feedbackId: SEED.threadReviewId,
					returnAll: true,
				}),
				yandex('One comment', {
					resource: 'review',
					operation: 'getComment',
					commentId: SEED.bigReviewCommentId,
				}),
			]),
		);
		expectSuccess(result);
		const needing = nodeOutput(result, 'Need reaction');
		expect(needing.length).toBeGreaterThan(0);
		for (const r of needing) {
			expect(r.needReaction).toBe(true);
			expect([1, 2]).toContain(r.rating);
		}
		expect(nodeOutput(result, 'Big review')[0]).toMatchObject({ feedbackId: SEED.bigReviewId });
		expect(nodeOutput(result, 'Thread').map((c) => c.commentId)).toEqual(SEED.threadCommentIds);
		expect(nodeOutput(result, 'One comment')[0]).toMatchObject({
			commentId: SEED.bigReviewCommentId,
			feedbackId: SEED.bigReviewId,
		});
		expectValid(await recorded('getGoodsFeedbacks'), 2);
		expectValid(await recorded('getGoodsFeedbackComments'), 2);
	});

	it('Reply -> Reply to Comment -> Edit Comment -> Delete Comment, then Mark as Handled', async () => {
		const result = await e2e.n8n.runWorkflow(
			chain('e2e review writes', [
				node('Start', 'n8n-nodes-base.manualTrigger'),
				yandex('Reply', {
					resource: 'review',
					operation: 'reply',
					feedbackId: SEED.lowRatingReviewId,
					text: 'We are sorry: a new kettle is on its way.',
				}),
				yandex('Reply to comment', {
					resource: 'review',
					operation: 'replyToComment',
					feedbackId: SEED.threadReviewId,
					commentId: SEED.threadCommentIds[2],
					text: 'Thank you!',
				}),
				yandex('Edit', {
					resource: 'review',
					operation: 'updateComment',
					feedbackId: '={{ $json.feedbackId }}',
					commentId: '={{ $json.commentId }}',
					text: 'Thank you, Anna!',
				}),
				yandex('Delete', {
					resource: 'review',
					operation: 'deleteComment',
					commentId: '={{ $json.commentId }}',
				}),
				yandex('Handled', {
					resource: 'review',
					operation: 'skipReaction',
					feedbackIds: `${SEED.bigReviewId}, 80005`,
				}),
			]),
		);
		expectSuccess(result);
		const [reply] = nodeOutput(result, 'Reply');
		expect(reply).toMatchObject({ success: true, feedbackId: SEED.lowRatingReviewId });
		const [answer] = nodeOutput(result, 'Reply to comment');
		expect(answer.parentId).toBe(SEED.threadCommentIds[2]);
		expect(nodeOutput(result, 'Delete')[0]).toMatchObject({
			commentId: answer.commentId,
			deleted: true,
		});
		const writes = await recorded('updateGoodsFeedbackComment');
		expectValid(writes, 3);
		expect(writes.map((w) => w.body)).toEqual([
			{
				feedbackId: SEED.lowRatingReviewId,
				comment: { text: 'We are sorry: a new kettle is on its way.' },
			},
			{
				feedbackId: SEED.threadReviewId,
				comment: { parentId: SEED.threadCommentIds[2], text: 'Thank you!' },
			},
			{
				feedbackId: SEED.threadReviewId,
				comment: { id: answer.commentId, text: 'Thank you, Anna!' },
			},
		]);
		expectValid(await recorded('deleteGoodsFeedbackComment'), 1);
		const [skip] = await recorded('skipGoodsFeedbacksReaction');
		expect(skip.rawBody).toBe(`{"feedbackIds":[${SEED.bigReviewId},80005]}`);
	});

	it('a reply with a link is refused before the call, with the field and the rule', async () => {
		const result = await e2e.n8n.runWorkflow(
			fanOut('e2e review refused', [
				yandex('Reply', {
					resource: 'review',
					operation: 'reply',
					feedbackId: SEED.lowRatingReviewId,
					text: 'Buy it cheaper at https://example.com',
				}),
			]),
		);
		expect(result.status).toBe('error');
		expect(result.error).toContain('Text must not contain links to sites other than Yandex Market');
		expect(await recorded('updateGoodsFeedbackComment')).toEqual([]);
	});
});

describe('Question resource in n8n', () => {
	it('Get Many, Get, Get Answers and Get Answer in one workflow, under /v1/', async () => {
		const result = await e2e.n8n.runWorkflow(
			fanOut('e2e question reads', [
				yandex('Open questions', {
					resource: 'question',
					operation: 'getAll',
					returnAll: true,
					filters: { needAnswer: true },
				}),
				yandex('Big question', {
					resource: 'question',
					operation: 'get',
					questionId: SEED.bigQuestionId,
				}),
				yandex('Answers', {
					resource: 'question',
					operation: 'getAnswers',
					questionId: SEED.answeredQuestionId,
					returnAll: true,
				}),
				yandex('Big answer', {
					resource: 'question',
					operation: 'getAnswer',
					answerId: SEED.bigAnswerId,
				}),
			]),
		);
		expectSuccess(result);
		const open = nodeOutput(result, 'Open questions').map((q) => q.questionId);
		expect(open).toEqual(
			expect.arrayContaining([SEED.openQuestionId, SEED.buyerAnsweredQuestionId]),
		);
		expect(open).not.toContain(SEED.answeredQuestionId);
		expect(nodeOutput(result, 'Big question')[0].questionId).toBe(SEED.bigQuestionId);
		const answers = nodeOutput(result, 'Answers');
		expect(answers.find((a) => a.answerId === SEED.sellerAnswerId)).toMatchObject({
			fromSeller: true,
		});
		expect(nodeOutput(result, 'Big answer')[0].answerId).toBe(SEED.bigAnswerId);
		const reads = [
			...(await recorded('getGoodsQuestions')),
			...(await recorded('getGoodsQuestionAnswers')),
		];
		expectValid(reads, 4);
		expect(reads.every((r) => r.path.startsWith(`/v1/businesses/${BUSINESS}/`))).toBe(true);
	});

	it('Answer -> Comment -> Edit -> Delete, IDs mapped from node to node', async () => {
		const result = await e2e.n8n.runWorkflow(
			chain('e2e question writes', [
				node('Start', 'n8n-nodes-base.manualTrigger'),
				yandex('Answer', {
					resource: 'question',
					operation: 'answer',
					questionId: SEED.openQuestionId,
					text: 'Yes, it is quiet: 40 dB.',
				}),
				yandex('Comment', {
					resource: 'question',
					operation: 'comment',
					answerId: '={{ $json.answerId }}',
					text: 'It works abroad too.',
				}),
				yandex('Edit', {
					resource: 'question',
					operation: 'update',
					entityType: 'COMMENT',
					commentId: '={{ $json.commentId }}',
					text: 'It works abroad too (220-240 V).',
				}),
				yandex('Delete', {
					resource: 'question',
					operation: 'delete',
					entityType: 'ANSWER',
					answerId: "={{ $('Answer').item.json.answerId }}",
				}),
			]),
		);
		expectSuccess(result);
		const [answer] = nodeOutput(result, 'Answer');
		const [comment] = nodeOutput(result, 'Comment');
		expect(answer.answerId).toEqual(expect.stringMatching(/^\d+$/));
		expect(comment).toMatchObject({ answerId: answer.answerId, commentId: expect.any(String) });
		const writes = await recorded('updateGoodsQuestionTextEntity');
		expectValid(writes, 4);
		expect(writes.map((w) => w.body)).toEqual([
			{
				operationType: 'CREATE',
				parentEntityId: { id: SEED.openQuestionId, type: 'QUESTION' },
				text: 'Yes, it is quiet: 40 dB.',
			},
			{
				operationType: 'CREATE',
				parentEntityId: { id: answer.answerId, type: 'ANSWER' },
				text: 'It works abroad too.',
			},
			{
				operationType: 'UPDATE',
				entityId: { id: comment.commentId, type: 'COMMENT' },
				text: 'It works abroad too (220-240 V).',
			},
			{ operationType: 'DELETE', entityId: { id: answer.answerId, type: 'ANSWER' } },
		]);
	});
});

describe('AI tool', () => {
	it('an AI Agent replies to a review through the tool: the model gives the text, the workflow the review', async () => {
		const text = 'We are sorry the lid broke. Please open a return: a new kettle is on its way.';
		const script = await e2e.openai.control.addScript({
			id: 'review-reply',
			match: `Review ${SEED.lowRatingReviewId} `,
			turns: [
				{ toolCalls: [{ name: 'reply_to_review', arguments: { text } }] },
				{ content: 'replied' },
			],
		});
		const review = yandex('Review', {
			resource: 'review',
			operation: 'get',
			feedbackId: SEED.lowRatingReviewId,
		});
		const agent = node(
			'AI Agent',
			'@n8n/n8n-nodes-langchain.agent',
			{
				promptType: 'define',
				text: '=Review {{ $json.feedbackId }} ({{ $json.rating }} stars): {{ $json.disadvantages }} {{ $json.comment }}',
				options: {},
			},
			{ typeVersion: 3 },
		);
		const model = node(
			'OpenAI Chat Model',
			'@n8n/n8n-nodes-langchain.lmChatOpenAi',
			{ model: { __rl: true, mode: 'list', value: 'gpt-4o-mini' }, options: {} },
			{
				typeVersion: 1.2,
				credentials: {
					openAiApi: { id: STANDIN_CREDENTIALS.openai.id, name: STANDIN_CREDENTIALS.openai.name },
				},
			},
		);
		const tool = node(
			'reply_to_review',
			`${ACTION_TYPE}Tool`,
			{
				resource: 'review',
				operation: 'reply',
				businessId: byId('={{ $json.businessId }}'),
				feedbackId: '={{ $json.feedbackId }}',
				text: "={{ $fromAI('text', 'The reply to the review', 'string') }}",
				options: {},
			},
			{ credentials: { [CREDENTIAL_TYPE]: e2e.credential } },
		);
		const workflow: Workflow = {
			name: 'e2e review reply tool',
			nodes: [node('Start', 'n8n-nodes-base.manualTrigger'), review, agent, model, tool],
			connections: {
				Start: { main: [[{ node: 'Review', type: 'main', index: 0 }]] },
				Review: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
				'OpenAI Chat Model': {
					ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
				},
				reply_to_review: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
		};
		const result = await e2e.n8n.runWorkflow(workflow, 90000);
		expectSuccess(result);
		const calls = (await e2e.openai.control.requests()).filter(
			(r: CompletionRecord) => r.scriptId === script.id,
		);
		const offered = calls[0].tools.find((t) => t.name === 'reply_to_review');
		expect(offered?.description).toContain('The workflow fixes which one (it is not an argument)');
		expect(Object.keys((offered?.parameters?.properties ?? {}) as object)).toEqual(['text']);
		const writes = await recorded('updateGoodsFeedbackComment');
		expectValid(writes, 1);
		expect(writes[0].body).toEqual({ feedbackId: SEED.lowRatingReviewId, comment: { text } });
	});
});
