import type { AllEntities } from 'n8n-workflow';

/** Every resource and its operations (the `value`s of the Resource and Operation parameters). */
export type YandexMarketChatsOperations = {
	chat: 'get' | 'getAll' | 'create' | 'getHistory';
	message: 'get' | 'send' | 'sendFile';
};

export type YandexMarketChatsType = AllEntities<YandexMarketChatsOperations>;
