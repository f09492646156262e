/**
 * Reads an MLflow `MLmodel` file (models/model.py Model.to_dict) into a typed summary. Never throws:
 * unreadable files give `ok: false` with a position when there is one; odd fields give warnings.
 * Pure, so server and client components can both use it.
 */
import { describeValue, isMapping, type Mapping, readCount, readMapping, readString } from "./field-readers";
import { readSavedInputExampleInfo, type SavedInputExampleInfo } from "./saved-input-example-info";
import { type ModelSignature, parseSignature } from "./signature";
import { DEFAULT_YAML_LIMITS, loadYamlDocument } from "./yaml-load";

export type { SavedInputExampleInfo } from "./saved-input-example-info";

export const MAX_MLMODEL_CHARS = DEFAULT_YAML_LIMITS.maxChars;

export interface PyfuncFlavor {
  loaderModule: string | null;
  /** `model_path`, or `data` in models logged before MLflow ~2.0 (e.g. "model.fastai"). */
  modelPath: string | null;
  /** Environment files; old models have `env: conda.yaml`, which gives virtualenv null. */
  env: { conda: string | null; virtualenv: string | null } | null;
  pythonVersion: string | null;
  predictFn: string | null;
  code: string | null;
}

export interface FrameworkFlavor {
  /** Flavor key, e.g. "sklearn", "fastai", "transformers". */
  name: string;
  /** `<name>_version` (sklearn_version), or the flavor's other `*_version` field (xgb_version). */
  version: string | null;
  fields: Mapping;
}

export interface MLmodelInfo {
  /** "model" in 2.x; a logged-model URI (mlflow-artifacts:/…/artifacts) in 3.x. */
  artifactPath: string | null;
  flavors: Record<string, Mapping>;
  pyfunc: PyfuncFlavor | null;
  /** Every flavor except python_function, in file order. */
  frameworkFlavors: FrameworkFlavor[];
  mlflowVersion: string | null;
  /** uuid4 hex in 2.x; equal to modelId in 3.x. */
  modelUuid: string | null;
  /** "m-…", MLflow 3.x only. */
  modelId: string | null;
  runId: string | null;
  utcTimeCreated: string | null;
  modelSizeBytes: number | null;
  signature: ModelSignature | null;
  savedInputExampleInfo: SavedInputExampleInfo | null;
  metadata: Mapping | null;
  raw: Mapping;
}

export type MLmodelResult =
  | { ok: true; model: MLmodelInfo; warnings: string[] }
  | { ok: false; error: { message: string; line?: number; column?: number } };

const PYFUNC = "python_function";

function readFlavors(model: Mapping, warnings: string[]): Record<string, Mapping> {
  const flavors: Record<string, Mapping> = {};
  const raw = readMapping(model, "flavors", "", warnings);
  if (!raw) {
    if (model.flavors === undefined || model.flavors === null) warnings.push("MLmodel has no flavors, so MLflow cannot load it");
    return flavors;
  }
  for (const [name, fields] of Object.entries(raw)) {
    if (isMapping(fields)) flavors[name] = fields;
    else {
      warnings.push(`flavors.${name} should be a mapping; got ${describeValue(fields)}`);
      flavors[name] = {};
    }
  }
  return flavors;
}

function readPyfunc(fields: Mapping, warnings: string[]): PyfuncFlavor {
  const where = `flavors.${PYFUNC}.`;
  let env: PyfuncFlavor["env"] = null;
  if (typeof fields.env === "string") env = { conda: fields.env, virtualenv: null };
  else if (isMapping(fields.env)) {
    const at = `${where}env.`;
    env = { conda: readString(fields.env, "conda", at, warnings), virtualenv: readString(fields.env, "virtualenv", at, warnings) };
  } else if (fields.env !== undefined && fields.env !== null) {
    warnings.push(`${where}env should be a file name or a mapping; got ${describeValue(fields.env)}`);
  }
  return {
    loaderModule: readString(fields, "loader_module", where, warnings),
    modelPath: readString(fields, "model_path", where, warnings) ?? readString(fields, "data", where, warnings),
    env,
    pythonVersion: readString(fields, "python_version", where, warnings),
    predictFn: readString(fields, "predict_fn", where, warnings),
    code: readString(fields, "code", where, warnings),
  };
}

function frameworkFlavor(name: string, fields: Mapping, warnings: string[]): FrameworkFlavor {
  const own = `${name}_version`;
  const key = own in fields ? own : Object.keys(fields).find((k) => k.endsWith("_version") && k !== "python_version");
  return { name, version: key ? readString(fields, key, `flavors.${name}.`, warnings) : null, fields };
}

function readSignature(model: Mapping, warnings: string[]): ModelSignature | null {
  const raw = readMapping(model, "signature", "", warnings);
  if (!raw) return null;
  const signature = parseSignature(raw);
  for (const message of Object.values(signature.errors)) warnings.push(`signature.${message}`);
  for (const message of signature.warnings) warnings.push(`signature.${message}`);
  return signature;
}

function toInfo(model: Mapping, warnings: string[]): MLmodelInfo {
  const flavors = readFlavors(model, warnings);
  const names = Object.keys(flavors);
  if (names.length > 0 && !names.includes(PYFUNC)) {
    warnings.push("no python_function flavor: the model cannot be served as a generic Python model");
  }
  const text = (key: string) => readString(model, key, "", warnings);
  return {
    artifactPath: text("artifact_path"),
    flavors,
    pyfunc: flavors[PYFUNC] ? readPyfunc(flavors[PYFUNC], warnings) : null,
    frameworkFlavors: names.filter((n) => n !== PYFUNC).map((n) => frameworkFlavor(n, flavors[n], warnings)),
    mlflowVersion: text("mlflow_version"),
    modelUuid: text("model_uuid"),
    modelId: text("model_id"),
    runId: text("run_id"),
    utcTimeCreated: text("utc_time_created"),
    modelSizeBytes: readCount(model, "model_size_bytes", "", warnings),
    signature: readSignature(model, warnings),
    savedInputExampleInfo: readSavedInputExampleInfo(model, warnings),
    metadata: readMapping(model, "metadata", "", warnings),
    raw: model,
  };
}

/** `sourceBytes`: the file's size when `text` is only its start (see loadYamlDocument). */
export function parseMLmodel(text: string, sourceBytes?: number): MLmodelResult {
  const loaded = loadYamlDocument(text, { label: "MLmodel", sourceBytes });
  if (!loaded.ok) return { ok: false, error: loaded.error };
  if (!isMapping(loaded.value)) {
    return { ok: false, error: { message: `MLmodel should be a YAML mapping of fields; got ${describeValue(loaded.value)}` } };
  }
  const warnings: string[] = [];
  try {
    return { ok: true, model: toInfo(loaded.value, warnings), warnings };
  } catch (error) {
    // Defensive: the readers above do not throw, but a display must never crash on a file.
    return { ok: false, error: { message: `MLmodel could not be read: ${String((error as Error)?.message ?? error)}` } };
  }
}
