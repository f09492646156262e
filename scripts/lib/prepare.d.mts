export const ROOT: string;
export function log(msg: string): void;
export function run(cmd: string, args: string[], opts?: object): void;
export function bin(name: string): string;
export function hashInputs(inputs: string[]): string;
export function ensureDependencies(): void;
export function migrate(env?: NodeJS.ProcessEnv): Promise<void>;
export function ensureBuild(): void;
export function prepare(): void;
