/**
 * Registered model names and aliases, validated the same way in the API, the browser and the CLI.
 * Pure. Aliases follow MLflow (alphanumerics, `_`, `-`; not `latest`, not `v<digits>`); names
 * follow MLflow plus what keeps `models:/<name>/<version>` URIs unambiguous (no `/`).
 */
export const MAX_MODEL_NAME_LENGTH = 256;
export const MAX_ALIAS_LENGTH = 255;

export function modelNameProblem(name: unknown): string | null {
  if (typeof name !== "string" || name.trim() === "") return "Registered model name cannot be empty.";
  if (name !== name.trim()) return "Registered model name cannot start or end with spaces.";
  if (name.length > MAX_MODEL_NAME_LENGTH) return `Registered model name is longer than ${MAX_MODEL_NAME_LENGTH} characters.`;
  if (/[\u0000-\u001f\u007f]/.test(name)) return "Registered model name cannot contain control characters.";
  if (/[/\\]/.test(name)) return "Registered model name cannot contain '/' or '\\' (it must fit in models:/<name>/<version>).";
  return null;
}

export function aliasProblem(alias: unknown): string | null {
  if (typeof alias !== "string" || alias === "") return "Registered model alias name cannot be empty.";
  if (!/^[\w-]+$/.test(alias)) {
    return `Invalid alias name: '${alias}'. Names may only contain alphanumerics, underscores (_), and dashes (-).`;
  }
  if (alias.length > MAX_ALIAS_LENGTH) return `Registered model alias name is longer than ${MAX_ALIAS_LENGTH} characters.`;
  if (alias.toLowerCase() === "latest") return "'latest' alias name (case insensitive) is reserved.";
  if (/^[vV]\d+$/.test(alias)) return `Version alias name '${alias}' is reserved.`;
  return null;
}

export const MODEL_TYPES = ["MLFLOW", "CUSTOM", "TRITON"] as const;
export type ModelType = (typeof MODEL_TYPES)[number];
export const MODEL_TYPE_LABELS: Record<ModelType, string> = { MLFLOW: "MLflow", CUSTOM: "Custom", TRITON: "Triton" };
