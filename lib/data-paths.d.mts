export function dataDir(env?: NodeJS.ProcessEnv): string;
export function databaseUrl(env?: NodeJS.ProcessEnv): string;
export function isObjectStoreRoot(env?: NodeJS.ProcessEnv): boolean;
export function artifactRoot(env?: NodeJS.ProcessEnv): string | null;
export function ensureDataDirs(env?: NodeJS.ProcessEnv): void;
