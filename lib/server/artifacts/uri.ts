import "server-only";
import { normalizeArtifactPath } from "@/lib/artifact-path";
import { invalidParam } from "@/lib/errors";

/** `mlflow-artifacts:/<key>` (optionally with a host) → store key; other schemes are not ours. */
export function artifactUriToKey(uri: string): string {
  const m = /^mlflow-artifacts:(?:\/\/[^/]*)?\/*(.*)$/.exec(uri);
  if (!m) throw invalidParam(`Artifacts at '${uri}' are not in this studio's artifact store`);
  return normalizeArtifactPath(m[1]!);
}
