/**
 * Model sources a registration accepts, parsed into one shape. Pure.
 *   runs:/<job>/<path>                                        a job's output folder
 *   azureml://jobs/<job>/outputs/artifacts/paths/<path>/      Azure ML's name for the same thing
 *   models:/<logged-model-id>                                 an MLflow 3 logged model (m-…)
 *   models:/<name>/<version>, models:/<name>@<alias>           an existing registered version
 *   mlflow-artifacts:/<key>, mlflow-artifacts://host/<key>    a path in this studio's artifact store
 *   http(s)://…/api/2.0/mlflow-artifacts/artifacts/<key>      the same, as a proxy URL
 *   upload:<id>                                               a folder uploaded through the studio
 */
import { StudioError } from "@/lib/errors";

export type ModelSource =
  | { kind: "run"; runId: string; path: string }
  | { kind: "logged-model"; modelId: string }
  | { kind: "registered"; name: string; version?: number; alias?: string }
  | { kind: "artifact"; key: string }
  | { kind: "upload"; uploadId: string };

export class SourceUriError extends StudioError {
  constructor(message: string) {
    super("INVALID_PARAMETER_VALUE", message);
    this.name = "SourceUriError";
  }
}

const trimSlashes = (s: string) => s.replace(/^\/+|\/+$/g, "");
const RUN_ID = /^[A-Za-z0-9][\w-]{0,255}$/;

function decodePath(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    throw new SourceUriError(`The path in '${p}' is not valid percent-encoding`);
  }
}

function artifactSource(key: string): ModelSource {
  if (key === "") throw new SourceUriError("An artifact source must name a folder or file in the artifact store, not the whole store");
  return { kind: "artifact", key };
}

export function parseModelSource(input: string): ModelSource {
  const uri = input.trim();
  if (uri === "") throw new SourceUriError("A model source is required");
  let m: RegExpExecArray | null;
  if ((m = /^runs:\/+([^/]+)(?:\/(.*))?$/.exec(uri))) {
    if (!RUN_ID.test(m[1]!)) throw new SourceUriError(`'${m[1]}' is not a valid job (run) id`);
    return { kind: "run", runId: m[1]!, path: trimSlashes(decodePath(m[2] ?? "")) };
  }
  if ((m = /^azureml:\/\/jobs\/([^/]+)\/outputs\/artifacts(?:\/paths(?:\/(.*))?)?$/i.exec(uri))) {
    if (!RUN_ID.test(m[1]!)) throw new SourceUriError(`'${m[1]}' is not a valid job name`);
    return { kind: "run", runId: m[1]!, path: trimSlashes(decodePath(m[2] ?? "")) };
  }
  if (/^azureml:/i.test(uri)) {
    throw new SourceUriError("Azure ML paths must look like azureml://jobs/<job>/outputs/artifacts/paths/<path>/");
  }
  if ((m = /^models:\/+(m-[0-9a-f]{8,64})\/?$/.exec(uri))) return { kind: "logged-model", modelId: m[1]! };
  if ((m = /^models:\/+([^/@]+)@([\w-]+)\/?$/.exec(uri))) return { kind: "registered", name: decodePath(m[1]!), alias: m[2]! };
  if ((m = /^models:\/+([^/]+)\/(\d+)\/?$/.exec(uri))) return { kind: "registered", name: decodePath(m[1]!), version: Number(m[2]) };
  if (uri.startsWith("models:")) {
    throw new SourceUriError("models: sources must be models:/<logged model id>, models:/<name>/<version> or models:/<name>@<alias>");
  }
  if ((m = /^mlflow-artifacts:(?:\/\/[^/]*)?\/*(.*)$/.exec(uri))) return artifactSource(trimSlashes(decodePath(m[1]!)));
  if ((m = /^https?:\/\/[^/]+(?:\/.*)?\/api\/2\.0\/mlflow-artifacts\/artifacts\/(.*)$/.exec(uri))) {
    return artifactSource(trimSlashes(decodePath(m[1]!.split("?")[0]!)));
  }
  if ((m = /^upload:([0-9a-f]{32})$/.exec(uri))) return { kind: "upload", uploadId: m[1]! };
  throw new SourceUriError(
    `Unsupported model source '${uri}'. Use runs:/<job>/<path>, azureml://jobs/<job>/outputs/artifacts/paths/<path>/, models:/<logged model id> or mlflow-artifacts:/<path>.`,
  );
}

/** The two URIs the studio shows (and copies) for a job output path. */
export function jobOutputUris(runId: string, path: string) {
  const clean = trimSlashes(path);
  return {
    runs: `runs:/${runId}/${clean}`,
    azureml: `azureml://jobs/${runId}/outputs/artifacts/paths/${clean}${clean ? "/" : ""}`,
  };
}
