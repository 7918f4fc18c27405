import { sleep } from 'n8n-workflow';

import {
	RequestGate,
	executionScope,
	openExecutionScope,
} from '../../../../nodes/YandexMarketChats/transport/scope';
import { mockExecuteCtx } from '../../../helpers/executeContext';

/** Lets every pending promise callback run. */
const settle = async () => await sleep(1);

describe('RequestGate', () => {
	it('lets `limit` callers in and queues the rest in arrival order', async () => {
		const gate = new RequestGate(2);
		const entered: number[] = [];
		for (const n of [1, 2, 3, 4]) void gate.acquire().then(() => entered.push(n));
		await settle();
		expect(entered).toEqual([1, 2]);
		gate.release();
		await settle();
		expect(entered).toEqual([1, 2, 3]);
		gate.release();
		await settle();
		expect(entered).toEqual([1, 2, 3, 4]);
	});

	it('narrows to the slots in flight, never below one', async () => {
		const gate = new RequestGate(4);
		await gate.acquire();
		gate.narrow();
		expect(gate.limit).toBe(1);
		gate.release();
		gate.narrow();
		expect(gate.limit).toBe(1);
	});

	it('after narrowing, a release hands no slot over while more are in flight than allowed', async () => {
		const gate = new RequestGate(3);
		await gate.acquire();
		await gate.acquire();
		gate.narrow();
		expect(gate.limit).toBe(2);
		gate.limit = 1;
		let entered = false;
		void gate.acquire().then(() => (entered = true));
		gate.release();
		await settle();
		expect(entered).toBe(false);
		gate.release();
		await settle();
		expect(entered).toBe(true);
	});
});

describe('execution scope', () => {
	it('opens a scope per context, with a gate only when requests may overlap', () => {
		const one = mockExecuteCtx({});
		const many = mockExecuteCtx({});
		expect(openExecutionScope(one)).toEqual({});
		expect(openExecutionScope(many, { parallelRequests: 3 }).gate?.limit).toBe(3);
		expect(executionScope(one)?.gate).toBeUndefined();
		expect(executionScope(many)?.gate).toBeInstanceOf(RequestGate);
		expect(executionScope(mockExecuteCtx({}))).toBeUndefined();
	});
});
