/**
 * Everything that ties the sandbox to the official spec: the request validator (express-openapi-validator, with
 * multer for multipart), the translation of its errors into Yandex's 400 texts, and an Ajv check of the sandbox's
 * own answers so the stand-in cannot drift from the real response shapes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import * as OpenApiValidator from 'express-openapi-validator';
import type { RequestHandler } from 'express';
import { LIMITS } from '../nodes/YandexMarketChats/shared/contract';

export const SPEC_PATH = join(__dirname, '..', 'spec', 'yandex-market-chats.openapi.json');
/** The reviews (goods feedback) and product questions subset; the sandbox serves both documents as one API. */
export const FEEDBACK_SPEC_PATH = join(
	__dirname,
	'..',
	'spec',
	'yandex-market-feedback-questions.openapi.json',
);
export const NOTIFICATION_SCHEMA_PATH = join(
	__dirname,
	'..',
	'spec',
	'notifications-chat.derived.schema.json',
);

type Json = Record<string, unknown>;

let specCache: Json | undefined;
/**
 * The chats subset and the reviews/questions subset merged into one document. Both are cut from the same upstream
 * commit, so the components they share are identical (a test checks it) and GET /v2/campaigns is the same path.
 */
export function loadSpec(): Json {
	specCache ??= mergeSpecs(
		JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Json,
		JSON.parse(readFileSync(FEEDBACK_SPEC_PATH, 'utf8')) as Json,
	);
	return specCache;
}

function mergeSpecs(base: Json, extra: Json): Json {
	const components: Record<string, Json> = {};
	const baseComponents = base.components as Record<string, Json>;
	const extraComponents = extra.components as Record<string, Json>;
	for (const section of new Set([...Object.keys(baseComponents), ...Object.keys(extraComponents)]))
		components[section] = { ...extraComponents[section], ...baseComponents[section] };
	return {
		...base,
		paths: { ...(extra.paths as Json), ...(base.paths as Json) },
		components,
	};
}

export interface Operation {
	operationId: string;
	method: string;
	/** OpenAPI template, e.g. /v2/businesses/{businessId}/chats */
	template: string;
	regex: RegExp;
	/** false when the spec marks the JSON body optional (getGoodsFeedbacks, getGoodsQuestions: `{}` or nothing) */
	bodyRequired: boolean;
}

/** The operations of the spec, matched by the sandbox itself so unknown paths and methods get Yandex's 404/405. */
export function specOperations(): Operation[] {
	const paths = loadSpec().paths as Record<
		string,
		Record<string, { operationId: string; requestBody?: { required?: boolean } }>
	>;
	const ops: Operation[] = [];
	for (const [template, item] of Object.entries(paths)) {
		const regex = new RegExp(`^${template.replace(/\{[^}]+\}/g, '([^/]+)')}/?$`);
		for (const [method, op] of Object.entries(item)) {
			if (op && typeof op === 'object' && 'operationId' in op) {
				ops.push({
					operationId: op.operationId,
					method: method.toUpperCase(),
					template,
					regex,
					bodyRequired: op.requestBody?.required !== false,
				});
			}
		}
	}
	return ops;
}

/**
 * The request validator. Security is ours (Yandex's texts, scopes per method), so the validator skips it. Files
 * go to memory; the 5 MB rule is checked by the handler so the whole upload is read and the client gets a clean
 * 400 instead of a connection dropped mid-upload.
 */
export function requestValidator(): RequestHandler[] {
	// The validator mutates the document it is given, so it gets its own copy.
	const apiSpec = JSON.parse(JSON.stringify(loadSpec()));
	return OpenApiValidator.middleware({
		apiSpec,
		validateRequests: { allowUnknownQueryParameters: false, coerceTypes: true },
		validateResponses: false,
		validateSecurity: false,
		validateApiSpec: false,
		// File names arrive as raw UTF-8, the way browsers (and the node) send them; busboy would read them as latin1.
		fileUploader: {
			limits: { fileSize: LIMITS.fileMaxBytes * 4, files: 5 },
			defParamCharset: 'utf8',
		},
	}) as unknown as RequestHandler[];
}

export interface YandexError {
	code: string;
	message: string;
}

interface ValidatorErrorItem {
	path?: string;
	message?: string;
	errorCode?: string;
}

/** Field name as Yandex names it: the parameter name, or the dotted body path. */
function fieldOf(path: string | undefined): { where: string; field: string } {
	const parts = (path ?? '').replace(/^\//, '').split('/');
	const where = parts[0] ?? '';
	const field = parts.slice(1).join('.');
	return { where, field };
}

/** Translates the validator's findings into Yandex-style 400 errors that name the field. */
export function translateValidationErrors(
	status: number,
	items: ValidatorErrorItem[],
	contentType?: string,
): {
	status: number;
	errors: YandexError[];
} {
	if (status === 415) {
		return {
			status: 415,
			errors: [
				{
					code: 'UNSUPPORTED_MEDIA_TYPE',
					message: `Content type '${contentType ?? ''}' not supported`,
				},
			],
		};
	}
	const errors = items.map((e): YandexError => {
		const { where, field } = fieldOf(e.path);
		const msg = e.message ?? 'is invalid';
		const code = (e.errorCode ?? '').replace(/\.openapi\.validation$/, '');
		if (where === 'query' || where === 'params' || where === 'path') {
			if (/^Unknown query parameter/.test(msg)) return bad(`${msg}`);
			if (code === 'required' || /required property/.test(msg)) {
				return bad(`Required request parameter '${field}' is not present`);
			}
			if (field === 'limit' && code === 'maximum') {
				return bad(
					`Parameter limit must be less than or equal to ${/(\d+)/.exec(msg)?.[1] ?? ''}`.trim(),
				);
			}
			if (code === 'type' || code === 'format') {
				return bad(`Type mismatch: parameter '${field}' ${msg}`);
			}
			return bad(`Parameter '${field}' ${msg}`);
		}
		if (where === 'body') {
			if (field === '' && /required/.test(msg)) return bad('Required request body is missing');
			if (code === 'required' || /required property/.test(msg)) {
				const prop = /'([^']+)'/.exec(msg)?.[1] ?? field;
				// The validator sometimes names the missing property in the path as well as in the message.
				const full =
					!field || field === prop || field.endsWith(`.${prop}`)
						? field || prop
						: `${field}.${prop}`;
				if (full === 'file') return bad("Required request part 'file' is not present");
				return bad(`'${full}' must not be null`);
			}
			return bad(`'${field || 'body'}' ${msg}`);
		}
		return bad(`${e.path ?? ''} ${msg}`.trim());
	});
	return { status: 400, errors: errors.length > 0 ? errors : [bad('Bad request')] };
}

function bad(message: string): YandexError {
	return { code: 'BAD_REQUEST', message };
}

// ---------- response checks (Ajv) ----------

function int64Format() {
	return {
		type: 'number' as const,
		validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 63,
	};
}

function createSpecAjv(): Ajv {
	const ajv = new Ajv({ strict: false, allErrors: true });
	addFormats(ajv);
	ajv.addFormat('int64', int64Format());
	ajv.addFormat('int32', {
		type: 'number',
		validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 31,
	});
	ajv.addFormat('binary', { type: 'string', validate: () => true });
	const spec = loadSpec();
	ajv.addSchema({ $id: 'spec', components: spec.components }, 'spec');
	return ajv;
}

let specAjv: Ajv | undefined;
const responseValidators = new Map<string, ValidateFunction | null>();

function responseSchemaRef(operationId: string, status: number): string | undefined {
	const spec = loadSpec();
	const paths = spec.paths as Record<
		string,
		Record<string, { operationId?: string; responses?: Record<string, Json> }>
	>;
	for (const item of Object.values(paths)) {
		for (const op of Object.values(item)) {
			if (op?.operationId !== operationId) continue;
			let resp = op.responses?.[String(status)];
			if (!resp) return undefined;
			if (typeof resp.$ref === 'string') {
				const name = resp.$ref.split('/').pop() as string;
				resp = ((spec.components as Json).responses as Record<string, Json>)[name];
			}
			const content = resp.content as Record<string, { schema?: { $ref?: string } }> | undefined;
			const ref = content?.['application/json']?.schema?.$ref;
			return ref ? `spec${ref}` : undefined;
		}
	}
	return undefined;
}

export interface CheckResult {
	valid: boolean;
	errors: string[];
}

/**
 * Checks a response body (the raw text) against the spec for the operation and status. Undocumented statuses
 * (405, 415, 503, 499 are answers Yandex gives but the subset does not describe) are checked against the generic
 * error shape instead.
 */
export function checkApiResponse(
	operationId: string,
	status: number,
	bodyText: string,
): CheckResult {
	specAjv ??= createSpecAjv();
	const cacheKey = `${operationId}|${status}`;
	let validate = responseValidators.get(cacheKey);
	if (validate === undefined) {
		const ref =
			responseSchemaRef(operationId, status) ??
			(status >= 400 ? 'spec#/components/schemas/ApiErrorResponse' : undefined);
		validate = ref ? (specAjv.getSchema(ref) ?? null) : null;
		responseValidators.set(cacheKey, validate);
	}
	if (!validate)
		return {
			valid: false,
			errors: [`the spec documents no response ${status} for ${operationId}`],
		};
	let body: unknown;
	try {
		// Plain JSON.parse is right here: the schema only needs the type of the IDs, not their exact digits.
		body = JSON.parse(bodyText);
	} catch (e) {
		return { valid: false, errors: [`not JSON: ${(e as Error).message}`] };
	}
	if (validate(body)) return { valid: true, errors: [] };
	return { valid: false, errors: formatAjvErrors(validate.errors) };
}

export function formatAjvErrors(errors: ErrorObject[] | null | undefined): string[] {
	return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

// ---------- notification schema (draft 2020-12) ----------

let notificationAjv: Ajv2020 | undefined;
const NOTIFICATION_SCHEMA_ID = 'urn:steering:yandex-market:notifications-chat:derived';
export const COMMUNICATION_NOTIFICATION_SCHEMA_PATH = join(
	__dirname,
	'..',
	'spec',
	'notifications-communication.derived.schema.json',
);
const COMMUNICATION_SCHEMA_ID = 'urn:steering:yandex-market:notifications-communication:derived';

function getNotificationAjv(): Ajv2020 {
	if (!notificationAjv) {
		notificationAjv = new Ajv2020({ strict: false, allErrors: true });
		addFormats(notificationAjv);
		notificationAjv.addSchema(JSON.parse(readFileSync(NOTIFICATION_SCHEMA_PATH, 'utf8')));
		notificationAjv.addSchema(
			JSON.parse(readFileSync(COMMUNICATION_NOTIFICATION_SCHEMA_PATH, 'utf8')),
		);
	}
	return notificationAjv;
}

/** Validates a value against a definition of the notification schema, e.g. 'SuccessResponse'. */
export function checkNotificationSchema(def: string | undefined, value: unknown): CheckResult {
	return checkAgainst(NOTIFICATION_SCHEMA_ID, def, value);
}

/** The review and question notification bodies (GOODS_FEEDBACK_*, QUESTION_*), e.g. 'QuestionCreatedNotification'. */
export function checkCommunicationNotificationSchema(
	def: string | undefined,
	value: unknown,
): CheckResult {
	return checkAgainst(COMMUNICATION_SCHEMA_ID, def, value);
}

function checkAgainst(schemaId: string, def: string | undefined, value: unknown): CheckResult {
	const ajv = getNotificationAjv();
	const validate = ajv.getSchema(def ? `${schemaId}#/$defs/${def}` : schemaId);
	if (!validate) return { valid: false, errors: [`no schema ${def}`] };
	if (validate(value)) return { valid: true, errors: [] };
	return { valid: false, errors: formatAjvErrors(validate.errors) };
}
