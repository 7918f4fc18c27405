/**
 * Resolve Details for the review and question events against the sandbox over real HTTP: each of the five events
 * finds its item by the notification's IDs alone (a comment notification has no review ID, an answer notification
 * no question ID), a deleted review is "missing", a failing Yandex is an error, and the author verdict follows.
 */
import type { IWebhookFunctions } from 'n8n-workflow';

import { COMMUNICATION_SEED as SEED, SANDBOX_KEYS } from '../../../../sandbox';
import { parseCommunicationNotification } from '../../../../nodes/YandexMarketChats/shared/communicationNotifications';
import type { CommunicationNotificationType } from '../../../../nodes/YandexMarketChats/shared/communicationNotifications';
import { DEFAULT_AUTHORS } from '../../../../nodes/YandexMarketChats/descriptions/communicationEvents';
import { senderVerdict } from '../../../../nodes/YandexMarketChats/shared/senders';
import {
	AUTHORED_EVENTS,
	KNOWN_AUTHORS,
	authorOf,
} from '../../../../nodes/YandexMarketChats/trigger/communication';
import { resolveCommunicationDetails } from '../../../../nodes/YandexMarketChats/trigger/communicationDetails';
import { createN8nContext, sandboxCredentials } from '../../../helpers/n8nContext';
import { useSpecCheckedSandbox } from '../../../helpers/sandbox';

const sb = useSpecCheckedSandbox();
const T = '2026-12-05T10:00:00Z';

function event(type: CommunicationNotificationType, ids: Record<string, string>) {
	const parsed = parseCommunicationNotification(type, {
		notificationType: type,
		businessId: '10001',
		createdAt: T,
		publishedAt: T,
		...ids,
	});
	if (!('event' in parsed)) throw new Error(parsed.problem);
	return parsed.event;
}

async function resolve(type: CommunicationNotificationType, ids: Record<string, string>) {
	const { ctx } = createN8nContext({
		credentials: sandboxCredentials(sb.url, SANDBOX_KEYS.communication),
		nodeType: 'n8n-nodes-yandex-market.yandexMarketChatsTrigger',
	});
	const e = event(type, ids);
	const details = await resolveCommunicationDetails.call(
		ctx as unknown as IWebhookFunctions,
		e,
		5000,
	);
	const verdict = senderVerdict({
		applies: AUTHORED_EVENTS.includes(e.notificationType),
		senders: DEFAULT_AUTHORS,
		author: authorOf(details),
		known: KNOWN_AUTHORS,
	});
	return { details, verdict };
}

describe('Resolve Details for reviews and questions', () => {
	it.each([
		[
			'GOODS_FEEDBACK_CREATED',
			{ feedbackId: SEED.bigReviewId },
			{ feedbackId: SEED.bigReviewId },
			'start',
		],
		[
			'GOODS_FEEDBACK_COMMENT_CREATED',
			{ commentId: SEED.threadCommentIds[0] },
			{ feedbackId: SEED.threadReviewId, authorType: 'USER' },
			'start',
		],
		[
			'GOODS_FEEDBACK_COMMENT_CREATED',
			{ commentId: SEED.sellerCommentId },
			{ authorType: 'BUSINESS', fromSeller: true },
			'skip',
		],
		[
			'QUESTION_CREATED',
			{ questionId: SEED.bigQuestionId },
			{ questionId: SEED.bigQuestionId },
			'start',
		],
		[
			'QUESTION_ANSWER_CREATED',
			{ answerId: SEED.buyerAnswerId },
			{ questionId: SEED.buyerAnsweredQuestionId, authorType: 'USER' },
			'start',
		],
		[
			'QUESTION_ANSWER_CREATED',
			{ answerId: SEED.sellerAnswerId },
			{ authorType: 'BUSINESS' },
			'skip',
		],
		[
			'QUESTION_COMMENT_CREATED',
			{ answerId: SEED.sellerAnswerId, commentId: SEED.answerCommentIds[0] },
			{ commentId: SEED.answerCommentIds[0], authorType: 'USER' },
			'start',
		],
		[
			'QUESTION_COMMENT_CREATED',
			{ answerId: SEED.sellerAnswerId, commentId: SEED.answerCommentIds[1] },
			{ authorType: 'BUSINESS' },
			'skip',
		],
	] as const)('%s %j', async (type, ids, value, verdict) => {
		const resolved = await resolve(type, ids);
		expect(resolved.details).toMatchObject({ found: { value } });
		expect(resolved.verdict).toBe(verdict);
	});

	it('a deleted review is missing (Yandex returns an empty list)', async () => {
		const resolved = await resolve('GOODS_FEEDBACK_CREATED', { feedbackId: SEED.deletedReviewId });
		expect(resolved).toEqual({ details: { missing: true }, verdict: 'start' });
	});

	it('a failing Yandex is an error, and an answer of unknown author waits (503, delivered again)', async () => {
		await sb.control.faults({
			operationId: 'getGoodsQuestionAnswers',
			kind: 'status',
			status: 503,
			times: 10,
		});
		const resolved = await resolve('QUESTION_ANSWER_CREATED', { answerId: SEED.buyerAnswerId });
		expect(resolved.details).toMatchObject({ error: { lookup: 'getGoodsQuestionAnswers' } });
		expect(resolved.verdict).toBe('wait');
	});
});
