/**
 * The poll trigger as n8n runs it, for integration tests: n8n-core's real HTTP helpers (createN8nContext) plus a
 * stand-in for what n8n keeps between polls. The stand-in follows n8n's own rules (ActiveWorkflowManager /
 * PollContext in 2.8 and 2.41): the node's static data is one live object for as long as the workflow is active;
 * n8n writes it to the database after the activation poll and whenever a poll returns items, and a restart loads the
 * last written copy. A poll that returns nothing or throws writes nothing.
 */
import type {
	IDataObject,
	INodeExecutionData,
	IPollFunctions,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { YandexMarketChatsPollTrigger } from '../../nodes/YandexMarketChats/YandexMarketChatsPollTrigger.node';
import { createN8nContext, sandboxCredentials } from './n8nContext';
import { readParameter } from './parameters';

const trigger = new YandexMarketChatsPollTrigger();
let workflows = 0;

export interface PollResult {
	/** the items the poll returned (empty when it returned null) */
	items: IDataObject[];
	/** the number of executions n8n would start: 1 when the poll returned items */
	executions: number;
}

export class PolledWorkflow {
	readonly workflowId = `poll-wf-${++workflows}`;
	/** The node's static data as the running n8n holds it. */
	live: IDataObject = {};
	/** What n8n last wrote to the database. */
	saved = '{}';
	/** Every poll run so far (to count executions). */
	executions = 0;

	constructor(
		private readonly baseUrl: string,
		private readonly apiKey: string,
		public parameters: IDataObject,
	) {}

	context(mode: WorkflowExecuteMode = 'trigger'): IPollFunctions {
		const { ctx } = createN8nContext({
			credentials: sandboxCredentials(this.baseUrl, this.apiKey),
			nodeType: 'n8n-nodes-yandex-market.yandexMarketChatsPollTrigger',
		});
		// The same object keeps n8n-core's helpers, which were bound to it; only the poll-specific parts change.
		return Object.assign(ctx, {
			getMode: () => mode,
			getActivationMode: () => 'activate',
			getWorkflow: () => ({ id: this.workflowId, name: 'poll test', active: true }),
			getWorkflowStaticData: (type: string) => {
				if (type !== 'node') throw new Error('the poll trigger only uses node static data');
				return this.live;
			},
			getNodeParameter: (name: string, fallback?: unknown, options?: { extractValue?: boolean }) =>
				readParameter(this.parameters, name, fallback, options),
		}) as unknown as IPollFunctions;
	}

	/** Publishing the workflow: n8n runs one poll and writes the static data whatever it returned. */
	async activate(): Promise<PollResult> {
		const result = await this.poll();
		this.saved = JSON.stringify(this.live);
		return result;
	}

	/** One scheduled poll. */
	async poll(): Promise<PollResult> {
		const out = await trigger.poll.call(this.context());
		if (out === null) return { items: [], executions: 0 };
		this.saved = JSON.stringify(this.live);
		this.executions++;
		return { items: (out[0] as INodeExecutionData[]).map((i) => i.json), executions: 1 };
	}

	/** n8n stops and starts again: the live static data is what was written last. */
	restart(): void {
		this.live = JSON.parse(this.saved) as IDataObject;
	}

	/** The editor's "Fetch Test Event". */
	async fetchTestEvent(): Promise<IDataObject[]> {
		const out = await trigger.poll.call(this.context('manual'));
		return (out?.[0] ?? []).map((i) => i.json);
	}
}
