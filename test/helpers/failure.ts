import type { NodeApiError } from 'n8n-workflow';

/** The error a call or a node run throws; fails the test when it does not throw. */
export async function failure(promise: Promise<unknown>): Promise<NodeApiError> {
	try {
		await promise;
	} catch (error) {
		return error as NodeApiError;
	}
	throw new Error('expected the call to fail');
}
