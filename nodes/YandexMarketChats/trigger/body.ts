/** Raw-body decoding of one notification: bytes → UTF-8 text → JSON (int64-safe) → a parsed notification. */
import type { IWebhookFunctions } from 'n8n-workflow';
import { parseJsonKeepingBigInts } from '../shared/int64';
import { NOTIFICATION_LIMITS, parseNotification } from '../shared/notifications';
import type { ParsedNotification } from '../shared/notifications';

type Request = ReturnType<IWebhookFunctions['getRequestObject']>;

const shorten = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);

/** A short reason for a body n8n could not read (its raw-body reader throws these). */
export function unreadableBody(error: unknown): string {
	const e = error as { type?: unknown; code?: unknown; message?: unknown };
	if (e?.type === 'entity.too.large') return 'it is larger than n8n accepts (N8N_PAYLOAD_SIZE_MAX)';
	if (typeof e?.code === 'string' && e.code.startsWith('Z_'))
		return 'it is not valid gzip or deflate data';
	return shorten(typeof e?.message === 'string' ? e.message : String(error));
}

/** UTF-8 text of the body, or undefined when the bytes are not valid UTF-8. */
export function utf8Text(raw: Buffer): string | undefined {
	const text = raw.toString('utf8');
	// Invalid sequences decode to U+FFFD; only then is the round trip worth its cost.
	if (text.includes('\uFFFD') && !Buffer.from(text, 'utf8').equals(raw)) return undefined;
	return text.replace(/^\uFEFF/, '');
}

/** The notification in raw bytes: size, encoding and JSON checks, then the chat contract. */
export function parseRawBody(raw: Buffer): ParsedNotification {
	if (raw.length > NOTIFICATION_LIMITS.maxBytes) {
		return {
			kind: 'invalid',
			problem: `the body has ${raw.length} bytes, more than the ${NOTIFICATION_LIMITS.maxBytes} a notification may have`,
		};
	}
	const text = utf8Text(raw);
	if (text === undefined) return { kind: 'invalid', problem: 'the body is not valid UTF-8' };
	if (text.trim() === '') return { kind: 'invalid', problem: 'the body is empty' };
	let body: unknown;
	try {
		body = parseJsonKeepingBigInts(text);
	} catch (error) {
		return {
			kind: 'invalid',
			problem: `the body is not valid JSON (${shorten((error as Error).message)})`,
		};
	}
	return parseNotification(body);
}

export async function readNotification(
	this: IWebhookFunctions,
	req: Request,
): Promise<ParsedNotification> {
	// options.binaryData (see description) stops n8n from parsing the body, so the raw bytes are still there.
	// Whatever n8n's reader throws (broken gzip, a body over its size limit, a client gone mid-body) is about this
	// request, not a failure of n8n: a retry of the same bytes would fail the same way, so it is a 400.
	if (typeof req.readRawBody === 'function') {
		try {
			await req.readRawBody();
		} catch (error) {
			return { kind: 'invalid', problem: `the body could not be read: ${unreadableBody(error)}` };
		}
	}
	if (req.rawBody && req.rawBody.length > 0) return parseRawBody(req.rawBody);
	// A runtime that parsed the body anyway: the object is all there is (large IDs may be rounded).
	const body = this.getBodyData();
	if (body === undefined || body === null || Object.keys(body).length === 0) {
		return { kind: 'invalid', problem: 'the body is empty' };
	}
	return parseNotification(body);
}
