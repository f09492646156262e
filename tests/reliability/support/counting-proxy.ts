// A pass-through HTTP proxy in front of the studio that counts what the fuzzers cannot be trusted
// to count themselves: every answer by status, and every connection the server dropped (the
// upstream socket failed or closed before a complete answer). Requests go through unchanged.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type ProxyCounts = {
  requests: number;
  byStatus: Record<string, number>;
  serverErrors: number;
  dropped: number;
  samples5xx: string[];
  samplesDropped: string[];
};

export async function startCountingProxy(target: string) {
  const upstream = new URL(target);
  const counts: ProxyCounts = { requests: 0, byStatus: {}, serverErrors: 0, dropped: 0, samples5xx: [], samplesDropped: [] };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer((req, res) => {
    counts.requests++;
    const what = `${req.method} ${req.url?.slice(0, 300)}`;
    const drop = (reason: string) => {
      counts.dropped++;
      if (counts.samplesDropped.length < 20) counts.samplesDropped.push(`${what}: ${reason}`);
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end();
    };
    const up = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
        agent,
      },
      (upRes) => {
        const status = upRes.statusCode ?? 0;
        counts.byStatus[status] = (counts.byStatus[status] ?? 0) + 1;
        if (status >= 500) {
          counts.serverErrors++;
          if (counts.samples5xx.length < 20) counts.samples5xx.push(`${what} → ${status}`);
        }
        res.writeHead(status, upRes.headers);
        upRes.pipe(res);
        upRes.on("close", () => {
          // The client hanging up first is the client's doing, not a dropped connection.
          if (!upRes.complete && !res.destroyed && !req.destroyed) drop("answer cut off");
        });
      },
    );
    up.on("error", (e) => {
      // A refused upload may be answered early and the rest of its body refused: not a drop.
      if (res.headersSent) return;
      drop((e as NodeJS.ErrnoException).code ?? e.message);
    });
    req.pipe(up);
    req.on("aborted", () => up.destroy());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    counts,
    async close() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
