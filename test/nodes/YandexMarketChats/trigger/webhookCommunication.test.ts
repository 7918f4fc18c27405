/** The webhook trigger's answers for the review and question events (mocked n8n context; lookups mocked). */
import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { yandexApiRequest } from '../../../../nodes/YandexMarketChats/actions/calls';
import { handleNotification } from '../../../../nodes/YandexMarketChats/trigger/webhook';
import { clearDedupCaches } from '../../../../nodes/YandexMarketChats/trigger/dedup';
import { COMMUNICATION_NOTIFICATION_TYPES } from '../../../../nodes/YandexMarketChats/shared/communicationNotifications';
import { mockWebhookCtx } from '../../../helpers/webhookContext';
import type { WebhookCtxOptions } from '../../../helpers/webhookContext';

jest.mock('../../../../nodes/YandexMarketChats/actions/calls');
const api = jest.mocked(yandexApiRequest);

const FIVE = [...COMMUNICATION_NOTIFICATION_TYPES];
const T = '"createdAt":"2026-12-05T10:00:00Z"';
const bodies = {
	review: `{"notificationType":"GOODS_FEEDBACK_CREATED","businessId":10001,"feedbackId":9007199254740997,${T},"publishedAt":"2026-12-05T11:00:00Z"}`,
	comment: `{"notificationType":"GOODS_FEEDBACK_COMMENT_CREATED","businessId":10001,"commentId":81002,${T}}`,
	answer: `{"notificationType":"QUESTION_ANSWER_CREATED","businessId":10001,"answerId":83002,${T}}`,
};

async function run(opts: WebhookCtxOptions) {
	const mocked = mockWebhookCtx({ ...opts, params: { events: FIVE, ...(opts.params ?? {}) } });
	const result = await handleNotification.call(mocked.ctx);
	return { ...mocked, result };
}

const started = (result: IWebhookResponseData): IDataObject[] =>
	(result.workflowData?.[0] ?? []).map((i) => i.json);

function lookupsAnswer(authorType: string) {
	api.mockImplementation(async (req) => {
		if (req.endpoint === 'getGoodsFeedbacks')
			return { feedbacks: [{ feedbackId: '9007199254740997', statistics: { rating: 1 } }] };
		if (req.endpoint === 'getGoodsFeedbackComments')
			return { comments: [{ id: '81002', feedbackId: '80002', author: { type: authorType } }] };
		return { answers: [{ id: '83002', questionId: '82002', author: { type: authorType } }] };
	});
}

beforeEach(() => {
	clearDedupCaches();
	api.mockReset();
	lookupsAnswer('USER');
});

describe('webhook trigger: review and question events', () => {
	it('a review event starts with the review, its ID above 2^53 exact and publishedAt as the event time', async () => {
		const { result } = await run({ body: bodies.review });
		const [item] = started(result);
		expect(item).toMatchObject({
			notificationType: 'GOODS_FEEDBACK_CREATED',
			feedbackId: '9007199254740997',
			eventTime: '2026-12-05T11:00:00Z',
			review: { feedbackId: '9007199254740997', rating: 1 },
		});
		expect(api).toHaveBeenCalledWith(
			expect.objectContaining({
				endpoint: 'getGoodsFeedbacks',
				body: { feedbackIds: ['9007199254740997'] },
			}),
		);
	});

	it('is acknowledged and starts nothing when not chosen in Events (saved workflows keep their chat events)', async () => {
		const { result } = await run({ body: bodies.review, params: { events: ['CHAT_CREATED'] } });
		expect(result.webhookResponse).toBeDefined();
		expect(result.workflowData).toBeUndefined();
		expect(api).not.toHaveBeenCalled();
	});

	it('a malformed review event is a 400', async () => {
		const { res } = await run({
			body: '{"notificationType":"QUESTION_COMMENT_CREATED","businessId":10001,"answerId":1,"createdAt":"2026-12-05T10:00:00Z"}',
		});
		expect(res.statusCode).toBe(400);
		expect(res.body).toMatchObject({
			error: {
				type: 'WRONG_EVENT_FORMAT',
				message: expect.stringContaining('"commentId" is required'),
			},
		});
	});

	it("the shop's own comment starts nothing; a buyer's starts once, duplicates dropped", async () => {
		lookupsAnswer('BUSINESS');
		expect(started((await run({ body: bodies.comment })).result)).toEqual([]);
		clearDedupCaches();
		lookupsAnswer('USER');
		const first = await run({ body: bodies.comment });
		expect(started(first.result)[0]).toMatchObject({ feedbackId: '80002', fromSeller: false });
		first.res.end();
		expect(started((await run({ body: bodies.comment })).result)).toEqual([]);
	});

	it('an answer whose author cannot be read gets 503 and starts on the next delivery', async () => {
		api.mockRejectedValue(
			new NodeApiError(
				{ id: 'n', name: 'n', type: 't', typeVersion: 1, position: [0, 0], parameters: {} },
				{
					message: 'down',
				},
			),
		);
		const waiting = await run({ body: bodies.answer });
		expect(waiting.res.statusCode).toBe(503);
		expect(JSON.stringify(waiting.res.body)).toMatch(/Yandex will deliver it again/);
		waiting.res.end();
		lookupsAnswer('VENDOR');
		const again = await run({ body: bodies.answer });
		expect(started(again.result)[0]).toMatchObject({
			answerId: '83002',
			questionId: '82002',
			authorType: 'VENDOR',
		});
	});
});
