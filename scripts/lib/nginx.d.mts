export function ensureNginx(): string;
export function nginxConfig(opts: { port: number; upstreams: string[]; dir: string }): string;
export function startNginx(upstreams: string[]): Promise<{ url: string; port: number; dir: string; stop(): Promise<void> }>;
