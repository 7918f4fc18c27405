/**
 * The operations' methods for the callers that are not operations: the triggers and the editor's lists name a
 * method (`endpoint: 'getChat'`) and these functions call it with the ApiMethod its operation declares, so a
 * method's path and quota are written once, in the operation that calls it. Dependencies run one way: triggers and
 * lists → actions → transport; transport knows nothing of the operations.
 */
import type { ApiMethod } from '../shared/contract';
import { callMethod, callMethodAllItems, callMethodPage } from '../transport/api';
import type { ListRequest, MethodRequest, PageRequest } from '../transport/api';
import type { YandexContext } from '../transport/context';
import type { ApiMethodName } from './operations';
import { apiMethodNamed } from './operations';

/** A request that names its method; see the module comment. */
export type Named<T extends MethodRequest> = Omit<T, 'apiMethod'> & { endpoint: ApiMethodName };

function resolved<T extends MethodRequest>(req: Named<T>): T {
	const { endpoint, ...rest } = req;
	const apiMethod: ApiMethod = apiMethodNamed(endpoint);
	return { ...rest, apiMethod } as unknown as T;
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
