import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_AUTHORS } from '../../../../nodes/YandexMarketChats/descriptions/communicationEvents';
import { senderVerdict } from '../../../../nodes/YandexMarketChats/shared/senders';
import {
	AUTHORED_EVENTS,
	KNOWN_AUTHORS,
	authorOf,
	communicationEventItem,
	lookupFor,
	pickDetails,
} from '../../../../nodes/YandexMarketChats/trigger/communication';
import type { CommunicationDetails } from '../../../../nodes/YandexMarketChats/trigger/communication';
import { parseCommunicationNotification } from '../../../../nodes/YandexMarketChats/shared/communicationNotifications';
import type {
	CommunicationNotification,
	CommunicationNotificationType,
} from '../../../../nodes/YandexMarketChats/shared/communicationNotifications';

const T = '2026-12-05T10:00:00Z';
const AT = new Date('2026-12-05T10:00:01Z');

function event(type: CommunicationNotificationType, ids: IDataObject): CommunicationNotification {
	const parsed = parseCommunicationNotification(type, {
		notificationType: type,
		businessId: 10001,
		createdAt: T,
		publishedAt: T,
		...ids,
	});
	if (!('event' in parsed)) throw new Error(parsed.problem);
	return parsed.event;
}

const review = event('GOODS_FEEDBACK_CREATED', { feedbackId: 80001 });
const reviewComment = event('GOODS_FEEDBACK_COMMENT_CREATED', { commentId: 81002 });
const question = event('QUESTION_CREATED', { questionId: 82003 });
const answer = event('QUESTION_ANSWER_CREATED', { answerId: 83002 });
const answerComment = event('QUESTION_COMMENT_CREATED', { answerId: 83001, commentId: 84002 });

describe('lookupFor: the read behind each event', () => {
	it.each([
		[review, 'getGoodsFeedbacks', { feedbackIds: ['80001'] }],
		[reviewComment, 'getGoodsFeedbackComments', { commentIds: ['81002'] }],
		[question, 'getGoodsQuestions', { questionIds: ['82003'] }],
		[answer, 'getGoodsQuestionAnswers', { answerIds: ['83002'] }],
		[answerComment, 'getGoodsQuestionAnswers', { answerIds: ['83001'] }],
	])('%#', (e, endpoint, body) => {
		expect(lookupFor(e)).toMatchObject({ endpoint, body });
	});
});

describe('pickDetails', () => {
	it('finds the comment inside its answer and keeps the answer', () => {
		const found = pickDetails(answerComment, [
			{
				id: '83001',
				questionId: '82001',
				text: 'Yes',
				author: { type: 'BUSINESS', name: 'Shop' },
				comments: [
					{ id: '84001', text: 'And abroad?', author: { type: 'USER', name: 'Olga' } },
					{
						id: '84002',
						parentId: '84001',
						text: 'Also',
						author: { type: 'BUSINESS', name: 'Shop' },
					},
				],
			},
		]);
		expect(found?.value).toMatchObject({
			commentId: '84002',
			answerId: '83001',
			authorType: 'BUSINESS',
		});
		expect(found?.parent).toMatchObject({ answerId: '83001', questionId: '82001' });
		expect(found?.parent).not.toHaveProperty('comments');
	});

	it.each([
		[review, []],
		[answerComment, [{ id: '83001', comments: [{ id: '84001' }] }]],
	])('nothing returned (a deleted item) is undefined %#', (e, items) => {
		expect(pickDetails(e, items)).toBeUndefined();
	});
});

const by = (authorType: string): CommunicationDetails => ({ found: { value: { authorType } } });

/** The Authors rule as the webhook trigger applies it (shared/senders.ts with this family's authors). */
function authorVerdict(
	e: CommunicationNotification,
	authors: readonly string[],
	details: CommunicationDetails | undefined,
) {
	return senderVerdict({
		applies: AUTHORED_EVENTS.includes(e.notificationType),
		senders: authors,
		author: authorOf(details),
		known: KNOWN_AUTHORS,
	});
}

describe('the Authors rule: the shop never starts a workflow that excludes it', () => {
	it.each([
		// A review or question is always a buyer's.
		[review, DEFAULT_AUTHORS, undefined, 'start'],
		[question, DEFAULT_AUTHORS, { error: { message: 'down' } }, 'start'],
		[reviewComment, DEFAULT_AUTHORS, by('USER'), 'start'],
		[reviewComment, DEFAULT_AUTHORS, by('BRAND'), 'start'],
		[reviewComment, DEFAULT_AUTHORS, by('BUSINESS'), 'skip'],
		[answer, DEFAULT_AUTHORS, by('VENDOR'), 'start'],
		[answer, DEFAULT_AUTHORS, by('BUSINESS'), 'skip'],
		[answerComment, ['USER'], by('BRAND'), 'skip'],
		// Unknown author while the list excludes someone: 503, Yandex delivers again.
		[answer, DEFAULT_AUTHORS, { error: { message: '420' } }, 'wait'],
		[answerComment, DEFAULT_AUTHORS, undefined, 'wait'],
		[reviewComment, DEFAULT_AUTHORS, { found: { value: {} } }, 'wait'],
		// Gone for good: nothing to answer, and no 14 days of redeliveries.
		[reviewComment, DEFAULT_AUTHORS, { missing: true }, 'skip'],
		// A list with everyone: an unknown author does not matter; a deleted answer has nothing to start.
		[answer, ['USER', 'BUSINESS', 'VENDOR', 'BRAND'], { error: { message: 'x' } }, 'start'],
		[answer, ['USER', 'BUSINESS', 'VENDOR', 'BRAND'], { missing: true }, 'skip'],
		[answer, ['USER', 'BUSINESS', 'VENDOR', 'BRAND'], by('BUSINESS'), 'start'],
	] as Array<[CommunicationNotification, string[], CommunicationDetails | undefined, string]>)(
		'%#: %s',
		(e, authors, details, verdict) => {
			expect(authorVerdict(e, authors, details)).toBe(verdict);
		},
	);

	it('by default every author but the shop itself', () => {
		expect(DEFAULT_AUTHORS).toEqual(['USER', 'VENDOR', 'BRAND']);
	});
});

describe('communicationEventItem', () => {
	it('a review comment: IDs, times, the comment, its review ID and author', () => {
		const item = communicationEventItem(reviewComment, AT, {
			found: {
				value: {
					businessId: '10001',
					commentId: '81002',
					feedbackId: '80002',
					parentId: '81001',
					authorType: 'BUSINESS',
				},
			},
		});
		expect(item).toEqual({
			notificationType: 'GOODS_FEEDBACK_COMMENT_CREATED',
			businessId: '10001',
			commentId: '81002',
			feedbackId: '80002',
			parentId: '81001',
			eventTime: T,
			createdAt: T,
			receivedAt: AT.toISOString(),
			dedupKey: 'GOODS_FEEDBACK_COMMENT_CREATED|10001|81002',
			authorType: 'BUSINESS',
			fromSeller: true,
			comment: {
				businessId: '10001',
				commentId: '81002',
				feedbackId: '80002',
				parentId: '81001',
				authorType: 'BUSINESS',
			},
			notification: reviewComment.raw,
		});
	});

	it('a new review carries publishedAt as its event time and createdAt as sent', () => {
		const item = communicationEventItem(review, AT, {
			found: { value: { feedbackId: '80001', rating: 1 } },
		});
		expect(item).toMatchObject({
			feedbackId: '80001',
			eventTime: T,
			publishedAt: T,
			createdAt: T,
			review: { rating: 1 },
		});
		expect(item).not.toHaveProperty('authorType');
	});

	it('an answer comment also gets the answer and its question ID', () => {
		const item = communicationEventItem(answerComment, AT, {
			found: {
				value: { commentId: '84002', authorType: 'USER' },
				parent: { answerId: '83001', questionId: '82001' },
			},
		});
		expect(item).toMatchObject({
			answerId: '83001',
			commentId: '84002',
			questionId: '82001',
			fromSeller: false,
			comment: { commentId: '84002' },
			answer: { answerId: '83001' },
		});
	});

	it.each([
		[
			{ missing: true } as CommunicationDetails,
			{ lookup: 'getGoodsQuestionAnswers', message: expect.stringContaining('deleted') },
		],
		[
			{
				error: { lookup: 'getGoodsQuestionAnswers', message: 'No answer within 3 s' },
			} as CommunicationDetails,
			{ message: 'No answer within 3 s' },
		],
	])('a failed or empty lookup becomes detailsError %#', (details, error) => {
		expect(communicationEventItem(answer, AT, details).detailsError).toMatchObject(error);
	});
});
