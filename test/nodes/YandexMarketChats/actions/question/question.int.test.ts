/**
 * The Question operations over real HTTP against the sandbox, through n8n-core's request helpers: /v1/ paths, every
 * request valid against the official spec, IDs above 2^53 exact, every limit checked before a call.
 */
import {
	COMMUNICATION_SEED as SEED,
	SANDBOX_KEYS,
	createCommunicationControlClient,
} from '../../../../../sandbox';
import { useActionSandbox } from '../../../../helpers/actionRun';
import { failure } from '../../../../helpers/failure';

const { run, requests, validRequests, sandbox } = useActionSandbox();
const question = (operation: string, params: Record<string, unknown> = {}) => ({
	resource: 'question',
	operation,
	...params,
});

describe('question: getAll', () => {
	it('Return All reads 60 questions in 2 calls of 50 under /v1/', async () => {
		const out = await run(question('getAll', { returnAll: true }), {
			apiKey: SANDBOX_KEYS.secondBusiness,
			businessId: SEED.bulkBusinessId,
		});
		expect(out).toHaveLength(SEED.bulkQuestionCount);
		const recorded = await validRequests('getGoodsQuestions', 2);
		expect(recorded.map((r) => r.query.limit)).toEqual(['50', '50']);
		expect(recorded[0].path).toBe(`/v1/businesses/${SEED.bulkBusinessId}/goods-questions`);
	});

	it('Needs Answer, dates, sort and categories are sent as Yandex documents them', async () => {
		const out = await run(
			question('getAll', {
				returnAll: true,
				filters: {
					needAnswer: true,
					dateFrom: new Date(Date.now() - 20 * 86400_000).toISOString(),
					sort: 'CREATED_AT_ASC',
					categoryIds: SEED.categoryIds.join(', '),
				},
			}),
		);
		const [req] = await validRequests('getGoodsQuestions', 1);
		expect(req.body).toMatchObject({
			needAnswer: true,
			sort: 'CREATED_AT_ASC',
			categoryIds: [...SEED.categoryIds],
			dateFrom: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
		});
		const ids = out.map((o) => o.json.questionId);
		expect(ids).toContain(SEED.buyerAnsweredQuestionId);
		expect(ids).toContain(SEED.openQuestionId);
		expect(ids).not.toContain(SEED.answeredQuestionId);
		expect(out[0].json).toMatchObject({
			businessId: '10001',
			offerId: expect.any(String),
			text: expect.any(String),
		});
	});

	it('refuses a window over 1 month before any request', async () => {
		const error = await failure(
			run(question('getAll', { filters: { dateFrom: '2026-01-01', dateTo: '2026-02-15' } })),
		);
		expect(error.message).toContain('more than 1 month apart');
		expect(await requests('getGoodsQuestions')).toEqual([]);
	});
});

describe('question: get and answers', () => {
	it('Get reads a question above 2^53 exactly', async () => {
		const out = await run(question('get', { questionId: SEED.bigQuestionId }));
		const [req] = await validRequests('getGoodsQuestions', 1);
		expect(req.rawBody).toBe(`{"questionIds":[${SEED.bigQuestionId}]}`);
		expect(out[0].json.questionId).toBe(SEED.bigQuestionId);
	});

	it('Get Answers reads the answers with their comments, the shop marked fromSeller', async () => {
		const out = await run(
			question('getAnswers', { questionId: SEED.answeredQuestionId, returnAll: true }),
		);
		await validRequests('getGoodsQuestionAnswers', 1);
		const answer = out.find((o) => o.json.answerId === SEED.sellerAnswerId);
		expect(answer?.json).toMatchObject({ fromSeller: true, questionId: SEED.answeredQuestionId });
		expect((answer?.json.comments as Array<{ commentId: string }>).map((c) => c.commentId)).toEqual(
			SEED.answerCommentIds,
		);
	});

	it('Get Answer finds an answer above 2^53 and its question from the answer ID alone', async () => {
		const out = await run(question('getAnswer', { answerId: SEED.bigAnswerId }));
		const [req] = await validRequests('getGoodsQuestionAnswers', 1);
		expect(req.rawBody).toBe(`{"answerIds":[${SEED.bigAnswerId}]}`);
		expect(out[0].json.answerId).toBe(SEED.bigAnswerId);
		expect(out[0].json.questionId).toEqual(expect.stringMatching(/^\d+$/));
	});
});

describe('question: writes', () => {
	it('Answer, Comment, Edit and Delete build the bodies the spec describes in prose', async () => {
		const control = createCommunicationControlClient(sandbox().url);
		const [answered] = await run(
			question('answer', { questionId: SEED.openQuestionId, text: 'Yes, it is quiet.' }),
		);
		expect(answered.json).toMatchObject({
			success: true,
			questionId: SEED.openQuestionId,
			answerId: expect.stringMatching(/^\d+$/),
		});
		expect((await control.question(SEED.openQuestionId)).needsAnswer).toBe(false);
		const answerId = String(answered.json.answerId);
		const [commented] = await run(question('comment', { answerId, text: 'Also abroad.' }));
		const commentId = String(commented.json.commentId);
		await run(question('update', { entityType: 'ANSWER', answerId, text: 'Yes, 40 dB.' }));
		await run(question('delete', { entityType: 'COMMENT', commentId }));
		const bodies = (await validRequests('updateGoodsQuestionTextEntity', 4)).map((r) => r.body);
		expect(bodies).toEqual([
			{
				operationType: 'CREATE',
				parentEntityId: { id: SEED.openQuestionId, type: 'QUESTION' },
				text: 'Yes, it is quiet.',
			},
			{
				operationType: 'CREATE',
				parentEntityId: { id: answerId, type: 'ANSWER' },
				text: 'Also abroad.',
			},
			{ operationType: 'UPDATE', entityId: { id: answerId, type: 'ANSWER' }, text: 'Yes, 40 dB.' },
			{ operationType: 'DELETE', entityId: { id: commentId, type: 'COMMENT' } },
		]);
	});

	it.each([
		['too long a text', 'x'.repeat(5001), 'at most 5000'],
		['a blank text', ' \n', 'Text is empty'],
	])('refuses %s before any request', async (_name, text, message) => {
		const error = await failure(run(question('answer', { questionId: '82003', text })));
		expect(error.message).toContain(message);
		expect(await requests('updateGoodsQuestionTextEntity')).toEqual([]);
	});

	it('a write is never repeated after a dropped connection', async () => {
		await sandbox().control.faults({
			operationId: 'updateGoodsQuestionTextEntity',
			kind: 'reset',
			times: 3,
		});
		const error = await failure(run(question('answer', { questionId: '82003', text: 'Hi' })));
		expect(error.description).toContain("check the question's answers in the seller cabinet");
		expect(await requests('updateGoodsQuestionTextEntity')).toHaveLength(1);
	});

	it('a 420 on the lower tariff quota (1,000 question reads per hour) is waited out within the budget', async () => {
		await sandbox().control.limits({ windowMs: 1500, quotas: { getGoodsQuestions: 1 } });
		await run(question('get', { questionId: '82001' }));
		await run(question('get', { questionId: '82002' }), {});
		expect((await requests('getGoodsQuestions')).map((r) => r.status)).toEqual([200, 420, 200]);
	});
});
