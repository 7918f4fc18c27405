import { Workflow } from 'n8n-workflow';
import type { INode, INodeProperties, INodePropertyOptions, INodeTypes } from 'n8n-workflow';

import { YandexMarketChats } from '../../../nodes/YandexMarketChats/YandexMarketChats.node';
import { LIMITS } from '../../../nodes/YandexMarketChats/shared/contract';
import codex from '../../../nodes/YandexMarketChats/YandexMarketChats.node.json';

const node = new YandexMarketChats();

describe('YandexMarketChats: description', () => {
	const d = node.description;
	const props = d.properties;
	const byName = (name: string) => props.filter((p) => p.name === name);

	it('has the agreed identity, tool flag, subtitle, icons and credential', () => {
		expect(d).toMatchObject({
			displayName: 'Yandex Market Chats',
			name: 'yandexMarketChats',
			group: ['transform'],
			version: 1,
			usableAsTool: true,
			icon: { light: 'file:yandexMarket.svg', dark: 'file:yandexMarket.dark.svg' },
			credentials: [{ name: 'yandexMarketApi', required: true }],
			inputs: ['main'],
			outputs: ['main'],
		});
	});

	it("subtitle reads as words, evaluated by n8n's own expression engine as the canvas does", () => {
		const nodeTypes = {
			getByName: () => node,
			getByNameAndVersion: () => node,
			getKnownTypes: () => ({}),
		} as unknown as INodeTypes;
		const subtitle = (parameters: Record<string, string>) => {
			const n: INode = {
				id: '1',
				name: 'Yandex Market Chats',
				type: 'n8n-nodes-yandex-market.yandexMarketChats',
				typeVersion: 1,
				position: [0, 0],
				parameters,
			};
			const workflow = new Workflow({ nodes: [n], connections: {}, active: false, nodeTypes });
			return workflow.expression.getSimpleParameterValue(n, d.subtitle as string, 'internal', {});
		};
		expect(subtitle({ resource: 'chat', operation: 'getAll' })).toBe('Get Many: Chat');
		expect(subtitle({ resource: 'chat', operation: 'getHistory' })).toBe('Get History: Chat');
		expect(subtitle({ resource: 'message', operation: 'sendFile' })).toBe('Send File: Message');
		// Every operation has words; a pair the node does not know falls back to the raw values.
		for (const p of byName('operation')) {
			const r = (p.displayOptions?.show?.resource as string[])[0];
			for (const o of p.options as INodePropertyOptions[]) {
				expect(subtitle({ resource: r, operation: String(o.value) })).toBe(
					`${o.name}: ${r[0].toUpperCase()}${r.slice(1)}`,
				);
			}
		}
		expect(subtitle({ resource: 'chat', operation: '__CUSTOM_API_CALL__' })).toBe(
			'__CUSTOM_API_CALL__: chat',
		);
	});

	it('codex names the package node and the Communication and Sales categories', () => {
		expect(codex.node).toBe('n8n-nodes-yandex-market.yandexMarketChats');
		expect(codex.categories).toEqual(['Communication', 'Sales']);
	});

	it('offers the agreed operations per resource, each with an action', () => {
		const ops = byName('operation');
		const map = Object.fromEntries(
			ops.map((p) => [
				(p.displayOptions?.show?.resource as string[])[0],
				(p.options as INodePropertyOptions[]).map((o) => [o.value, o.action]),
			]),
		);
		expect(map).toEqual({
			chat: [
				['create', 'Create a chat'],
				['get', 'Get a chat'],
				['getHistory', 'Get the history of a chat'],
				['getAll', 'Get many chats'],
			],
			message: [
				['get', 'Get a message'],
				['send', 'Send a message'],
				['sendFile', 'Send a file'],
			],
			question: [
				['answer', 'Answer a question'],
				['comment', 'Comment on an answer'],
				['delete', 'Delete an answer or comment'],
				['update', 'Edit an answer or comment'],
				['get', 'Get a question'],
				['getAnswer', 'Get an answer'],
				['getAnswers', 'Get the answers to a question'],
				['getAll', 'Get many questions'],
			],
			review: [
				['deleteComment', 'Delete a review comment'],
				['updateComment', 'Edit a review comment'],
				['get', 'Get a review'],
				['getComment', 'Get a review comment'],
				['getComments', 'Get the comments of a review'],
				['getAll', 'Get many reviews'],
				['skipReaction', 'Mark reviews as handled'],
				['reply', 'Reply to a review'],
				['replyToComment', 'Reply to a review comment'],
			],
		});
	});

	it('has businessId and chatId as resource locators with list and id modes', () => {
		const [business] = byName('businessId');
		expect(business.type).toBe('resourceLocator');
		expect(business.modes?.map((m) => m.name)).toEqual(['list', 'id']);
		expect(business.modes?.[0].typeOptions?.searchListMethod).toBe('searchBusinesses');
		for (const chat of byName('chatId')) {
			expect(chat.modes?.map((m) => m.name)).toEqual(['list', 'id']);
			expect(chat.modes?.[0].typeOptions?.searchListMethod).toBe('searchChats');
		}
		expect(Object.keys(node.methods.listSearch).sort()).toEqual([
			'searchBusinesses',
			'searchChats',
		]);
	});

	it('shows a chat locator for every operation that needs one, and only those', () => {
		const shown = byName('chatId').flatMap((p) =>
			(p.displayOptions?.show?.operation as string[]).map(
				(op) => `${p.displayOptions?.show?.resource}:${op}`,
			),
		);
		expect(shown.sort()).toEqual(
			['chat:get', 'chat:getHistory', 'message:get', 'message:send', 'message:sendFile'].sort(),
		);
	});

	it('sorts every options list alphabetically and starts boolean descriptions with "Whether"', () => {
		const walk = (list: INodeProperties[]): void => {
			for (const p of list) {
				if (p.type === 'options' || p.type === 'multiOptions') {
					const names = (p.options as INodePropertyOptions[]).map((o) => o.name);
					expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
				}
				if (p.type === 'boolean') expect(p.description).toMatch(/^Whether /);
				if (p.type === 'collection') walk(p.options as INodeProperties[]);
			}
		};
		walk(props);
	});

	it('offers rateLimitWaitSeconds (default 60) on every operation', () => {
		const options = byName('options');
		expect(options).toHaveLength(24);
		for (const o of options) {
			const wait = (o.options as INodeProperties[]).find((x) => x.name === 'rateLimitWaitSeconds');
			expect(wait?.default).toBe(60);
		}
	});

	it("offers Parallel Requests (default and maximum Yandex's per-cabinet limit) on the reads only", () => {
		const withOption = byName('options')
			.filter((o) => (o.options as INodeProperties[]).some((x) => x.name === 'parallelRequests'))
			.map((o) => `${o.displayOptions?.show?.resource}:${o.displayOptions?.show?.operation}`);
		expect(withOption.sort()).toEqual([
			'chat:get',
			'chat:getAll',
			'chat:getHistory',
			'message:get',
			'question:get',
			'question:getAll',
			'question:getAnswer',
			'question:getAnswers',
			'review:get',
			'review:getAll',
			'review:getComment',
			'review:getComments',
		]);
		const option = (byName('options')[0].options as INodeProperties[]).find(
			(x) => x.name === 'parallelRequests',
		);
		expect(option).toMatchObject({
			default: LIMITS.parallelRequests,
			typeOptions: { minValue: 1, maxValue: LIMITS.parallelRequests },
		});
	});
});
