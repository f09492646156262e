import "server-only";
import type { Need } from "@/lib/auth/permissions";
import { requireCreate, requireOn, requireSignedIn, type ResourceType } from "@/lib/server/auth/guard";
import { experimentByName, experimentOfLoggedModel, experimentOfRun, field } from "@/lib/server/auth/resources";

type Input = Record<string, unknown>;

/**
 * What each MLflow route needs, as MLflow's basic auth decides it (READ reads, EDIT changes,
 * MANAGE deletes), plus two rules of the studio's roles: creating experiments and registered
 * models takes an editor (or a grant on the model's name), and searches are for anyone signed in,
 * with what they may not see left out by the services. Every route in the table must have a rule
 * here: the dispatcher refuses to start otherwise, and the auth matrix test walks this table.
 */
export type Access =
  | { rule: "public" }
  | { rule: "signed-in" }
  | { rule: "create"; type: ResourceType; name?: (input: Input) => string | null }
  | { rule: "need"; need: Need; type: ResourceType; keys: (input: Input) => Promise<string[]> | string[] };

const one = (v: string | null) => (v ? [v] : []);
const exp = (need: Need, keys: (input: Input) => Promise<string[]> | string[]): Access => ({
  rule: "need",
  need,
  type: "experiment",
  keys,
});
const byExperimentId = (need: Need) => exp(need, (i) => one(field.experimentId(i)));
const byRun = (need: Need) => exp(need, async (i) => one(await experimentOfRun(field.runId(i))));
const byLoggedModel = (need: Need) => exp(need, async (i) => one(await experimentOfLoggedModel(String(i.model_id ?? ""))));
const byModelName = (need: Need): Access => ({ rule: "need", need, type: "registered_model", keys: (i) => one(field.name(i)) });

export const mlflowAccess: Record<string, Access> = {
  "GET server-info": { rule: "public" },

  "POST experiments/create": { rule: "create", type: "experiment" },
  "GET experiments/get": byExperimentId("read"),
  "GET experiments/get-by-name": exp("read", async (i) => one(await experimentByName(String(i.experiment_name ?? "")))),
  "POST experiments/search": { rule: "signed-in" },
  "GET experiments/search": { rule: "signed-in" },
  "POST experiments/update": byExperimentId("update"),
  "POST experiments/delete": byExperimentId("delete"),
  "POST experiments/restore": byExperimentId("delete"),
  "POST experiments/set-experiment-tag": byExperimentId("update"),
  "POST experiments/delete-experiment-tag": byExperimentId("update"),

  "POST runs/create": exp("update", (i) => [field.experimentId(i) ?? "0"]),
  "GET runs/get": byRun("read"),
  "POST runs/update": byRun("update"),
  "POST runs/delete": byRun("delete"),
  "POST runs/restore": byRun("delete"),
  "POST runs/log-metric": byRun("update"),
  "POST runs/log-parameter": byRun("update"),
  "POST runs/set-tag": byRun("update"),
  "POST runs/delete-tag": byRun("update"),
  "POST runs/log-batch": byRun("update"),
  "POST runs/log-inputs": byRun("update"),
  "POST runs/outputs": byRun("update"),
  "POST runs/log-model": byRun("update"),
  "POST runs/search": exp("read", field.experimentIds),
  "GET runs/search": exp("read", field.experimentIds),
  "GET metrics/get-history": byRun("read"),

  "POST logged-models": byExperimentId("update"),
  "GET logged-models/:model_id": byLoggedModel("read"),
  "PATCH logged-models/:model_id": byLoggedModel("update"),
  "DELETE logged-models/:model_id": byLoggedModel("delete"),
  "PATCH logged-models/:model_id/tags": byLoggedModel("update"),
  "DELETE logged-models/:model_id/tags/:tag_key": byLoggedModel("delete"),
  "POST logged-models/:model_id/params": byLoggedModel("update"),
  "POST logged-models/search": exp("read", field.experimentIds),

  "POST registered-models/create": { rule: "create", type: "registered_model", name: field.name },
  "GET registered-models/get": byModelName("read"),
  "POST registered-models/rename": byModelName("update"),
  "PATCH registered-models/update": byModelName("update"),
  "DELETE registered-models/delete": byModelName("delete"),
  "GET registered-models/search": { rule: "signed-in" },
  "POST registered-models/search": { rule: "signed-in" },
  "POST registered-models/set-tag": byModelName("update"),
  "DELETE registered-models/delete-tag": byModelName("delete"),
  "POST registered-models/alias": byModelName("update"),
  "DELETE registered-models/alias": byModelName("delete"),
  "GET registered-models/alias": byModelName("read"),
  "POST registered-models/get-latest-versions": byModelName("read"),
  "GET registered-models/get-latest-versions": byModelName("read"),

  "POST model-versions/create": byModelName("update"),
  "GET model-versions/get": byModelName("read"),
  "PATCH model-versions/update": byModelName("update"),
  "DELETE model-versions/delete": byModelName("delete"),
  "GET model-versions/search": { rule: "signed-in" },
  "POST model-versions/search": { rule: "signed-in" },
  "POST model-versions/set-tag": byModelName("update"),
  "DELETE model-versions/delete-tag": byModelName("delete"),
  "GET model-versions/get-download-uri": byModelName("read"),
  "POST model-versions/transition-stage": byModelName("update"),

  // MLflow's auth API: the services decide (admins; yourself; MANAGE on the resource).
  "POST users/create": { rule: "signed-in" },
  "GET users/get": { rule: "signed-in" },
  "PATCH users/update-password": { rule: "signed-in" },
  "PATCH users/update-admin": { rule: "signed-in" },
  "DELETE users/delete": { rule: "signed-in" },
  "POST experiments/permissions/create": byExperimentId("manage"),
  "GET experiments/permissions/get": byExperimentId("manage"),
  "PATCH experiments/permissions/update": byExperimentId("manage"),
  "DELETE experiments/permissions/delete": byExperimentId("manage"),
  "POST registered-models/permissions/create": byModelName("manage"),
  "GET registered-models/permissions/get": byModelName("manage"),
  "PATCH registered-models/permissions/update": byModelName("manage"),
  "DELETE registered-models/permissions/delete": byModelName("manage"),
};

/** Runs a route's rule against the request's principal: 401 for anonymous, 403 when not allowed. */
export async function authorize(access: Access, input: Input): Promise<void> {
  if (access.rule === "public") return;
  const p = requireSignedIn();
  if (p.kind === "local") return;
  if (access.rule === "signed-in") return;
  if (access.rule === "create") return requireCreate(access.type, access.name?.(input) ?? null, p);
  for (const key of await access.keys(input)) await requireOn(access.type, key, access.need, p);
}
