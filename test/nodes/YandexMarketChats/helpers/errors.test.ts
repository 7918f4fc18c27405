import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	errorDetails,
	errorText,
	toNodeError,
} from '../../../../nodes/YandexMarketChats/helpers/errors';
import { NODE } from '../../../helpers/executeContext';

describe('errorDetails', () => {
	it.each([
		['a plain Error', new Error('boom'), { message: 'boom' }],
		['a string', 'just text', { message: 'just text' }],
		[
			'an error with a description and an HTTP code',
			{ message: 'm', description: 'd', httpCode: '404' },
			{ message: 'm', description: 'd', httpCode: '404' },
		],
		[
			'a description equal to the message',
			{ message: 'm', description: 'm', httpCode: '' },
			{ message: 'm' },
		],
	])('%s', (_name, error, expected) => {
		expect(errorDetails(error)).toEqual(expected);
	});
});

describe('errorText', () => {
	it('joins the message and a description that adds something', () => {
		expect(errorText({ message: 'm', description: 'd' })).toBe('m: d');
		expect(errorText(new Error('m'))).toBe('m');
	});
});

describe('toNodeError', () => {
	it('keeps node errors as they are', () => {
		const api = new NodeApiError(NODE, { message: 'x' });
		const op = new NodeOperationError(NODE, 'y');
		expect(toNodeError(NODE, api)).toBe(api);
		expect(toNodeError(NODE, op)).toBe(op);
	});
	it('wraps anything else in a NodeOperationError with its message', () => {
		const wrapped = toNodeError(NODE, new TypeError('boom'));
		expect(wrapped).toBeInstanceOf(NodeOperationError);
		expect(wrapped.message).toBe('boom');
		expect(toNodeError(NODE, 'text').message).toBe('text');
	});
});
