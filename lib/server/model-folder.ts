import "server-only";
import { parseMLmodel } from "@/lib/mlmodel/parse-mlmodel";
import { signatureSummary } from "@/lib/mlmodel/signature";
import { artifactStore, type ArtifactEntry } from "@/lib/server/artifact-store";

import type { ModelFolderSummary } from "@/lib/model-folder-summary";

/** If a folder holds an `MLmodel` file, what kind of model it is (flavors, signature), for the UI. */
export async function describeModelFolder(key: string, entries: ArtifactEntry[]): Promise<ModelFolderSummary | null> {
  if (!entries.some((e) => !e.isDir && e.path === "MLmodel")) return null;
  const text = await artifactStore.readText(`${key}/MLmodel`, 1024 * 1024);
  const parsed = parseMLmodel(text?.text ?? "", text?.size);
  if (!parsed.ok) {
    const where = parsed.error.line ? ` (line ${parsed.error.line})` : "";
    return {
      flavors: [],
      loaderModule: null,
      mlflowVersion: null,
      signature: "unreadable",
      hasInputExample: false,
      error: parsed.error.message + where,
    };
  }
  const m = parsed.model;
  return {
    flavors: Object.keys(m.flavors),
    loaderModule: m.pyfunc?.loaderModule ?? null,
    mlflowVersion: m.mlflowVersion,
    signature: signatureSummary(m.signature),
    hasInputExample: entries.some((e) => e.path === "input_example.json" || e.path === "serving_input_example.json"),
    error: null,
  };
}
