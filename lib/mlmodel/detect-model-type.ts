/**
 * Which registry model type a folder looks like (the three Azure ML offers: MLflow, Triton, custom)
 * and messages a person can act on when the chosen type does not fit the files. Pure: it sees
 * relative file paths and, optionally, the MLmodel text the caller already read.
 */
import { parseMLmodel } from "./parse-mlmodel";
import { normalizeFileList, validateTritonLayout } from "./triton-layout";

export type ModelType = "MLFLOW" | "TRITON" | "CUSTOM";

export interface ModelTypeCheck {
  ok: boolean;
  errors: string[];
  warnings: string[];
}

export interface ModelTypeCheckOptions {
  /** Shown in messages, e.g. "model" gives "none found in model/". */
  folderName?: string;
  /** Contents of the root MLmodel, to check that it can be read. */
  mlmodelText?: string | null;
  /** The MLmodel file's size, when `mlmodelText` is a capped read of it. */
  mlmodelBytes?: number;
}

const MLMODEL = "MLmodel";

/** MLmodel at the root → MLFLOW; a valid Triton layout → TRITON; other files → CUSTOM; none → null. */
export function detectModelType(files: readonly string[]): ModelType | null {
  // Folder entries ("1/") count for Triton's layout but do not make a folder non-empty.
  const paths = normalizeFileList(files);
  if (paths.every((p) => p.endsWith("/"))) return null;
  if (paths.includes(MLMODEL)) return "MLFLOW";
  if (validateTritonLayout(paths).ok) return "TRITON";
  return "CUSTOM";
}

interface Findings {
  errors: string[];
  warnings: string[];
}

function checkMlflow(paths: string[], folder: string, options: ModelTypeCheckOptions, { errors, warnings }: Findings): void {
  const { mlmodelText, mlmodelBytes } = options;
  if (!paths.includes(MLMODEL)) {
    errors.push(`MLflow models need an MLmodel file at the folder's root; none found in ${folder}`);
    const nested = paths.find((p) => p.endsWith(`/${MLMODEL}`));
    const misnamed = paths.find((p) => !p.includes("/") && p.toLowerCase() === "mlmodel");
    if (misnamed) errors.push(`The file is named "${misnamed}"; MLflow needs exactly "${MLMODEL}"`);
    else if (nested) errors.push(`Found ${nested}: register the folder ${nested.slice(0, -MLMODEL.length)} instead`);
    return;
  }
  if (typeof mlmodelText !== "string") return;
  const parsed = parseMLmodel(mlmodelText, mlmodelBytes);
  if (!parsed.ok) {
    errors.push(`The MLmodel file cannot be read: ${parsed.error.message}`);
    return;
  }
  warnings.push(...parsed.warnings.map((w) => `MLmodel: ${w}`));
  if (Object.keys(parsed.model.flavors).length === 0) {
    errors.push("The MLmodel file lists no flavors, so MLflow cannot load the model");
  }
}

/** Errors block registering with `type`; warnings are worth showing but do not. */
export function validateModelType(type: ModelType, files: readonly string[], options: ModelTypeCheckOptions = {}): ModelTypeCheck {
  const named = options.folderName ? `${options.folderName.replace(/\/+$/, "")}/` : null;
  const folder = named ?? "the folder"; // mid-sentence
  const subject = named ?? "This folder"; // starting a sentence
  const paths = normalizeFileList(files).filter((p) => !p.endsWith("/"));
  const findings: Findings = { errors: [], warnings: [] };
  if (paths.length === 0) return { ok: false, errors: [`No files in ${folder}: upload the model files first`], warnings: [] };
  const detected = detectModelType(files);
  const asMlflow = "registering it as MLflow lets deployments build the scoring environment for you";
  if (type === "MLFLOW") checkMlflow(paths, folder, options, findings);
  else if (type === "TRITON") {
    const layout = validateTritonLayout(files);
    findings.errors.push(...layout.errors);
    findings.warnings.push(...layout.warnings);
    if (paths.includes(MLMODEL)) findings.warnings.push(`${subject} also has an MLmodel file; ${asMlflow}`);
  } else if (detected === "MLFLOW") {
    findings.warnings.push(`${subject} has an MLmodel file; ${asMlflow}`);
  } else if (detected === "TRITON") {
    const asTriton = "registering it as Triton lets it be served without a scoring script";
    findings.warnings.push(`${subject} is laid out as a Triton model repository; ${asTriton}`);
  }
  return { ok: findings.errors.length === 0, ...findings };
}
