/**
 * Keeps CONTRIBUTING's "Adding an operation" honest: everything a new operation needs is checked here for every
 * operation the resources' indexes list, so a forgotten piece fails a test instead of surfacing in a user's n8n.
 */
import type { INodeProperties } from 'n8n-workflow';

import { properties } from '../../../../nodes/YandexMarketChats/actions/description';
import {
	HOURLY_QUOTAS,
	OPERATION_LIST,
	apiMethodNamed,
	operationFor,
} from '../../../../nodes/YandexMarketChats/actions/operations';
import {
	READ_SCOPES,
	WRITE_SCOPES,
	businessPathTemplate,
} from '../../../../nodes/YandexMarketChats/shared/contract';
import { HANDLED_OPERATIONS } from '../../../../sandbox/api';
import { specOperations } from '../../../../sandbox/validation';
import { SPEC_OPERATIONS as specById, scopeName } from '../../../helpers/spec';
import { readRepoFile, repoFileExists } from '../../../../harness/docs';

const cases = OPERATION_LIST.map((entry) => [
	`${entry.resource}:${entry.operation}`,
	entry,
]) as Array<[string, (typeof OPERATION_LIST)[number]]>;

describe('every operation', () => {
	it.each(cases)('%s is in its Operation list and the router finds it', (_key, entry) => {
		const list = properties.find(
			(p) =>
				p.name === 'operation' &&
				(p.displayOptions?.show?.resource as string[] | undefined)?.[0] === entry.resource,
		);
		const values = (list?.options as Array<{ value: string; action: string }>).map((o) => o.value);
		expect(values).toContain(entry.operation);
		expect(operationFor(entry.resource, entry.operation)).toBe(entry.module);
	});

	it.each(cases)(
		'%s shows its parameters only for itself',
		(_key, { resource, operation, module }) => {
			expect(module.description.length).toBeGreaterThan(0);
			for (const p of module.description as INodeProperties[]) {
				expect(p.displayOptions?.show?.resource).toEqual([resource]);
				expect(p.displayOptions?.show?.operation).toEqual([operation]);
			}
		},
	);

	it.each(cases)('%s has a tool description that names what it returns', (_key, entry) => {
		const tool = properties.filter(
			(p) =>
				p.name === 'toolDescription' &&
				(p.displayOptions?.show?.resource as string[])[0] === entry.resource &&
				(p.displayOptions?.show?.operation as string[])[0] === entry.operation,
		);
		expect(tool).toHaveLength(1);
		expect(tool[0].default).toBe(entry.module.toolDescription);
		expect(entry.module.toolDescription).toMatch(/^\S.{100,}Returns /s);
	});

	it.each(cases)(
		'%s calls a method the official spec knows, at its path and HTTP method',
		(_key, entry) => {
			const { apiMethod } = entry.module;
			const known = specOperations().find((op) => op.operationId === apiMethod.operationId);
			expect(known).toMatchObject({
				method: apiMethod.httpMethod,
				template: businessPathTemplate(apiMethod),
			});
		},
	);

	it.each(cases)('%s has the hourly quota of the spec, for every tariff', (_key, entry) => {
		const { apiMethod } = entry.module;
		const config = specById.get(apiMethod.operationId)?.['x-resource-limit-config'] ?? {};
		const tariffs = Object.entries(config).filter(([key]) => key !== 'path');
		expect(tariffs.map(([tariff]) => tariff).sort()).toEqual(['medium', 'none']);
		// The lower tariff (`none`) is what the package plans with; medium is declared where it differs.
		expect(config.none).toMatchObject({ amount: apiMethod.hourlyQuota, period: 'hours' });
		expect(config.medium).toMatchObject({
			amount: apiMethod.hourlyQuotaMedium ?? apiMethod.hourlyQuota,
			period: 'hours',
		});
		expect(apiMethod.hourlyQuotaMedium).not.toBe(apiMethod.hourlyQuota);
		expect(HOURLY_QUOTAS[apiMethod.operationId]).toBe(apiMethod.hourlyQuota);
	});

	it.each(cases)('%s declares its method like every operation calling it', (_key, entry) => {
		const { apiMethod } = entry.module;
		const same = OPERATION_LIST.filter(
			(o) => o.module.apiMethod.operationId === apiMethod.operationId,
		).map((o) => ({ ...o.module.apiMethod, doing: '' }));
		for (const other of same) expect(other).toEqual({ ...apiMethod, doing: '' });
	});

	it.each(cases)('%s is answered by the sandbox', (_key, entry) => {
		expect(HANDLED_OPERATIONS).toContain(entry.module.apiMethod.operationId);
	});

	it.each(cases)('%s reads with a read scope or writes with a write scope', (_key, entry) => {
		const { apiMethod, access } = entry.module;
		const scopes = (specById.get(apiMethod.operationId)?.['x-auth-scopes'] ?? []).map(scopeName);
		expect(scopes.sort()).toEqual([...(access === 'read' ? READ_SCOPES : WRITE_SCOPES)].sort());
	});

	it.each(cases)(
		'%s words its errors and is never repeated after an ambiguous failure unless safe',
		(_key, entry) => {
			const { apiMethod, access } = entry.module;
			expect(apiMethod.doing).toMatch(/^[a-z]+ing /);
			// Only writes may be unrepeatable; sends must be.
			if (access === 'read') expect(apiMethod.repeatable).toBe(true);
			if (/^send/.test(apiMethod.operationId)) expect(apiMethod.repeatable).toBe(false);
		},
	);
});

describe('methods by name', () => {
	it('finds the methods the triggers call by their operationId', () => {
		for (const name of [
			'getChat',
			'getChatMessage',
			'getChats',
			'getChatHistory',
			'getGoodsFeedbacks',
			'getGoodsFeedbackComments',
			'getGoodsQuestions',
			'getGoodsQuestionAnswers',
		] as const) {
			expect(apiMethodNamed(name).operationId).toBe(name);
		}
	});
});

describe('CONTRIBUTING "Adding an operation"', () => {
	const contributing = readRepoFile('CONTRIBUTING.md');
	const section = /## Adding an operation\n([\s\S]*?)\n## /.exec(contributing)?.[1] ?? '';

	it('exists', () => {
		expect(section.length).toBeGreaterThan(200);
	});

	it('names only files and folders that exist', () => {
		const paths = [...section.matchAll(/`((?:nodes|sandbox|test|spec)\/[^`<>*]+)`/g)].map(
			(m) => m[1],
		);
		expect(paths.length).toBeGreaterThan(3);
		expect(paths.filter((path) => !repoFileExists(path))).toEqual([]);
	});

	it('names every export an operation must have', () => {
		const exported = [
			'option',
			'description',
			'execute',
			'access',
			'toolDescription',
			'apiMethod',
		] as const;
		for (const name of exported) {
			expect(section).toContain(`\`${name}\``);
			for (const [, entry] of cases) expect(entry.module[name]).toBeDefined();
		}
	});
});
