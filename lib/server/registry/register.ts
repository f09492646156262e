import "server-only";
import { db } from "@/lib/db";
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

const NUMBERING_RETRIES = 5;

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
  const existing = await db.registeredModel.findUnique({ where: { name }, select: { id: true } });
  if (!existing && !input.createModelIfMissing) throw notFound(`Registered Model with name=${name} not found`);
  const resolved = await resolveSource(input.source);
  const modelType = await checkType(resolved, input.modelType);
  if (input.runId && resolved.runId && input.runId !== resolved.runId) {
    throw invalidParam(`run_id '${input.runId}' does not match the source's job '${resolved.runId}'`);
  }
  if (input.runId && !resolved.runId && !(await db.run.findUnique({ where: { id: input.runId }, select: { id: true } }))) {
    throw notFound(`Run with id=${input.runId} not found`);
  }
  const now = BigInt(Date.now());
  const model =
    existing ??
    (await db.registeredModel.upsert({
      where: { name },
      create: { name, modelType, creationTimestamp: now, lastUpdatedTimestamp: now },
      update: {},
      select: { id: true },
    }));
  const upload = /^upload:([0-9a-f]{32})$/.exec(input.source.trim())?.[1];
  const snapshot = await createSnapshot(resolved.key, model.id).catch(async (e) => {
    if (!existing) await dropIfEmpty(model.id);
    throw e;
  });
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const version = await db.$transaction(async (tx) => {
          // The increment locks the model's row (PostgreSQL) / the database (SQLite) until commit.
          const { lastVersion } = await tx.registeredModel.update({
            where: { id: model.id },
            data: { lastVersion: { increment: 1 }, lastUpdatedTimestamp: BigInt(Date.now()) },
            select: { lastVersion: true },
          });
          await tx.modelVersion.create({
            data: {
              // An upload disappears once registered: its version's source is its own snapshot.
              registeredModelId: model.id, version: lastVersion, source: upload ? snapshot.location : input.source.trim(),
              runId: input.runId || resolved.runId, runLink: input.runLink || null, modelId: input.modelId || resolved.modelId,
              modelType, status: "READY", storageLocation: snapshot.location, sizeBytes: BigInt(snapshot.bytes),
              description: input.description ?? "", userId: input.userId ?? "",
              creationTimestamp: BigInt(Date.now()), lastUpdatedTimestamp: BigInt(Date.now()),
              tags: { create: [...new Map(tags.map((t) => [t.key, t.value]))].map(([key, value]) => ({ key, value })) },
            },
          });
          // A model's type is its first version's type (the MLflow API creates models untyped).
          if (lastVersion === 1) await tx.registeredModel.update({ where: { id: model.id }, data: { modelType } });
          injectFault("commit", input.description);
          return lastVersion;
        });
        // An uploaded folder has served its purpose once it is in registry storage.
        if (upload) await removeUpload(upload).catch(() => {});
        return await getModelVersionOrThrow(name, version);
      } catch (e) {
        // Two replicas can race on PostgreSQL's first read; the unique index catches it: retry.
        if ((e as { code?: string }).code === "P2002" && attempt < NUMBERING_RETRIES) continue;
        throw e;
      }
    }
  } catch (e) {
    await removeSnapshot(snapshot.location);
    if (!existing) await dropIfEmpty(model.id);
    throw e;
  }
}

/** A model this registration created is removed again if the registration failed. */
async function dropIfEmpty(registeredModelId: number) {
  await db.registeredModel.deleteMany({ where: { id: registeredModelId, lastVersion: 0 } });
}
