// The one place the CLI talks HTTP. Every request goes through `send`, so connection failures,
// Ctrl-C and the studio's error bodies turn into the same CliErrors (and exit codes) everywhere.
import { CliError, connectionError, EXIT, interrupted, serverError, usageError } from "./errors.mjs";

export const DEFAULT_URL = "http://127.0.0.1:3000";
export const MLFLOW = "/api/2.0/mlflow";
export const ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts";

/** --url wins over MLFLOW_TRACKING_URI, so one command can target another studio without unsetting it. */
export function resolveBaseUrl(flag, env = process.env) {
  const raw = (flag ?? env.MLFLOW_TRACKING_URI ?? DEFAULT_URL).trim();
  const from = flag !== undefined ? "--url" : env.MLFLOW_TRACKING_URI !== undefined ? "MLFLOW_TRACKING_URI" : "the default URL";
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw usageError(`${from} '${raw}' is not a URL`, "use the studio's address, e.g. --url http://127.0.0.1:3000");
  }
  // MLflow also accepts file:, sqlite: and databricks URIs; the CLI needs the studio's HTTP API.
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw usageError(`${from} '${raw}' is not an http(s) URL`, "the CLI talks to the studio's HTTP API, e.g. --url http://127.0.0.1:3000");
  }
  // Keep a path prefix (a studio behind a reverse proxy at /studio) but not a trailing slash.
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** Percent-encodes each segment of a relative path, keeping the '/' separators. */
export const encodePath = (rel) => rel.split("/").map(encodeURIComponent).join("/");

const isAbort = (e, signal) => signal?.aborted || e?.name === "AbortError";

/**
 * Credentials as the MLflow client sends them: --token or MLFLOW_TRACKING_TOKEN as a Bearer
 * token, else MLFLOW_TRACKING_USERNAME/PASSWORD as Basic (MLflow prefers Basic when both are set;
 * an explicit --token wins here, being the more specific).
 */
export function authorizationHeader(flag, env = process.env) {
  if (flag) return `Bearer ${flag}`;
  if (env.MLFLOW_TRACKING_USERNAME && env.MLFLOW_TRACKING_PASSWORD) {
    return `Basic ${Buffer.from(`${env.MLFLOW_TRACKING_USERNAME}:${env.MLFLOW_TRACKING_PASSWORD}`).toString("base64")}`;
  }
  return env.MLFLOW_TRACKING_TOKEN ? `Bearer ${env.MLFLOW_TRACKING_TOKEN}` : undefined;
}

export function createClient(baseUrl, signal, authorization) {
  /**
   * opts: query (object; undefined values skipped), json (request body), body + headers (raw
   * upload), stream (return the Response of a successful request unread), signal (override: the
   * cleanup after Ctrl-C must still be able to talk to the studio).
   */
  async function send(method, path, opts = {}) {
    const url = new URL(baseUrl + path);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.append(k, String(v));
    const headers = { "user-agent": "studio-cli", ...(authorization ? { authorization } : {}), ...opts.headers };
    let body = opts.body;
    if (opts.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(opts.json);
    }
    const useSignal = opts.signal ?? signal;
    let res;
    let text;
    try {
      // duplex: "half" is how fetch() is told the body is a stream (required by Node for them).
      res = await fetch(url, { method, headers, body, signal: useSignal, ...(body instanceof ReadableStream ? { duplex: "half" } : {}) });
      if (opts.stream && res.ok) return res;
      text = await res.text();
    } catch (e) {
      if (e instanceof CliError) throw e; // raised by the upload body stream itself
      if (isAbort(e, useSignal)) throw interrupted();
      throw localBodyError(e) ?? connectionError(e, baseUrl);
    }
    let parsed = null;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      // Not JSON: a proxy's error page or some other server; serverError says so.
    }
    if (!res.ok) throw serverError(res.status, parsed, url, baseUrl);
    if (parsed === null) {
      throw new CliError(
        `the server at ${baseUrl} did not answer with JSON for ${url.pathname}`,
        EXIT.server,
        "check --url or MLFLOW_TRACKING_URI: is it a Model Studio?",
      );
    }
    return parsed;
  }

  /** A streamed upload body can fail on this side (unreadable file, file changed size): not a network problem. */
  function localBodyError(e) {
    const cause = e?.cause;
    if (cause?.syscall && cause.path) return new CliError(`cannot read ${cause.path}: ${cause.message}`);
    if (cause?.code === "UND_ERR_REQ_CONTENT_LENGTH_MISMATCH") return new CliError("a file changed size while it was being uploaded");
    return null;
  }

  /** MLflow search endpoints page with next_page_token; this follows them and concatenates `field`. */
  async function searchAll(path, field, query) {
    const all = [];
    let token;
    do {
      const page = await send("GET", `${MLFLOW}/${path}`, { query: { ...query, page_token: token } });
      all.push(...(page[field] ?? []));
      token = page.next_page_token || undefined;
    } while (token);
    return all;
  }

  return { baseUrl, signal, send, searchAll };
}
