/** The webhook trigger's parameters, read before anything is answered. */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DEFAULT_SENDERS, readEvents } from '../descriptions/events';
import { DEFAULT_AUTHORS, WEBHOOK_EVENT_TYPES } from '../descriptions/communicationEvents';
import { normalizeIdInput } from '../shared/int64';
import { YANDEX_NOTIFICATION_CIDRS } from '../shared/notifications';
import { parseCidrList } from './ipAllowList';
import type { Cidr } from './ipAllowList';

export interface WebhookSettings {
	events: string[];
	resolveDetails: boolean;
	senders: string[];
	/** Authors of review comments, answers and answer comments that start the workflow (with Resolve Details). */
	authors: string[];
	businessIds?: Set<string>;
	allowList?: Cidr[];
	includePing: boolean;
}

const YANDEX_CIDRS = parseCidrList(YANDEX_NOTIFICATION_CIDRS.join(',')).cidrs;

/** Reads every parameter before anything is answered, so a bad setting gives Yandex a 500 (it retries) and no loss. */
export function readWebhookSettings(this: IWebhookFunctions): WebhookSettings {
	const options = this.getNodeParameter('triggerOptions', {}) as IDataObject;
	const resolve = this.getNodeParameter('resolveDetails', true) as boolean;
	return {
		events: readEvents.call(this, WEBHOOK_EVENT_TYPES),
		resolveDetails: resolve,
		senders: resolve ? (this.getNodeParameter('senders', DEFAULT_SENDERS) as string[]) : [],
		authors: resolve ? (this.getNodeParameter('authors', DEFAULT_AUTHORS) as string[]) : [],
		includePing: options.includePing === true,
		...businessIdsOption.call(this, options.businessIds),
		...allowListOption.call(this, options),
	};
}

/** Option "Business IDs": the same ID rule as every Business ID field (normalizeIdInput). */
function businessIdsOption(
	this: IWebhookFunctions,
	raw: unknown,
): Pick<WebhookSettings, 'businessIds'> {
	const businessIds = String(raw ?? '')
		.split(/[\s,;]+/)
		.filter((x) => x !== '');
	if (businessIds.length === 0) return {};
	const normalized = businessIds.map((x) => normalizeIdInput(x));
	const bad = businessIds.filter((_, i) => normalized[i] === undefined);
	if (bad.length > 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Option "Business IDs" has invalid IDs: ${bad.join(', ')}`,
		);
	}
	return { businessIds: new Set(normalized as string[]) };
}

function allowListOption(
	this: IWebhookFunctions,
	options: IDataObject,
): Pick<WebhookSettings, 'allowList'> {
	if (options.onlyYandexAddresses !== true) return {};
	const extra = parseCidrList(String(options.extraAllowedAddresses ?? ''));
	if (extra.invalid.length > 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Option "Additional Allowed Addresses" has invalid entries: ${extra.invalid.join(', ')}`,
		);
	}
	return { allowList: [...YANDEX_CIDRS, ...extra.cidrs] };
}
