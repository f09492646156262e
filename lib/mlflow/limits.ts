import { invalidParam } from "@/lib/errors";

/** MLflow's limits (mlflow/utils/validation.py); exceeding one is INVALID_PARAMETER_VALUE. */
export const LIMITS = {
  paramsTagsPerBatch: 100,
  metricsPerBatch: 1000,
  entitiesPerBatch: 1000,
  batchRequestBytes: 1_000_000,
  paramValue: 6000,
  tagValue: 8000,
  experimentName: 500,
  experimentTagKey: 250,
  experimentTagValue: 5000,
  entityKey: 250,
  registryTagKey: 250,
  registryTagValue: 100_000,
  loggedModelTagValue: 100_000,
  datasetName: 500,
  datasetDigest: 36,
  datasetSchema: 1_048_575,
  datasetSource: 65_535,
  datasetProfile: 16_777_215,
  inputTagKey: 255,
  inputTagValue: 500,
  aliasName: 255,
  searchRunsDefault: 1000,
  searchRunsMax: 50_000,
  searchExperimentsDefault: 1000,
  searchExperimentsMax: 50_000,
  metricHistoryDefault: 25_000,
  loggedModelsSearchDefault: 50,
  loggedModelsSearchMax: 1000,
  loggedModelParamsPerRequest: 100,
  /** JSON bodies larger than this are refused before parsing (log-inputs profiles can be 16 MB). */
  jsonBodyBytes: 20 * 1024 * 1024,
} as const;

// Slashes, alphanumerics, underscores, periods, dashes, spaces (and colons, since MLflow 2.x).
const KEY_RE = /^[/\w.\- :]*$/u;

function pathNotUnique(name: string): boolean {
  const segments: string[] = [];
  for (const part of name.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") segments.pop();
    else segments.push(part);
  }
  const norm = (name.startsWith("/") ? "/" : "") + segments.join("/");
  return norm !== name || norm === "" || name.startsWith("..") || name.startsWith("/");
}

/** Validates a metric, param or tag key as MLflow does. */
export function validateKey(kind: "metric" | "parameter" | "tag", key: unknown): string {
  if (typeof key !== "string" || key === "") {
    throw invalidParam(`${kind[0].toUpperCase()}${kind.slice(1)} name cannot be empty. A key name must be provided.`);
  }
  if (!KEY_RE.test(key)) {
    throw invalidParam(
      `Invalid ${kind} name: '${key}'. Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).`,
    );
  }
  if (pathNotUnique(key)) {
    throw invalidParam(
      `Invalid ${kind} name: '${key}'. Names may be treated as files in certain cases, and must not resolve to other names when treated as such.`,
    );
  }
  return validateLength(`${kind[0].toUpperCase()}${kind.slice(1)} key`, LIMITS.entityKey, key);
}

export function validateLength(what: string, limit: number, value: string): string {
  if (value.length > limit) {
    throw invalidParam(`${what} '${value.slice(0, 250)}' had length ${value.length}, which exceeded length limit of ${limit}`);
  }
  return value;
}

export function validateBatchLimits(metrics: number, params: number, tags: number): void {
  const check = (what: string, limit: number, n: number) => {
    if (n > limit) {
      throw invalidParam(
        `A batch logging request can contain at most ${limit} ${what}. Got ${n} ${what}. Please split up ${what} across multiple requests and try again.`,
      );
    }
  };
  check("metrics", LIMITS.metricsPerBatch, metrics);
  check("params", LIMITS.paramsTagsPerBatch, params);
  check("tags", LIMITS.paramsTagsPerBatch, tags);
  check("metrics, params, and tags", LIMITS.entitiesPerBatch, metrics + params + tags);
}

/** `max_results` within (0, max]; MLflow rejects zero, negatives and values over the cap. */
export function validateMaxResults(value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0 || value > max) {
    throw invalidParam(`Invalid value ${value} for parameter 'max_results' supplied. It must be a positive integer at most ${max}.`);
  }
  return value;
}
