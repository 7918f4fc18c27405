/**
 * What the AI tool variant gets by default, resolved with n8n-workflow's own parameter logic (the `@tool` display
 * option is true for the generated "Yandex Market Chats Tool" type, whose name ends in Tool).
 */
import type { INode, INodeParameters, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { YandexMarketChats } from '../../../../nodes/YandexMarketChats/YandexMarketChats.node';
import { OPERATION_LIST } from '../../../../nodes/YandexMarketChats/actions/operations';

const base = new YandexMarketChats().description;
const asTool = { ...base, name: `${base.name}Tool` } as INodeTypeDescription;

function resolved(description: INodeTypeDescription, parameters: INodeParameters) {
	const node = { parameters, typeVersion: 1 } as unknown as INode;
	return NodeHelpers.getNodeParameters(
		description.properties,
		parameters,
		true,
		false,
		node,
		description,
	) as INodeParameters;
}

/** The arguments each operation's tool description must explain, by the field names the editor shows. */
const ARGUMENTS: Record<string, string[]> = {
	'chat:get': ['Business', 'Chat'],
	'chat:getAll': ['Business'],
	'chat:create': ['Business', 'Order ID'],
	'chat:getHistory': ['Business', 'Chat', 'Limit'],
	'message:get': ['Business', 'Chat', 'Message ID'],
	'message:send': ['Business', 'Chat', 'Text'],
	'message:sendFile': ['Business', 'Chat'],
	'review:getAll': ['Business', 'Limit'],
	'review:get': ['Business', 'Review ID'],
	'review:getComments': ['Business', 'Review ID', 'Limit'],
	'review:getComment': ['Business', 'Comment ID'],
	// Writes: the model gives only the text; the review, comment, question or answer is bound by the workflow.
	'review:reply': ['Text'],
	'review:replyToComment': ['Text'],
	'review:updateComment': ['Text'],
	'review:deleteComment': [],
	'review:skipReaction': [],
	'question:getAll': ['Business', 'Limit'],
	'question:get': ['Business', 'Question ID'],
	'question:getAnswers': ['Business', 'Question ID', 'Limit'],
	'question:getAnswer': ['Business', 'Answer ID'],
	'question:answer': ['Text'],
	'question:comment': ['Text'],
	'question:update': ['Text'],
	'question:delete': [],
};

/** The write operations of reviews and questions: the target is the workflow's, never the model's. */
const BOUND_WRITES = Object.keys(ARGUMENTS).filter((key) =>
	/^(review|question):(reply|replyToComment|updateComment|deleteComment|skipReaction|answer|comment|update|delete)$/.test(
		key,
	),
);

/** Every operation of the node, from the resources' indexes: a new one without an ARGUMENTS row fails. */
const OPERATIONS = OPERATION_LIST.map(({ resource, operation }) => [resource, operation] as const);

describe('AI tool defaults', () => {
	it.each(OPERATIONS)(
		'%s:%s tells the model what it does, each argument by its field name, and what it returns',
		(resource, operation) => {
			const fields = ARGUMENTS[`${resource}:${operation}`];
			expect(fields).toBeDefined();
			const params = resolved(asTool, { resource, operation });
			const text = String(params.toolDescription);
			expect(text.length).toBeGreaterThan(120);
			expect(text).toMatch(/Returns /);
			for (const field of fields) expect(text).toContain(`${field}:`);
			if (fields.includes('Chat')) expect(text).toMatch(/Chat: the chat ID, digits only/);
		},
	);

	it.each(BOUND_WRITES)(
		'%s tells the model that the workflow fixes what it writes to, and asks only for the text',
		(key) => {
			const [resource, operation] = key.split(':');
			const text = String(resolved(asTool, { resource, operation }).toolDescription);
			expect(text).toContain('The workflow fixes which one (it is not an argument)');
			expect(text).not.toMatch(/\b(Business|Review ID|Comment ID|Question ID|Answer ID):/);
		},
	);

	it('the plain node has no tool description (n8n adds none for it either)', () => {
		expect(resolved(base, { resource: 'message', operation: 'send' })).not.toHaveProperty(
			'toolDescription',
		);
	});

	it('Get History as a tool reads the newest messages and gives the chat once; the node keeps its old output', () => {
		expect(resolved(asTool, { resource: 'chat', operation: 'getHistory' })).toMatchObject({
			returnAll: false,
			limit: 50,
			which: 'newest',
			output: 'chat',
		});
		expect(resolved(base, { resource: 'chat', operation: 'getHistory' })).toMatchObject({
			which: 'oldest',
			output: 'messages',
		});
	});

	it('every operation has exactly one tool description', () => {
		const descriptions = base.properties.filter((p) => p.name === 'toolDescription');
		const keys = descriptions.map(
			(p) => `${p.displayOptions?.show?.resource}:${p.displayOptions?.show?.operation}`,
		);
		expect(keys.sort()).toEqual(OPERATIONS.map(([r, o]) => `${r}:${o}`).sort());
		expect(Object.keys(ARGUMENTS).sort()).toEqual(keys.sort());
		expect(descriptions.every((p) => p.displayOptions?.show?.['@tool']?.[0] === true)).toBe(true);
	});
});
