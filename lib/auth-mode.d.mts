export function resolveAuthMode(opts: { host: string; auth?: string; allowOpenNetwork?: string }): { mode?: "on" | "off"; error?: string };
