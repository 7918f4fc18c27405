import { NodeOperationError } from 'n8n-workflow';

import {
	getLimit,
	parallelRequests,
	rateLimitBudgetMs,
	readItemBasics,
	requireContext,
	requireId,
} from '../../../../nodes/YandexMarketChats/helpers/parameters';
import { mockExecuteCtx, rl } from '../../../helpers/executeContext';

describe('requireId', () => {
	const ctx = mockExecuteCtx({});
	it.each([
		[' 42 ', '42'],
		[42, '42'],
		['9007199254740993', '9007199254740993'],
	])('accepts %p as %p', (value, expected) => {
		expect(requireId.call(ctx, value, 'Chat ID', 0)).toBe(expected);
	});
	it.each([[''], ['0'], ['-1'], ['12a'], ['99999999999999999999'], [1.5]])(
		'rejects %p, naming the field',
		(value) => {
			expect(() => requireId.call(ctx, value, 'Chat ID', 0)).toThrow(/^Chat ID must be/);
		},
	);
});

describe('readItemBasics', () => {
	it('reads the Business, the Options and the wait budget from them', () => {
		const ctx = mockExecuteCtx({
			businessId: rl('10001', 'list'),
			options: { rateLimitWaitSeconds: 2.5, simplify: false },
		});
		expect(readItemBasics.call(ctx, 0)).toEqual({
			businessId: '10001',
			options: { rateLimitWaitSeconds: 2.5, simplify: false },
			maxRateLimitWaitMs: 2500,
		});
	});
	it('fails on a bad Business before anything else', () => {
		expect(() => readItemBasics.call(mockExecuteCtx({ businessId: rl('x') }), 0)).toThrow(
			/Business ID must be a positive integer/,
		);
	});
});

describe('rateLimitBudgetMs', () => {
	it.each([
		[{}, 60_000],
		[{ rateLimitWaitSeconds: 0 }, 0],
		[{ rateLimitWaitSeconds: 1.2345 }, 1235],
		[{ rateLimitWaitSeconds: -1 }, 60_000],
		[{ rateLimitWaitSeconds: 'soon' }, 60_000],
	])('%p -> %i ms', (options, expected) => {
		expect(rateLimitBudgetMs(options)).toBe(expected);
	});
});

describe('parallelRequests', () => {
	it.each([
		[{}, 4],
		[{ parallelRequests: 2 }, 2],
		[{ parallelRequests: 9 }, 4],
	])('%p -> %i', (options, expected) => {
		expect(parallelRequests.call(mockExecuteCtx({ options }))).toBe(expected);
	});
	it('refuses a value that is not a whole number of at least 1', () => {
		expect(() =>
			parallelRequests.call(mockExecuteCtx({ options: { parallelRequests: 0 } })),
		).toThrow(/Parallel Requests must be a whole number from 1 to 4, got 0/);
	});
});

describe('getLimit', () => {
	it('is undefined for Return All and the Limit otherwise', () => {
		expect(getLimit.call(mockExecuteCtx({ returnAll: true, limit: 3 }), 0)).toBeUndefined();
		expect(getLimit.call(mockExecuteCtx({ limit: 3 }), 0)).toBe(3);
	});
	it('refuses a Limit below 1', () => {
		expect(() => getLimit.call(mockExecuteCtx({ limit: 0 }), 0)).toThrow(NodeOperationError);
	});
});

describe('requireContext', () => {
	const ctx = mockExecuteCtx({});
	it('accepts an order or a return with its ID', () => {
		expect(requireContext.call(ctx, 'RETURN', ' 7 ', 0)).toEqual({ type: 'RETURN', id: '7' });
	});
	it('names the field of the ID that is wrong', () => {
		expect(() => requireContext.call(ctx, 'RETURN', '', 0)).toThrow(/^Return ID must be/);
		expect(() => requireContext.call(ctx, 'ORDER', 'x', 0)).toThrow(/^Order ID must be/);
	});
	it('refuses DIRECT and anything else', () => {
		expect(() => requireContext.call(ctx, 'DIRECT', '1', 0)).toThrow(
			'Context Type must be ORDER or RETURN, got "DIRECT"',
		);
	});
});
