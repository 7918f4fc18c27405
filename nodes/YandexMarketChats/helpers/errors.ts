import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** The user-facing parts of any error the nodes catch (NodeApiError, NodeOperationError or a plain Error). */
export interface ErrorDetails {
	message: string;
	description?: string;
	httpCode?: string;
}

export function errorDetails(error: unknown): ErrorDetails {
	const e = error as { message?: unknown; description?: unknown; httpCode?: unknown } | undefined;
	const message = typeof e?.message === 'string' ? e.message : String(error);
	return {
		message,
		...(typeof e?.description === 'string' && e.description !== '' && e.description !== message
			? { description: e.description }
			: {}),
		...(typeof e?.httpCode === 'string' && e.httpCode !== '' ? { httpCode: e.httpCode } : {}),
	};
}

/** One line: the message and, when it adds something, the description. */
export function errorText(error: unknown): string {
	const { message, description } = errorDetails(error);
	return description ? `${message}: ${description}` : message;
}

/** The error as n8n shows node errors: NodeApiError and NodeOperationError as they are, anything else wrapped. */
export function toNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	return error instanceof NodeApiError || error instanceof NodeOperationError
		? error
		: new NodeOperationError(node, error instanceof Error ? error : String(error));
}
