import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	chat: 'get' | 'getAll' | 'create' | 'getHistory';
	message: 'get' | 'send' | 'sendFile';
};

export type YandexMarketChatsType = AllEntities<NodeMap>;
