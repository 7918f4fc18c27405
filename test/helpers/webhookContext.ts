import { mockDeep } from 'jest-mock-extended';
import type { IDataObject, INode, IWebhookFunctions } from 'n8n-workflow';
import { readParameter } from './parameters';

export const TRIGGER_NODE: INode = {
	id: 'trigger-node-1',
	name: 'Yandex Market Chats Trigger',
	type: 'n8n-nodes-yandex-market.yandexMarketChatsTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

type Listener = () => void;

/** The part of express's Response the trigger uses, with the events n8n's HTTP server would emit. */
export class FakeResponse {
	statusCode = 200;
	body: unknown;
	headersSent = false;
	writableFinished = false;
	contentType?: string;
	/** Order of observable effects, shared with the transport mock to prove the answer went out first. */
	constructor(private readonly log: string[] = []) {}
	private listeners: Record<string, Listener[]> = {};

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	/** As express does: json() ends the response, and end() is where the status is final. */
	json(body: unknown): this {
		this.body = body;
		this.contentType = 'application/json; charset=utf-8';
		this.headersSent = true;
		this.log.push(`answer ${this.statusCode}`);
		this.end();
		return this;
	}

	once(event: string, listener: Listener): this {
		(this.listeners[event] ??= []).push(listener);
		return this;
	}

	end(): this {
		this.writableFinished = true;
		this.emit('finish');
		this.emit('close');
		return this;
	}

	/** What n8n does after webhook() returns: writes its own answer (if the node wrote none), even to a gone client. */
	answer(statusCode = 200, body?: unknown): void {
		if (!this.headersSent) this.status(statusCode).json(body ?? {});
	}

	/** The client went away before the answer was written. */
	abort(): void {
		this.emit('close');
	}

	private emit(event: string): void {
		for (const listener of this.listeners[event] ?? []) listener();
		this.listeners[event] = [];
	}
}

export interface WebhookCtxOptions {
	params?: IDataObject;
	/** Raw body text, as Yandex sends it; `undefined` for an empty body. */
	body?: string;
	ip?: string;
	workflowId?: string;
	log?: string[];
	/** Pretend n8n parsed the body itself (no raw bytes), e.g. a runtime ignoring options.binaryData. */
	parsedBody?: IDataObject;
	/** Raw bytes instead of `body` (invalid UTF-8 and the like). */
	bytes?: Buffer;
	/** What n8n's raw-body reader throws (broken gzip, a body over N8N_PAYLOAD_SIZE_MAX). */
	readError?: Error;
}

/** A mocked IWebhookFunctions (after n8n's TriggerHelpers.testWebhookTriggerNode) reading a raw request body. */
export function mockWebhookCtx(opts: WebhookCtxOptions = {}) {
	const ctx = mockDeep<IWebhookFunctions>();
	const log = opts.log ?? [];
	const res = new FakeResponse(log);
	const rawBody = opts.parsedBody
		? Buffer.alloc(0)
		: (opts.bytes ?? Buffer.from(opts.body ?? '', 'utf8'));
	const req = {
		ip: opts.ip ?? '127.0.0.1',
		rawBody: undefined as Buffer | undefined,
		readRawBody: jest.fn(async () => {
			if (opts.readError) throw opts.readError;
			req.rawBody = rawBody;
		}),
	};
	const params: IDataObject = { options: { binaryData: true }, ...(opts.params ?? {}) };
	ctx.getNode.mockReturnValue(TRIGGER_NODE);
	ctx.getWorkflow.mockReturnValue({ id: opts.workflowId ?? 'wf-1', active: true });
	ctx.getRequestObject.mockReturnValue(
		req as unknown as ReturnType<IWebhookFunctions['getRequestObject']>,
	);
	ctx.getResponseObject.mockReturnValue(
		res as unknown as ReturnType<IWebhookFunctions['getResponseObject']>,
	);
	ctx.getBodyData.mockReturnValue(opts.parsedBody ?? {});
	ctx.getNodeParameter.mockImplementation(((name: string, fallback?: unknown) => {
		return readParameter(params, name, fallback);
	}) as unknown as IWebhookFunctions['getNodeParameter']);
	ctx.helpers.returnJsonArray.mockImplementation((data) =>
		(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
	);
	return { ctx, res, req, log };
}
