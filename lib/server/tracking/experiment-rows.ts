import "server-only";
import type { SyncSql } from "@/lib/server/sql/db";
import type { ExperimentData } from "@/lib/tracking-types";

type ExperimentRow = { id: number; name: string; artifactLocation: string; lifecycleStage: string; creationTime: number; lastUpdateTime: number };
const COLUMNS = `"id", "name", "artifactLocation", "lifecycleStage", "creationTime", "lastUpdateTime"`;

/** Experiments with their tags, in the order of `ids` (direct SQL, two statements). */
export function loadExperiments(sql: SyncSql, ids: number[]): ExperimentData[] {
  if (ids.length === 0) return [];
  const marks = ids.map(() => "?").join(", ");
  const rows = sql.all<ExperimentRow>(`SELECT ${COLUMNS} FROM "Experiment" WHERE "id" IN (${marks})`, ids);
  const tags = sql.all<{ experimentId: number; key: string; value: string }>(
    `SELECT "experimentId", "key", "value" FROM "ExperimentTag" WHERE "experimentId" IN (${marks})`, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [{
      id: r.id, name: r.name, artifactLocation: r.artifactLocation, lifecycleStage: r.lifecycleStage,
      creationTime: Number(r.creationTime), lastUpdateTime: Number(r.lastUpdateTime),
      tags: tags.filter((t) => t.experimentId === id).map(({ key, value }) => ({ key, value })),
    }];
  });
}

export function experimentIdByName(sql: SyncSql, name: string): number | null {
  return sql.get<{ id: number }>(`SELECT "id" FROM "Experiment" WHERE "name" = ?`, [name])?.id ?? null;
}
