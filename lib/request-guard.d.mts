export type Refusal = { status: number; body: { error_code: string; message: string } };
export type RequestPolicy = { hosts: Set<string> | "*"; origins: Set<string> };
export function hostnameOf(authority: string | undefined): string | null;
export function isLoopbackHost(host: string | undefined): boolean;
export function requestPolicy(opts: {
  listenHost: string;
  allowedHosts?: string;
  allowedOrigins?: string;
  machine?: string[];
}): RequestPolicy;
export function checkRequest(
  req: { method?: string; url?: string; headers: Record<string, string | string[] | undefined> },
  policy: RequestPolicy,
): Refusal | null;
