/**
 * The product question methods, under /v1/ and all POST: list questions (filters, a 1-month date window, sort,
 * totalCount), read answers with their embedded comments, and the one update method that creates, edits and
 * deletes the shop's answers and comments (an ID comes back only on CREATE). There is no skip for questions.
 */
import type { Handler } from './api';
import { bodyOf, sendApi } from './api';
import type { Cursor } from './communication-api';
import {
	ApiRefusal,
	checkSellerText,
	idList,
	moscowDate,
	questionWindow,
	refusing,
	sendListPage,
} from './communication-api';
import { COMMUNICATION_LIMITS } from './communication-contract';
import {
	answerCreated,
	notifySellerContent,
	questionCommentCreated,
} from './communication-notifications';
import type { CommunicationStore, StoredAnswer, StoredQuestion } from './communication-store';
import { cabinetOf } from './feedback';
import type { SandboxState } from './state';

const questionPosition = (q: StoredQuestion): Cursor => ({ t: q.createdAt, id: q.questionId });
const answerPosition = (a: StoredAnswer): Cursor => ({ t: a.createdAt, id: a.id });

function withRefusals(fn: Handler): Handler {
	return (state, req, res, ctx) => refusing(state, res, ctx, () => fn(state, req, res, ctx));
}

interface TypedId {
	id?: unknown;
	type?: string;
}

export const questionHandlers: Record<string, Handler> = {
	getGoodsQuestions: withRefusals((state, req, res, ctx) => {
		cabinetOf(ctx);
		const businessId = ctx.key!.businessId;
		const body = bodyOf(ctx);
		const c = state.store.communication;
		const ids = idList(body.questionIds ?? undefined);
		const categories = idList(body.categoryIds ?? undefined);
		// With questionIds the default window does not apply (a notification's question is found whatever its
		// age); explicit dates still do.
		const { from, to } = questionWindow(body, Date.now(), ids !== undefined);
		const sort = body.sort === 'CREATED_AT_ASC' ? 'asc' : 'desc';
		const questions = c.questionsOf(businessId).filter((q) => {
			const day = moscowDate(q.createdAt);
			return (
				(!ids || ids.includes(q.questionId)) &&
				(!categories || (q.categoryId !== undefined && categories.includes(q.categoryId))) &&
				(from === undefined || day >= from) &&
				(to === undefined || day <= to) &&
				(body.needAnswer !== true || c.needsAnswer(q))
			);
		});
		sendListPage(state, req, res, {
			kind: `questions:${businessId}:${sort}`,
			items: questions,
			position: questionPosition,
			direction: sort,
			field: 'questions',
			dto: (q) => c.questionDto(q),
			extra: { totalCount: questions.length },
		});
	}),

	getGoodsQuestionAnswers: withRefusals((state, req, res, ctx) => {
		cabinetOf(ctx);
		const businessId = ctx.key!.businessId;
		const body = bodyOf(ctx);
		const c = state.store.communication;
		const ids = idList(body.answerIds ?? undefined);
		const questionId = body.questionId !== undefined ? String(body.questionId) : undefined;
		if (!ids && questionId === undefined)
			throw new ApiRefusal("Either 'questionId' or 'answerIds' must be set");
		const answers = (
			questionId !== undefined
				? c.answersOf(businessId, questionId)
				: ids!.map((id) => c.answer(businessId, id)).filter((a): a is StoredAnswer => !!a)
		).filter((a) => !ids || ids.includes(a.id));
		sendListPage(state, req, res, {
			kind: `answers:${businessId}:${questionId ?? 'ids'}`,
			items: answers,
			position: answerPosition,
			direction: 'asc',
			field: 'answers',
			dto: (a) => {
				const dto = c.answerDto(a);
				const comments = dto.comments as unknown[] | undefined;
				// An answer embeds at most 100 comments (CommentDTO list, maxItems 100).
				if (comments && comments.length > COMMUNICATION_LIMITS.answerCommentsMax)
					dto.comments = comments.slice(0, COMMUNICATION_LIMITS.answerCommentsMax);
				return dto;
			},
		});
	}),

	updateGoodsQuestionTextEntity: withRefusals((state, _req, res, ctx) => {
		cabinetOf(ctx);
		const businessId = ctx.key!.businessId;
		const body = bodyOf(ctx);
		const c = state.store.communication;
		const operation = String(body.operationType);
		const entity = body.entityId as TypedId | undefined;
		const parent = body.parentEntityId as TypedId | undefined;
		const text = body.text === undefined ? undefined : String(body.text);
		// The JSON Schema only requires operationType; the per-operation rules are in the descriptions.
		if (operation === 'CREATE') {
			if (!parent)
				throw new ApiRefusal("'parentEntityId' must not be null for operationType CREATE");
			if (entity)
				throw new ApiRefusal(
					"'entityId' must not be set for operationType CREATE (use UPDATE to edit)",
				);
			if (text === undefined)
				throw new ApiRefusal("'text' must not be null for operationType CREATE");
			checkSellerText('text', text, { linksAndContacts: false });
			const created = create(state, c, businessId, parent, text);
			sendApi(state, res, 200, { status: 'OK', result: { entity: created.entity } });
			notifySellerContent(state, created.notification);
			return;
		}
		if (!entity) throw new ApiRefusal(`'entityId' must not be null for operationType ${operation}`);
		const id = String(entity.id);
		if (entity.type === 'QUESTION')
			throw new ApiRefusal(
				`A question cannot be changed by the shop: entityId.type must be ANSWER or COMMENT for ${operation}`,
			);
		const target =
			entity.type === 'ANSWER' ? c.answer(businessId, id) : c.questionComment(businessId, id);
		if (!target)
			throw new ApiRefusal(
				`${entity.type === 'ANSWER' ? 'Answer' : 'Comment'} not found: '${id}'`,
				404,
			);
		if (target.authorType !== 'BUSINESS' || target.status === 'BANNED')
			throw new ApiRefusal(
				`${entity.type === 'ANSWER' ? 'Answer' : 'Comment'} '${id}' cannot be modified: only the shop's own answers and comments can be changed (canModify is false)`,
			);
		if (operation === 'UPDATE') {
			if (text === undefined)
				throw new ApiRefusal("'text' must not be null for operationType UPDATE");
			checkSellerText('text', text, { linksAndContacts: false });
			target.text = text;
		} else {
			target.deleted = true;
		}
		// UPDATE and DELETE: "an empty response", no entity ID.
		sendApi(state, res, 200, { status: 'OK' });
	}),
};

function create(
	state: SandboxState,
	c: CommunicationStore,
	businessId: string,
	parent: TypedId,
	text: string,
) {
	const parentId = String(parent.id);
	const author = {
		authorType: 'BUSINESS' as const,
		authorName: state.store.businesses.get(businessId)?.name ?? 'Shop',
		businessId,
		text,
		status: 'PUBLISHED' as const,
		createdAt: Date.now(),
		votes: { likes: 0, dislikes: 0 },
	};
	if (parent.type === 'QUESTION') {
		if (!c.question(businessId, parentId))
			throw new ApiRefusal(`Question not found: '${parentId}'`, 404);
		const answer = c.addAnswer({ ...author, questionId: parentId });
		return { entity: { id: answer.id, type: 'ANSWER' }, notification: answerCreated(answer) };
	}
	// A comment goes under an answer, or under another comment of the same answer (parentId).
	const parentComment =
		parent.type === 'COMMENT' ? c.questionComment(businessId, parentId) : undefined;
	const answerId = parent.type === 'ANSWER' ? parentId : parentComment?.answerId;
	if (!answerId || !c.answer(businessId, answerId))
		throw new ApiRefusal(
			`${parent.type === 'ANSWER' ? 'Answer' : 'Comment'} not found: '${parentId}'`,
			404,
		);
	const comment = c.addQuestionComment({
		...author,
		answerId,
		...(parentComment ? { parentId: parentComment.id } : {}),
	});
	return {
		entity: { id: comment.id, type: 'COMMENT' },
		notification: questionCommentCreated(comment),
	};
}
