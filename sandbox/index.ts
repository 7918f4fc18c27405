/** Public entry of the Yandex Market sandbox (see docs/DESIGN.md, "Sandbox contract"). */
export { startSandbox } from './server';
export type { Sandbox, SandboxOptions } from './server';
export { SANDBOX_KEYS, SANDBOX_SEED } from './seed';
export { createControlClient, SandboxControlError } from './client';
export type * from './client';
export type { RequestRecord } from './state';
export { COMMUNICATION_SEED } from './communication-seed';
export { createCommunicationControlClient } from './communication-client';
export type * from './communication-client';
