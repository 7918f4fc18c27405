import type { INodeProperties } from 'n8n-workflow';

import { answerIdProperty, commentIdProperty } from '../../descriptions/communication';

/** Type (Answer or Comment) and the ID field of that type, for Edit and Delete. */
export function entityProperties(verb: 'edit' | 'delete'): INodeProperties[] {
	return [
		{
			displayName: 'Type',
			name: 'entityType',
			type: 'options',
			options: [
				{ name: 'Answer', value: 'ANSWER', description: "The shop's answer to a question" },
				{ name: 'Comment', value: 'COMMENT', description: "The shop's comment on an answer" },
			],
			default: 'ANSWER',
			description: `Whether to ${verb} an answer or a comment`,
		},
		{ ...answerIdProperty, displayOptions: { show: { entityType: ['ANSWER'] } } },
		{
			...commentIdProperty("The shop's own comment, digits only (the commentId from Get Answers)"),
			displayOptions: { show: { entityType: ['COMMENT'] } },
		},
	];
}
