/**
 * The calls the nodes make to Yandex Market. transport/ is the only code that talks HTTP: base URL, auth through
 * n8n's credential system, the integration header, int64-safe parsing, cursor pagination, rate-limit waits, retries,
 * and fresh NodeApiErrors that carry Yandex's own message and never the API key.
 *
 * The operations call transport/api.ts with the ApiMethod they declare. The triggers and the editor's lists name a
 * method instead (`endpoint: 'getChat'`): the functions below look it up among the operations' declarations, so a
 * method's path and quota are still written once, in the operation that calls it.
 */
import type { ApiMethodName } from '../actions/operations';
import { apiMethodNamed } from '../actions/operations';
import type { YandexContext } from './context';
import { callMethod, callMethodAllItems, callMethodPage } from './api';
import type { ListRequest, MethodRequest, PageRequest } from './api';

export type { YandexContext } from './context';
export { cursorPages } from './pagination';
export type { CursorPage } from './pagination';
export { DEFAULT_RATE_LIMIT_WAIT_MS, RETRY_POLICY, TIMEOUT_POLICY } from './policy';
export { getBaseUrl } from './request';
export { RequestGate, executionScope, openExecutionScope } from './scope';
export type { ExecutionScope } from './scope';
export {
	callMethod,
	callMethodAllItems,
	callMethodPage,
	downloadAttachment,
	methodPages,
	uploadFile,
	yandexGetCampaigns,
} from './api';

/** A request that names its method; see the module comment. */
export type Named<T extends MethodRequest> = Omit<T, 'apiMethod'> & { endpoint: ApiMethodName };

function resolved<T extends MethodRequest>(req: Named<T>): T {
	const { endpoint, ...rest } = req;
	return { ...rest, apiMethod: apiMethodNamed(endpoint) } as unknown as T;
}

/** callMethod for a method given by name. */
export async function yandexApiRequest(this: YandexContext, req: Named<MethodRequest>) {
	return await callMethod.call(this, resolved(req));
}

/** callMethodPage for a method given by name. */
export async function yandexApiRequestPage(this: YandexContext, req: Named<PageRequest>) {
	return await callMethodPage.call(this, resolved(req));
}

/** callMethodAllItems for a method given by name. */
export async function yandexApiRequestAllItems(this: YandexContext, req: Named<ListRequest>) {
	return await callMethodAllItems.call(this, resolved(req));
}
