// Writes a model registry straight into a server's SQLite file before the server starts: 100k
// versions through the REST API would take the reference most of an hour. Both databases get the
// same rows: models model-00000…, 10 versions each, one tag per model and per version, status
// READY, a unique run id per version. Nothing reads the artifact files, so locations are dummies.
import { spawnSync } from "node:child_process";
import Database from "better-sqlite3";

export const VERSIONS_PER_MODEL = 10;
export const modelName = (i) => `model-${String(i).padStart(5, "0")}`;
export const runId = (i, v) => `${String(i).padStart(8, "0")}${String(v).padStart(4, "0")}`.padEnd(32, "a");
const T0 = 1_700_000_000_000;

/** Opens `file`, lets `prepare(db)` build the two row writers, inserts everything in one transaction. */
function fill(file, models, prepare) {
  const db = new Database(file);
  db.pragma("journal_mode = WAL"); // what both servers use at run time; also fast to bulk-load
  const { model, version } = prepare(db);
  db.transaction(() => {
    for (let i = 0; i < models; i++) {
      const t = T0 + i * 1000;
      model(i, modelName(i), t);
      for (let v = 1; v <= VERSIONS_PER_MODEL; v++) version(i, v, modelName(i), runId(i, v), t + v);
    }
  })();
  db.exec("ANALYZE"); // both servers would have statistics after real use; give them the same
  db.close();
}

/** The studio's Prisma schema (prisma/schema.prisma); the file must already be migrated. */
export function seedStudio(file, models) {
  let vid = 0;
  fill(file, models, (db) => {
    const m = db.prepare(
      `INSERT INTO "RegisteredModel" (id, name, description, modelType, lastVersion, creationTimestamp, lastUpdatedTimestamp) VALUES (?, ?, '', 'MLFLOW', ?, ?, ?)`,
    );
    const mt = db.prepare(`INSERT INTO "RegisteredModelTag" (registeredModelId, key, value) VALUES (?, 'team', ?)`);
    const v = db.prepare(
      `INSERT INTO "ModelVersion" (id, registeredModelId, version, source, runId, status, storageLocation, creationTimestamp, lastUpdatedTimestamp) VALUES (?, ?, ?, ?, ?, 'READY', 'mlflow-artifacts:/registry/x', ?, ?)`,
    );
    const vt = db.prepare(`INSERT INTO "ModelVersionTag" (modelVersionId, key, value) VALUES (?, 'stage', ?)`);
    return {
      model: (i, name, t) => {
        m.run(i + 1, name, VERSIONS_PER_MODEL, t, t + VERSIONS_PER_MODEL);
        mt.run(i + 1, `team-${i % 7}`);
      },
      version: (i, ver, _name, run, t) => {
        v.run(++vid, i + 1, ver, `mlflow-artifacts:/1/${run}/artifacts/model`, run, t, t);
        vt.run(vid, ver % 2 ? "dev" : "prod");
      },
    };
  });
}

/** The reference's schema, created by `mlflow db upgrade` (the same migrations its first start runs). */
export function seedReference(file, models, mlflowBin) {
  const res = spawnSync(mlflowBin, ["db", "upgrade", `sqlite:///${file}`], { encoding: "utf8" });
  if (res.status !== 0) throw new Error(`mlflow db upgrade failed: ${res.stderr.slice(-500)}`);
  fill(file, models, (db) => {
    const m = db.prepare(
      `INSERT INTO registered_models (name, creation_time, last_updated_time, description, workspace) VALUES (?, ?, ?, '', 'default')`,
    );
    const mt = db.prepare(`INSERT INTO registered_model_tags (key, value, name, workspace) VALUES ('team', ?, ?, 'default')`);
    const v = db.prepare(
      `INSERT INTO model_versions (name, version, creation_time, last_updated_time, description, user_id, current_stage, source, run_id, status, status_message, run_link, storage_location, workspace) VALUES (?, ?, ?, ?, '', '', 'None', ?, ?, 'READY', '', '', 'mlflow-artifacts:/registry/x', 'default')`,
    );
    const vt = db.prepare(`INSERT INTO model_version_tags (key, value, name, version, workspace) VALUES ('stage', ?, ?, ?, 'default')`);
    return {
      model: (i, name, t) => {
        m.run(name, t, t + VERSIONS_PER_MODEL);
        mt.run(`team-${i % 7}`, name);
      },
      version: (_i, ver, name, run, t) => {
        v.run(name, ver, t, t, `mlflow-artifacts:/1/${run}/artifacts/model`, run);
        vt.run(ver % 2 ? "dev" : "prod", name, ver);
      },
    };
  });
}
