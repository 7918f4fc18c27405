import type { AllEntities } from 'n8n-workflow';
import type { OperationNames } from './operations';

/** Every resource and its operations, derived from the resources' indexes. */
export type YandexMarketChatsOperations = OperationNames;

export type YandexMarketChatsType = AllEntities<YandexMarketChatsOperations>;
