/**
 * Parameters and tool phrases the Review and Question operations share. IDs are plain text fields (there is no
 * list to pick from): typed, or mapped from a trigger item (feedbackId, commentId, questionId, answerId).
 */
import type { INodeProperties } from 'n8n-workflow';
import { ID_INPUT_REGEX } from '../shared/int64';

function idField(
	displayName: string,
	name: string,
	description: string,
	placeholder: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		required: true,
		default: '',
		placeholder,
		description,
		validation: [
			{
				type: 'regex',
				properties: {
					regex: ID_INPUT_REGEX,
					errorMessage: `${displayName} must be a positive integer`,
				},
			},
		],
	} as INodeProperties;
}

export const reviewIdProperty = idField(
	'Review ID',
	'feedbackId',
	'The review, digits only: the feedbackId of a trigger item or of a review from Get Many',
	'e.g. 80001',
);

export function commentIdProperty(description: string): INodeProperties {
	return idField('Comment ID', 'commentId', description, 'e.g. 81001');
}

export const questionIdProperty = idField(
	'Question ID',
	'questionId',
	'The question, digits only: the questionId of a trigger item or of a question from Get Many',
	'e.g. 82001',
);

export const answerIdProperty = idField(
	'Answer ID',
	'answerId',
	'The answer, digits only: the answerId of a trigger item or of an answer from Get Answers',
	'e.g. 83001',
);

/** The Text of a seller reply; `rules` says what Yandex accepts. */
export function sellerTextProperty(description: string): INodeProperties {
	return {
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		description,
	};
}

export const REVIEW_REPLY_TEXT_RULES =
	'1 to 4096 characters, published on the product page for every buyer to see; no links to sites other than Yandex Market, no phone numbers or e-mail addresses';

export const QUESTION_TEXT_RULES =
	'1 to 5000 characters, published on the product page for every buyer to see';

/**
 * The write tools take only the text from the model: the review, comment, question or answer is bound by the
 * workflow (an expression on the trigger item), so a model cannot post into the wrong thread.
 */
export const TOOL_BOUND_TARGET =
	'The workflow fixes which one (it is not an argument); call the tool once with the complete text.';
