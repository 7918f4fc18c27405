/**
 * An n8n execution context for integration tests whose HTTP helpers are n8n-core's real ones: requests go over real
 * HTTP (to the sandbox on 127.0.0.1), authentication is applied from the credential class's own generic `authenticate`
 * declaration, and failures are wrapped in NodeApiError exactly as n8n does. Parameters, items and binary data are
 * simple in-memory stand-ins; the real-n8n end-to-end suite covers those parts.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	IBinaryData,
} from 'n8n-workflow';
import { getRequestHelperFunctions } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helpers/factory';
import { returnJsonArray } from 'n8n-core/dist/execution-engine/node-execution-context/utils/return-json-array';
import { constructExecutionMetaData } from 'n8n-core/dist/execution-engine/node-execution-context/utils/construct-execution-metadata';
import { YandexMarketApi } from '../../credentials/YandexMarketApi.credentials';
import { readParameter } from './parameters';

export interface ContextOptions {
	/** Credential data as a user would enter it. */
	credentials: ICredentialDataDecryptedObject;
	/** Node parameters; resource locators as `{ __rl: true, mode, value }`. */
	parameters?: IDataObject;
	/** Per-item parameter overrides (index -> parameters). */
	itemParameters?: Record<number, IDataObject>;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	nodeType?: string;
}

export interface RecordedCall {
	credentialsType: string;
	options: IHttpRequestOptions;
}

const credentialType = new YandexMarketApi();

/** Resolves the `={{$credentials.name}}` expressions a generic credential uses. */
function resolveCredentialExpression(
	value: string,
	credentials: ICredentialDataDecryptedObject,
): string {
	const match = /^=\{\{\s*\$credentials\.(\w+)\s*\}\}$/.exec(value);
	return match ? String(credentials[match[1]] ?? '') : value;
}

function applyGenericAuth(
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
): IHttpRequestOptions {
	const headers: IDataObject = { ...(options.headers ?? {}) };
	const declared = credentialType.authenticate.properties.headers ?? {};
	for (const [name, value] of Object.entries(declared)) {
		headers[name] = resolveCredentialExpression(String(value), credentials);
	}
	return { ...options, headers };
}

export function makeNode(type = 'n8n-nodes-yandex-market.yandexMarketChats'): INode {
	return {
		id: 'node-under-test',
		name: 'Yandex Market Chats',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { yandexMarketApi: { id: 'cred-1', name: 'Yandex Market (sandbox)' } },
	};
}

/** Returns the context plus the list of request options n8n-core was asked to send (after auth was applied). */
export function createN8nContext(opts: ContextOptions): {
	ctx: IExecuteFunctions;
	calls: RecordedCall[];
} {
	const node = makeNode(opts.nodeType);
	const calls: RecordedCall[] = [];
	const items: INodeExecutionData[] = opts.items ?? [{ json: {} }];
	const additionalData = {
		credentialsHelper: {
			getParentTypes: () => [],
			// n8n-core calls this before every authenticated request and again after a 401.
			preAuthentication: async () => undefined,
			authenticate: async (
				credentials: ICredentialDataDecryptedObject,
				credentialsType: string,
				requestOptions: IHttpRequestOptions,
			) => {
				const authenticated = applyGenericAuth(credentials, requestOptions);
				calls.push({ credentialsType, options: authenticated });
				return authenticated;
			},
		},
	};
	const requestHelpers = getRequestHelperFunctions({} as never, node, additionalData as never);

	const ctx = {
		getNode: () => node,
		getInputData: () => items,
		continueOnFail: () => opts.continueOnFail === true,
		getCredentials: async () => ({ ...opts.credentials }),
		getExecutionCancelSignal: () => undefined,
		logger: {
			debug: () => undefined,
			info: () => undefined,
			warn: () => undefined,
			error: () => undefined,
		},
		getNodeParameter: (
			name: string,
			itemIndex: number,
			fallback?: unknown,
			options?: { extractValue?: boolean },
		) => {
			const params = { ...(opts.parameters ?? {}), ...(opts.itemParameters?.[itemIndex] ?? {}) };
			return readParameter(params, name, fallback, options);
		},
		helpers: {
			...requestHelpers,
			returnJsonArray,
			constructExecutionMetaData,
			assertBinaryData: (itemIndex: number, propertyName: string): IBinaryData => {
				const binary = items[itemIndex]?.binary?.[propertyName];
				if (!binary) throw new Error(`This item has no binary property named "${propertyName}"`);
				return binary;
			},
			getBinaryDataBuffer: async (itemIndex: number, propertyName: string) => {
				const binary = items[itemIndex]?.binary?.[propertyName];
				if (!binary) throw new Error(`This item has no binary property named "${propertyName}"`);
				return Buffer.from(binary.data, 'base64');
			},
			prepareBinaryData: async (
				data: Buffer,
				fileName?: string,
				mimeType?: string,
			): Promise<IBinaryData> => ({
				data: data.toString('base64'),
				mimeType: mimeType ?? 'application/octet-stream',
				fileName,
				fileSize: String(data.length),
			}),
		},
	};
	// The real helpers call back into the context with `.call(this, …)`, so they are bound to it.
	ctx.helpers.httpRequestWithAuthentication = requestHelpers.httpRequestWithAuthentication.bind(
		ctx as unknown as IExecuteFunctions,
	);
	return { ctx: ctx as unknown as IExecuteFunctions, calls };
}

export function sandboxCredentials(
	baseUrl: string,
	apiKey: string,
): ICredentialDataDecryptedObject {
	return { environment: 'custom', baseUrl, apiKey };
}
