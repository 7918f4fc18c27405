/**
 * The calls the nodes make to Yandex Market. transport/ is the only code that talks HTTP: base URL, auth through
 * n8n's credential system, the integration header, int64-safe parsing, cursor pagination, rate-limit waits, retries,
 * and fresh NodeApiErrors that carry Yandex's own message and never the API key. It knows nothing of the
 * operations: they hand it the ApiMethod they declare (callers that name a method go through actions/calls.ts).
 */
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
