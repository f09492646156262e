export function dataDir(env?: NodeJS.ProcessEnv): string;
export function databaseUrl(env?: NodeJS.ProcessEnv): string;
export function artifactRoot(env?: NodeJS.ProcessEnv): string;
export function ensureDataDirs(env?: NodeJS.ProcessEnv): void;
