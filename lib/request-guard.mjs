// Checks every request before anything serves it, in every auth mode (scripts/serve.mjs):
//  - Host allow-list: a DNS-rebinding page reaches the studio under its own host name; refusing
//    unknown Host headers closes that door. Default: loopback names, the listen address, and (when
//    listening on all interfaces) this machine's names and addresses; STUDIO_ALLOWED_HOSTS adds more
//    ("*" turns the check off, for a reverse proxy that already checks).
//  - Origin: a state-changing request that carries an Origin (every browser sends one) must come
//    from the studio's own origin or STUDIO_ALLOWED_ORIGINS. Scripts and the MLflow client send
//    none and are judged by their credentials instead.
//  - JSON endpoints take JSON only: a cross-origin page may send text/plain without a preflight,
//    never application/json.
// Pure (no imports): unit-tested in lib/request-guard.test.ts.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const JSON_PATHS = [
  /^\/api\/[23]\.0\/mlflow\//,
  /^\/api\/2\.0\/mlflow-artifacts\/mpu\/(create|complete|abort)\//,
  /^\/api\/studio\/(register|auth|tokens|admin|grants)(\/|$)/,
];
const LOOPBACK = ["localhost", "127.0.0.1", "::1"];

/** The hostname of a Host header or URL authority, lowercased, without port or IPv6 brackets; null if malformed. */
export function hostnameOf(authority) {
  if (typeof authority !== "string" || authority === "" || authority.length > 300) return null;
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]\s/@]+)(?::(\d{1,5}))?$/.exec(authority.trim());
  if (!m) return null;
  return m[1]
    .replace(/^\[|\]$/g, "")
    .toLowerCase()
    .replace(/\.$/, "");
}

export const isLoopbackHost = (host) => {
  const h = (host ?? "").replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127\.\d+\.\d+\.\d+$/.test(h);
};

/**
 * The policy for a server listening on `listenHost`: allowed host names (or "*") and extra origins.
 * `machine` lists this machine's own names and addresses (used when listening on all interfaces).
 */
export function requestPolicy({ listenHost, allowedHosts = "", allowedOrigins = "", machine = [] }) {
  const extra = allowedHosts
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const origins = new Set(
    allowedOrigins
      .split(",")
      .map((o) => o.trim().replace(/\/$/, "").toLowerCase())
      .filter(Boolean),
  );
  if (extra.includes("*")) return { hosts: "*", origins };
  const listen = (listenHost ?? "").replace(/^\[|\]$/g, "").toLowerCase();
  const wildcard = listen === "0.0.0.0" || listen === "::" || listen === "";
  const hosts = new Set([...LOOPBACK, ...extra, ...(wildcard ? machine.map((m) => m.toLowerCase()) : [listen])]);
  return { hosts, origins };
}

const refuse = (message) => ({ status: 403, body: { error_code: "PERMISSION_DENIED", message } });
const header = (headers, name) => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * Null when the request may go on, else the answer that refuses it: `{ status, body }` with
 * MLflow's `{error_code, message}`.
 */
export function checkRequest({ method, url, headers }, policy) {
  const host = header(headers, "host");
  const hostname = hostnameOf(host);
  if (policy.hosts !== "*" && (hostname === null || !(policy.hosts.has(hostname) || isLoopbackHost(hostname)))) {
    return refuse(`Invalid Host header '${String(host ?? "").slice(0, 100)}': add the name to STUDIO_ALLOWED_HOSTS to serve it`);
  }
  const m = String(method ?? "GET").toUpperCase();
  if (SAFE_METHODS.has(m)) return null;

  const origin = header(headers, "origin");
  if (origin !== undefined) {
    const normalized = String(origin).replace(/\/$/, "").toLowerCase();
    let sameOrigin = false;
    if (normalized !== "null") {
      try {
        sameOrigin = new URL(normalized).host === String(host).toLowerCase();
      } catch {
        sameOrigin = false;
      }
    }
    if (!sameOrigin && !policy.origins.has(normalized)) {
      return refuse(
        `Cross-origin request refused: origin '${String(origin).slice(0, 100)}' is not this studio (add it to STUDIO_ALLOWED_ORIGINS to allow it)`,
      );
    }
  } else if (header(headers, "sec-fetch-site") === "cross-site") {
    return refuse("Cross-origin request refused");
  }

  const path = String(url ?? "/").split("?")[0];
  if (JSON_PATHS.some((re) => re.test(path))) {
    const length = header(headers, "content-length");
    const hasBody = (length !== undefined && length !== "0") || header(headers, "transfer-encoding") !== undefined;
    const type = String(header(headers, "content-type") ?? "")
      .split(";")[0]
      .trim()
      .toLowerCase();
    if (hasBody && type !== "application/json" && !/^application\/[\w.+-]+\+json$/.test(type)) {
      return {
        status: 415,
        body: {
          error_code: "BAD_REQUEST",
          message: `This endpoint takes JSON: send Content-Type: application/json (got '${type || "none"}')`,
        },
      };
    }
  }
  return null;
}
