import "server-only";
import { invalidParam, notFound } from "@/lib/errors";
import type { ModelType } from "@/lib/mlmodel/detect-model-type";
import type { ModelVersionData } from "@/lib/registry-types";
import type { KeyValue } from "@/lib/tracking-types";
import { injectFault } from "@/lib/server/fault-injection";
import { checkTypes } from "./inspect";
import { checkModelName, checkRegistryTag } from "./models";
import { resolveSource, type ResolvedSource } from "./resolve-source";
import { createSnapshot, removeSnapshot } from "./snapshot";
import { removeUpload } from "./uploads";
import { grantCreator } from "@/lib/server/auth/accounts";
import { recordAudit } from "@/lib/server/auth/audit";
import { requireCreate, requireOn } from "@/lib/server/auth/guard";
import { currentPrincipal } from "@/lib/server/auth/principal";
import { authorizeArtifact } from "@/lib/server/auth/artifacts";
import { store } from "@/lib/server/store";
import { getModelVersionOrThrow } from "./versions";

export type RegisterInput = {
  name: string;
  source: string;
  /** MLFLOW / CUSTOM / TRITON; detected from the files when absent. */
  modelType?: ModelType;
  description?: string;
  tags?: KeyValue[];
  runId?: string;
  modelId?: string;
  runLink?: string;
  userId?: string;
  /** The MLflow API requires the model to exist; the browser and CLI create it on first use. */
  createModelIfMissing: boolean;
};

async function checkType(resolved: ResolvedSource, requested: ModelType | undefined): Promise<ModelType> {
  const { detected, checks } = await checkTypes(resolved);
  const type = requested ?? detected;
  if (!checks[type].ok) throw invalidParam(`Cannot register ${resolved.label} as ${type}: ${checks[type].errors.join("; ")}`);
  return type;
}

/**
 * The one registration path (MLflow API, browser, CLI): resolve the source, check it exists and
 * fits the type, snapshot its files into registry storage, then — in one short transaction — take
 * the next version number and insert the version as READY. Numbers are gap-free because the
 * counter only moves in a transaction that also inserts the row; a failure at any step removes
 * the snapshot, so nothing is left half-registered.
 */
export async function registerModelVersion(input: RegisterInput): Promise<ModelVersionData> {
  const name = checkModelName(input.name);
  const tags = (input.tags ?? []).map(checkRegistryTag);
  const existing = await store().read(({ registry }) => registry.getModelRow(name));
  if (!existing && !input.createModelIfMissing) throw notFound(`Registered Model with name=${name} not found`);
  if (existing) await requireOn("registered_model", name, "update");
  else await requireCreate("registered_model", name);
  const resolved = await resolveSource(input.source);
  // Registering copies the source's files: the caller must be able to read them (a job's outputs,
  // or another model's version), by the same rule the artifact proxy applies to their key.
  await authorizeArtifact(resolved.key, "read");
  const modelType = await checkType(resolved, input.modelType);
  if (input.runId && resolved.runId && input.runId !== resolved.runId) {
    throw invalidParam(`run_id '${input.runId}' does not match the source's job '${resolved.runId}'`);
  }
  if (input.runId && !resolved.runId && !(await store().read(({ tracking }) => tracking.getRunInfo(input.runId!)))) {
    throw notFound(`Run with id=${input.runId} not found`);
  }
  // The browser and CLI create the model on first use; two of them racing share one model.
  const modelId =
    existing?.id ??
    (await store().write(async ({ registry, auth }) => {
      const created = await registry.insertRegisteredModel({ name, description: "", modelType, tags: [], now: Date.now() });
      if (created !== null) {
        await grantCreator(auth, "registered_model", name);
        await recordAudit(auth, "create_model", "registered_model", name, { modelType });
      }
      return created ?? (await registry.getModelRow(name))!.id;
    }));
  const upload = /^upload:([0-9a-f]{32})$/.exec(input.source.trim())?.[1];
  const snapshot = await createSnapshot(resolved.key, modelId).catch(async (e) => {
    if (!existing) await dropIfEmpty(modelId);
    throw e;
  });
  try {
    const principal = currentPrincipal();
    const userId = input.userId || (principal.kind === "user" ? principal.username : "");
    const version = await store().write(async ({ registry, auth }) => {
      const now = Date.now();
      const number = await registry.takeNextVersion(modelId, now);
      await registry.insertVersion(number, {
        // An upload disappears once registered: its version's source is its own snapshot.
        registeredModelId: modelId,
        source: upload ? snapshot.location : input.source.trim(),
        runId: input.runId || resolved.runId,
        runLink: input.runLink || null,
        modelId: input.modelId || resolved.modelId,
        modelType,
        storageLocation: snapshot.location,
        sizeBytes: snapshot.bytes,
        description: input.description ?? "",
        userId,
        tags,
        now,
      });
      // A model's type is its first version's type (the MLflow API creates models untyped).
      if (number === 1) await registry.setModelType(modelId, modelType);
      await recordAudit(auth, "create_version", "registered_model", name, { version: number, source: input.source.trim(), modelType });
      injectFault("commit", input.description);
      return number;
    });
    // An uploaded folder has served its purpose once it is in registry storage.
    if (upload) await removeUpload(upload).catch(() => {});
    return await getModelVersionOrThrow(name, version);
  } catch (e) {
    await removeSnapshot(snapshot.location);
    if (!existing) await dropIfEmpty(modelId);
    throw e;
  }
}

/** A model this registration created is removed again if the registration failed. */
async function dropIfEmpty(registeredModelId: number) {
  await store().write(({ registry }) => registry.deleteModelIfEmpty(registeredModelId));
}
