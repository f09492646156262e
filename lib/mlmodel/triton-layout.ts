/**
 * Checks a folder against the layout Triton (and Azure ML's triton_model type) loads: either a
 * model repository, `<model>/config.pbtxt` with numbered version folders (`<model>/1/model.onnx`),
 * or one model, `config.pbtxt` at the root with version folders beside it. Works on relative paths
 * only; a path ending in "/" stands for a folder (so an ensemble's empty `1/` can be listed).
 */
export interface TritonLayoutResult {
  ok: boolean;
  layout: "repository" | "single-model" | null;
  /** Model folder names; for a single model, `rootName` (default "."). */
  modelNames: string[];
  errors: string[];
  warnings: string[];
}

/** Cleans a file list: "/" separators, no leading "./" or "/", no empty segments; keeps a trailing "/". */
export function normalizeFileList(files: readonly string[]): string[] {
  return files.flatMap((file) => {
    if (typeof file !== "string") return [];
    const segments = file
      .replace(/\\/g, "/")
      .split("/")
      .filter((s) => s !== "" && s !== ".");
    if (segments.length === 0) return [];
    return [segments.join("/") + (/[\\/]$/.test(file) ? "/" : "")];
  });
}

// Triton ignores version folders that are not positive integers without leading zeros.
const VERSION = /^[1-9][0-9]*$/;

function checkModel(paths: string[], prefix: string, errors: string[], warnings: string[]): void {
  const versions = new Set<string>();
  const ignored = new Set<string>();
  for (const path of paths) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length).split("/");
    if (rest.length < 2) continue; // a file directly in the model folder
    if (VERSION.test(rest[0])) versions.add(rest[0]);
    else if (/^\d+$/.test(rest[0])) ignored.add(rest[0]);
  }
  for (const name of ignored) {
    warnings.push(`Triton ignores the version folder ${prefix}${name}/: versions are numbers from 1 without leading zeros`);
  }
  if (versions.size === 0) {
    const where = prefix === "" ? "beside config.pbtxt" : `in ${prefix}`;
    errors.push(`No version folder ${where}: put the model file in a numbered folder, e.g. ${prefix}1/model.onnx`);
  }
}

export function validateTritonLayout(files: readonly string[], options: { rootName?: string } = {}): TritonLayoutResult {
  const paths = normalizeFileList(files);
  const errors: string[] = [];
  const warnings: string[] = [];
  const configs = paths.filter((p) => p === "config.pbtxt" || p.endsWith("/config.pbtxt"));
  const depth = (p: string) => p.split("/").length;
  const modelConfigs = configs.filter((p) => depth(p) === 2);

  if (configs.includes("config.pbtxt")) {
    if (modelConfigs.length > 0) {
      const where = modelConfigs.join(", ");
      errors.push(`config.pbtxt is at the root and also in ${where}: use either one model at the root or one folder per model`);
    }
    checkModel(paths, "", errors, warnings);
    return { ok: errors.length === 0, layout: "single-model", modelNames: [options.rootName ?? "."], errors, warnings };
  }

  const modelNames = modelConfigs.map((p) => p.split("/")[0]).sort();
  for (const name of modelNames) checkModel(paths, `${name}/`, errors, warnings);
  // A numbered folder in a top-level folder without config.pbtxt is a model missing its config.
  const withVersions = new Set(paths.filter((p) => depth(p) >= 3 && VERSION.test(p.split("/")[1])).map((p) => p.split("/")[0]));
  for (const name of withVersions) {
    if (!modelNames.includes(name)) errors.push(`${name}/ has version folders but no ${name}/config.pbtxt`);
  }

  const deeper = configs.filter((p) => depth(p) > 2);
  if (modelNames.length === 0) {
    if (deeper.length > 0) {
      const parent = deeper[0].split("/").slice(0, -2).join("/");
      const hint = `Triton expects <model>/config.pbtxt at the top; register ${parent}/ instead`;
      errors.push(`Found ${deeper[0]}, one folder too deep: ${hint}`);
    } else if (withVersions.size === 0) {
      errors.push("No config.pbtxt found: a Triton model needs <model>/config.pbtxt and version folders such as <model>/1/model.onnx");
    }
  } else if (deeper.length > 0) warnings.push(`Ignored, too deep to be a model: ${deeper.join(", ")}`);

  const found = modelNames.length > 0;
  return { ok: errors.length === 0 && found, layout: found ? "repository" : null, modelNames, errors, warnings };
}
