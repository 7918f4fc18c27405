/**
 * Runs the action node in an n8n-core-backed context (n8nContext.ts) against an in-process sandbox, and reads what
 * the sandbox received: the integration suites of the Review and Question resources share it.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { SANDBOX_KEYS, SANDBOX_SEED, startSandbox } from '../../sandbox';
import type { RequestRecord, Sandbox } from '../../sandbox';
import { YandexMarketChats } from '../../nodes/YandexMarketChats/YandexMarketChats.node';
import { createN8nContext, sandboxCredentials } from './n8nContext';

export interface ActionRunOptions {
	items?: INodeExecutionData[];
	itemParameters?: Record<number, IDataObject>;
	continueOnFail?: boolean;
	apiKey?: string;
	businessId?: string;
}

/** Starts a sandbox for the suite (reset before each test) and returns run/requests helpers bound to it. */
export function useActionSandbox() {
	let sb: Sandbox;
	const node = new YandexMarketChats();
	beforeAll(async () => {
		sb = await startSandbox({ port: 0 });
	});
	afterAll(async () => {
		await sb.close();
	});
	beforeEach(async () => {
		await sb.control.reset();
	});

	async function run(
		parameters: IDataObject,
		opts: ActionRunOptions = {},
	): Promise<INodeExecutionData[]> {
		const businessId = opts.businessId ?? SANDBOX_SEED.businessId;
		const { ctx } = createN8nContext({
			credentials: sandboxCredentials(sb.url, opts.apiKey ?? SANDBOX_KEYS.communication),
			parameters: { businessId: { __rl: true, mode: 'id', value: businessId }, ...parameters },
			itemParameters: opts.itemParameters,
			items: opts.items,
			continueOnFail: opts.continueOnFail,
		});
		const [out] = await node.execute.call(ctx);
		return out;
	}

	async function requests(operationId: string): Promise<RequestRecord[]> {
		return (await sb.control.requests()).filter((r) => r.operationId === operationId);
	}

	/** Every request of the method was valid against the spec and answered 200; returns them. */
	async function validRequests(operationId: string, count: number): Promise<RequestRecord[]> {
		const recorded = await requests(operationId);
		expect(
			recorded.map((r) => ({ valid: r.valid, errors: r.validationErrors, status: r.status })),
		).toEqual(
			Array.from({ length: count }, () => ({ valid: true, errors: undefined, status: 200 })),
		);
		return recorded;
	}

	return { run, requests, validRequests, sandbox: () => sb };
}
