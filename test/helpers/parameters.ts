import type { IDataObject } from 'n8n-workflow';

/**
 * getNodeParameter as n8n answers it for tests: dot paths into collections, the fallback when the parameter is
 * unset (n8n throws without one), and `extractValue` for resource-locator values.
 */
export function readParameter(
	params: IDataObject,
	name: string,
	fallback?: unknown,
	options?: { extractValue?: boolean },
): unknown {
	let value: unknown = params;
	for (const part of name.split('.')) {
		if (value === null || typeof value !== 'object') {
			value = undefined;
			break;
		}
		value = (value as IDataObject)[part];
	}
	if (value === undefined) {
		if (fallback !== undefined) return fallback;
		throw new Error(`Could not get parameter "${name}"`);
	}
	if (options?.extractValue && value && typeof value === 'object' && (value as IDataObject).__rl) {
		return (value as IDataObject).value;
	}
	return value;
}
