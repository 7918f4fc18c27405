import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';
import { BASE_URLS, INTEGRATION_HEADER_VALUE } from '../nodes/YandexMarketChats/shared/contract';

export class YandexMarketApi implements ICredentialType {
	name = 'yandexMarketApi';

	displayName = 'Yandex Market API';

	icon: Icon = {
		light: 'file:../nodes/YandexMarketChats/yandexMarket.svg',
		dark: 'file:../nodes/YandexMarketChats/yandexMarket.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-yandex-market/n8n-nodes-yandex-market#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Api-Key token from the seller cabinet: Settings → API and modules → Authorization tokens. Give it the "Customer communication" (communication) scope, or "Full management" (all-methods).',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			// Production first: it is the default and what almost every seller needs. Not alphabetical on purpose.
			options: [
				{
					name: 'Production',
					value: 'production',
					description: `Yandex Market (${BASE_URLS.production})`,
				},
				{
					name: 'Market Yandex Go',
					value: 'yandexGo',
					description: `Sellers on Market Yandex Go (${BASE_URLS.yandexGo})`,
				},
				{
					name: 'Custom Base URL',
					value: 'custom',
					description: 'A proxy, or the local Yandex Market sandbox used for testing',
				},
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:18080',
			required: true,
			description:
				'Address of the proxy or sandbox, without a path (for example http://127.0.0.1:18080)',
			displayOptions: { show: { environment: ['custom'] } },
		},
	];

	// Generic auth lets n8n core add the header, so this credential also works in the HTTP Request node.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { 'Api-Key': '={{$credentials.apiKey}}' },
		},
	};

	// GET /v2/campaigns works with every scope (communication included) and costs little (1,000/h).
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{$credentials.environment === "custom" ? String($credentials.baseUrl).replace(/\\/+$/, "") : ($credentials.environment === "yandexGo" ? "${BASE_URLS.yandexGo}" : "${BASE_URLS.production}")}}`,
			url: '/v2/campaigns',
			method: 'GET',
			qs: { limit: 1 },
			headers: { 'X-Market-Integration': INTEGRATION_HEADER_VALUE },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Yandex Market rejected the API key: it is invalid or revoked. Copy it again from the seller cabinet.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The API key is valid but has no access: in the seller cabinet give it the "Customer communication" or "Full management" permission, and check that API access is not turned off for the cabinet.',
				},
			},
		],
	};
}
