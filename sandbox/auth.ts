/**
 * Api-Key authentication with Yandex's own error texts. OAuth is not emulated: the spec allows it, but Yandex
 * calls it deprecated and our credential sends Api-Key only.
 */
import { READ_SCOPES, WRITE_SCOPES } from '../nodes/YandexMarketChats/shared/contract';
import { acceptedScopes } from './communication-contract';
import type { SandboxKey } from './seed';
import { KEY_TABLE } from './seed';

export type AuthResult =
	| { ok: true; key: SandboxKey }
	/** `key` is set when the key is known but may not call the method (403), so the call still counts */
	| { ok: false; status: 401 | 403; code: string; message: string; key?: SandboxKey };

/**
 * getCampaigns and getAuthTokenInfo accept every scope; the chat, review and question methods accept the
 * communication scopes only.
 */
const CHAT_WRITE_OPERATIONS = new Set(['createChat', 'sendMessageToChat', 'sendFileToChat']);
const CHAT_READ_OPERATIONS = new Set(['getChats', 'getChat', 'getChatHistory', 'getChatMessage']);

export function authenticate(headerValue: string | undefined, operationId: string): AuthResult {
	const value = (headerValue ?? '').trim();
	if (!value) return fail(401, 'UNAUTHORIZED', 'Api-Key token is not specified');
	if (/^bearer\s/i.test(value)) return fail(401, 'UNAUTHORIZED', 'Api-Key token prefix invalid');
	const key = KEY_TABLE.find((k) => k.key === value);
	if (!key) return fail(401, 'UNAUTHORIZED', 'Api-Key token is invalid');
	if (key.revoked) return fail(401, 'UNAUTHORIZED', 'Api-Key token is revoked');
	const accepted: readonly string[] | undefined = CHAT_WRITE_OPERATIONS.has(operationId)
		? WRITE_SCOPES
		: CHAT_READ_OPERATIONS.has(operationId)
			? READ_SCOPES
			: operationId === 'getCampaigns' || operationId === 'getAuthTokenInfo'
				? undefined
				: // reviews and questions: the spec's x-auth-scopes (the same read/write split as chats)
					acceptedScopes(operationId);
	if (accepted && !key.scopes.some((s) => accepted.includes(s))) {
		return {
			...fail(403, 'FORBIDDEN', 'Token does not have any of the scopes to access the API method'),
			key,
		};
	}
	return { ok: true, key };
}

function fail(status: 401 | 403, code: string, message: string): AuthResult & { ok: false } {
	return { ok: false, status, code, message };
}

/** Request logs keep only the last 4 characters of a key: enough to tell the sandbox keys apart. */
export function redactKey(value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	return value.length <= 4 ? '****' : `****${value.slice(-4)}`;
}
