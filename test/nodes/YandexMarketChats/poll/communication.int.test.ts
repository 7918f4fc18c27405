/**
 * The poll trigger's review and question events against the sandbox over real HTTP: the first poll only remembers,
 * later polls report each new review needing a reaction and each new question needing an answer exactly once, a
 * review created long before its publication (moderation) is still found, and the calls per poll are as stated.
 */
import type { IDataObject } from 'n8n-workflow';

import { COMMUNICATION_SEED as SEED, createCommunicationControlClient } from '../../../../sandbox';
import {
	pollCommunication,
	readCommunicationState,
	communicationStateKey,
} from '../../../../nodes/YandexMarketChats/poll/communication';
import type { CommunicationPollState } from '../../../../nodes/YandexMarketChats/poll/communication';
import { PolledWorkflow } from '../../../helpers/pollContext';
import { useSpecCheckedSandbox } from '../../../helpers/sandbox';
import { SANDBOX_KEYS } from '../../../../sandbox';

const sb = useSpecCheckedSandbox();
const EVENTS = new Set(['GOODS_FEEDBACK_CREATED', 'QUESTION_CREATED']);
const settings = { businessId: '10001', events: EVENTS, maxRateLimitWaitMs: 0 };

async function poll(previous?: CommunicationPollState) {
	const ctx = new PolledWorkflow(sb.url, SANDBOX_KEYS.communication, {}).context();
	return await pollCommunication.call(ctx, settings, previous);
}

describe('poll trigger: reviews and questions', () => {
	it('remembers first, then reports each new review and question once, with the webhook item shape', async () => {
		const control = createCommunicationControlClient(sb.url);
		const first = await poll();
		expect(first.items).toEqual([]);
		expect(first.state.seen.GOODS_FEEDBACK_CREATED).toContain(SEED.lowRatingReviewId);
		expect(first.state.seen.QUESTION_CREATED).toContain(SEED.openQuestionId);
		await sb.control.clearRequests();

		// Written 2 hours ago, published now: a createdAt watermark would miss it.
		const { feedbackId } = await control.buyerReview({
			rating: 2,
			comment: 'Too loud',
			moderatedForMs: 2 * 3600_000,
		});
		const { questionId } = await control.buyerQuestion({ text: 'Is it loud?' });
		const second = await poll(first.state);
		expect(second.items.map((i) => [i.notificationType, i.feedbackId ?? i.questionId])).toEqual([
			['GOODS_FEEDBACK_CREATED', feedbackId],
			['QUESTION_CREATED', questionId],
		]);
		const [review, question] = second.items as IDataObject[];
		expect(review).toMatchObject({
			businessId: '10001',
			eventTime: review.createdAt,
			review: { feedbackId, rating: 2, comment: 'Too loud', needReaction: true },
			notification: { notificationType: 'GOODS_FEEDBACK_CREATED', feedbackId },
			dedupKey: `GOODS_FEEDBACK_CREATED|10001|${feedbackId}`,
		});
		expect(question).toMatchObject({ question: { questionId, text: 'Is it loud?' } });
		// One call per kind and poll (fewer than 50 waiting each).
		const calls = (await sb.control.requests()).map((r) => r.operationId);
		expect(calls.sort()).toEqual(['getGoodsFeedbacks', 'getGoodsQuestions']);

		const third = await poll(second.state);
		expect(third.items).toEqual([]);
	});

	it('a review opened in the cabinet before the poll is not reported (it no longer needs a reaction)', async () => {
		const control = createCommunicationControlClient(sb.url);
		const first = await poll();
		const { feedbackId } = await control.buyerReview({ rating: 5 });
		await control.viewReview(feedbackId);
		expect((await poll(first.state)).items).toEqual([]);
	});

	it('state belongs to the business and events', () => {
		const key = communicationStateKey('10001', EVENTS);
		const state = { v: 1, key, seen: { QUESTION_CREATED: ['1'] } };
		expect(readCommunicationState(state, key)).toEqual(state);
		expect(readCommunicationState(state, communicationStateKey('10002', EVENTS))).toBeUndefined();
		expect(readCommunicationState({ v: 2, key, seen: {} }, key)).toBeUndefined();
	});
});
