// A small keep-alive HTTP/1.1 client on node:http. Not global fetch: fetch (undici inside Node)
// costs noticeably more CPU per request, and the load generator shares 2 cores with the server
// under test, so every cycle it burns is taken from the server. undici is not in node_modules.
import http from "node:http";

export function makeAgent(sockets = 32) {
  return new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets, keepAliveMsecs: 30_000 });
}
const defaultAgent = makeAgent(16);

/** One request: resolves { status, text } (never rejects on HTTP errors; rejects on socket errors). */
export function send(baseUrl, method, path, body, agent = defaultAgent) {
  const u = new URL(baseUrl + path);
  const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
  const headers = payload === undefined ? {} : { "content-type": "application/json", "content-length": Buffer.byteLength(payload) };
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method, path: u.pathname + u.search, headers, agent }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.setTimeout(120_000, () => req.destroy(new Error("timeout after 120 s")));
    req.end(payload);
  });
}

/** JSON API call that throws on anything but 200 (what the MLflow client does). */
export async function api(baseUrl, method, path, body) {
  const { status, text } = await send(baseUrl, method, path, body);
  if (status !== 200) throw new Error(`${method} ${path} -> ${status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : {};
}

/** GET with query parameters (repeated keys for arrays), as the MLflow client encodes them. */
export function qs(params) {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null) continue;
    for (const x of Array.isArray(v) ? v : [v]) sp.append(k, String(x));
  }
  const s = sp.toString();
  return s ? `?${s}` : "";
}

/** Runs fn(item, i) over items with at most `concurrency` in flight (seeding). */
export async function pool(items, concurrency, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
