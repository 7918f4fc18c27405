import type { INodePropertyOptions } from 'n8n-workflow';

import {
	buildOperationProperty,
	collectParameters,
} from '../../../../nodes/YandexMarketChats/actions/operation';
import type { OperationModule } from '../../../../nodes/YandexMarketChats/actions/operation';

const fakeOperation = (name: string, parameter: string): OperationModule => ({
	option: { name, description: `${name} it`, action: `${name} a thing` },
	description: [{ displayName: parameter, name: parameter, type: 'string', default: '' }],
	execute: async () => [],
	access: 'read',
	toolDescription: '',
	apiMethod: {
		operationId: 'x',
		httpMethod: 'GET',
		path: '/x',
		hourlyQuota: 1,
		doing: 'doing x',
		repeatable: true,
	},
});

describe('buildOperationProperty', () => {
	const property = buildOperationProperty(
		'thing',
		{
			zap: fakeOperation('Zap', 'a'),
			add: fakeOperation('Add', 'b'),
			getAll: fakeOperation('Get Many', 'c'),
		},
		'getAll',
	);

	it('lists the operations by name, each with its value, description and action', () => {
		expect(property.options as INodePropertyOptions[]).toEqual([
			{ name: 'Add', value: 'add', description: 'Add it', action: 'Add a thing' },
			{ name: 'Get Many', value: 'getAll', description: 'Get Many it', action: 'Get Many a thing' },
			{ name: 'Zap', value: 'zap', description: 'Zap it', action: 'Zap a thing' },
		]);
	});

	it('is the Operation parameter of its resource, with the given default', () => {
		expect(property).toMatchObject({
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['thing'] } },
			default: 'getAll',
		});
	});
});

describe('collectParameters', () => {
	it("joins the operations' parameters in the order of the operations", () => {
		const names = collectParameters({
			b: fakeOperation('B', 'one'),
			a: fakeOperation('A', 'two'),
		}).map((p) => p.name);
		expect(names).toEqual(['one', 'two']);
	});
});
