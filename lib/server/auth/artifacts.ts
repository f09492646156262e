import "server-only";
import type { Need } from "@/lib/auth/permissions";
import { REGISTRY_PREFIX } from "@/lib/server/registry/snapshot";
import { permissionDenied, requireOn, requireSignedIn } from "./guard";
import { modelNameById } from "./resources";

/**
 * Artifact keys carry their owner: `<experiment id>/…` (a job's outputs, as MLflow lays them out)
 * or `registry/<model id>/…` (a registered version's snapshot). Reading needs READ on the
 * owner, writing EDIT, deleting MANAGE, as MLflow's auth decides for its artifact proxy. Keys
 * outside both (an experiment created with a custom artifact location) are for editors.
 */
export async function authorizeArtifact(key: string, need: Need): Promise<void> {
  const p = requireSignedIn();
  if (p.kind !== "user") return;
  const [top, second] = key.split("/");
  if (top && /^\d+$/.test(top)) return requireOn("experiment", top, need, p);
  if (top === REGISTRY_PREFIX && second && /^\d+$/.test(second)) {
    const name = await modelNameById(Number(second));
    if (name !== null) return requireOn("registered_model", name, need, p);
  }
  if (need !== "read" && p.role === "reader") throw permissionDenied("readers may not write artifacts");
}

export const needForMethod = (method: string): Need =>
  method === "GET" || method === "HEAD" ? "read" : method === "DELETE" ? "delete" : "update";
