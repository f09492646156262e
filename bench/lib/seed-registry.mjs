// Writes a model registry straight into a server's database before the server starts: 100k
// versions through the REST API would take the reference most of an hour. Every database gets the
// same rows: models model-00000…, 10 versions each, one tag per model and per version, status
// READY, a unique run id per version. Nothing reads the artifact files, so locations are dummies.
// The rows are described once per schema (the studio's, the reference's) and written by one of
// two writers: SQLite (better-sqlite3, one transaction of prepared inserts) or PostgreSQL (`pg`,
// multi-row INSERT … SELECT FROM unnest($1::type[], …) in chunks, one transaction). Both end with
// ANALYZE: the servers would have statistics after real use; give them the same.
import { spawnSync } from "node:child_process";
import Database from "better-sqlite3";
import pg from "pg";
import { psycopg2Url } from "./peers.mjs";

export const VERSIONS_PER_MODEL = 10;
export const modelName = (i) => `model-${String(i).padStart(5, "0")}`;
export const runId = (i, v) => `${String(i).padStart(8, "0")}${String(v).padStart(4, "0")}`.padEnd(32, "a");
const T0 = 1_700_000_000_000;
const source = (run) => `mlflow-artifacts:/1/${run}/artifacts/model`;
const LOCATION = "mlflow-artifacts:/registry/x";

/** Calls model(i, name, t) and version(i, v, name, runId, t) for every row, in insert order. */
function eachRow(models, { model, version }) {
  for (let i = 0; i < models; i++) {
    const t = T0 + i * 1000;
    model(i, modelName(i), t);
    for (let v = 1; v <= VERSIONS_PER_MODEL; v++) version(i, v, modelName(i), runId(i, v), t + v);
  }
}

/**
 * The tables to fill, in insert order (foreign keys), each { table, columns, rows }, plus the
 * SERIAL columns given explicit ids (PostgreSQL's sequences must be moved past them).
 */
function studioRows(models) {
  const t = {
    model: {
      table: "RegisteredModel",
      columns: ["id", "name", "description", "modelType", "lastVersion", "creationTimestamp", "lastUpdatedTimestamp"],
      rows: [],
    },
    modelTag: { table: "RegisteredModelTag", columns: ["registeredModelId", "key", "value"], rows: [] },
    version: {
      table: "ModelVersion",
      columns: [
        "id",
        "registeredModelId",
        "version",
        "source",
        "runId",
        "status",
        "storageLocation",
        "creationTimestamp",
        "lastUpdatedTimestamp",
      ],
      rows: [],
    },
    versionTag: { table: "ModelVersionTag", columns: ["modelVersionId", "key", "value"], rows: [] },
  };
  let vid = 0;
  eachRow(models, {
    model: (i, name, ts) => {
      t.model.rows.push([i + 1, name, "", "MLFLOW", VERSIONS_PER_MODEL, ts, ts + VERSIONS_PER_MODEL]);
      t.modelTag.rows.push([i + 1, "team", `team-${i % 7}`]);
    },
    version: (i, ver, _name, run, ts) => {
      t.version.rows.push([++vid, i + 1, ver, source(run), run, "READY", LOCATION, ts, ts]);
      t.versionTag.rows.push([vid, "stage", ver % 2 ? "dev" : "prod"]);
    },
  });
  return {
    tables: [t.model, t.modelTag, t.version, t.versionTag],
    serials: [
      ["RegisteredModel", "id"],
      ["ModelVersion", "id"],
    ],
  };
}

/** The reference's schema (`mlflow db upgrade`, the same migrations its first start runs). */
function referenceRows(models) {
  const t = {
    model: { table: "registered_models", columns: ["name", "creation_time", "last_updated_time", "description", "workspace"], rows: [] },
    modelTag: { table: "registered_model_tags", columns: ["key", "value", "name", "workspace"], rows: [] },
    version: {
      table: "model_versions",
      columns: [
        "name",
        "version",
        "creation_time",
        "last_updated_time",
        "description",
        "user_id",
        "current_stage",
        "source",
        "run_id",
        "status",
        "status_message",
        "run_link",
        "storage_location",
        "workspace",
      ],
      rows: [],
    },
    versionTag: { table: "model_version_tags", columns: ["key", "value", "name", "version", "workspace"], rows: [] },
  };
  eachRow(models, {
    model: (i, name, ts) => {
      t.model.rows.push([name, ts, ts + VERSIONS_PER_MODEL, "", "default"]);
      t.modelTag.rows.push(["team", `team-${i % 7}`, name, "default"]);
    },
    version: (_i, ver, name, run, ts) => {
      t.version.rows.push([name, ver, ts, ts, "", "", "None", source(run), run, "READY", "", "", LOCATION, "default"]);
      t.versionTag.rows.push(["stage", ver % 2 ? "dev" : "prod", name, ver, "default"]);
    },
  });
  return { tables: [t.model, t.modelTag, t.version, t.versionTag], serials: [] };
}

const q = (id) => `"${id}"`;

function writeSqlite(file, { tables }) {
  const db = new Database(file);
  db.pragma("journal_mode = WAL"); // what both servers use at run time; also fast to bulk-load
  const inserts = tables.map((t) =>
    db.prepare(`INSERT INTO ${q(t.table)} (${t.columns.map(q).join(", ")}) VALUES (${t.columns.map(() => "?").join(", ")})`),
  );
  db.transaction(() => {
    tables.forEach((t, k) => {
      for (const row of t.rows) inserts[k].run(...row);
    });
  })();
  db.exec("ANALYZE");
  db.close();
}

const CHUNK = 20_000; // rows per INSERT: one array parameter per column, so no bind-parameter limit

async function writePostgres(url, { tables, serials }) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    for (const t of tables) {
      // Each column's array is cast to the column's own type (int4[], int8[], varchar[], text[]…).
      const { rows: types } = await client.query(
        "SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1",
        [t.table],
      );
      const udt = Object.fromEntries(types.map((r) => [r.column_name, r.udt_name]));
      const missing = t.columns.filter((c) => !udt[c]);
      if (missing.length) throw new Error(`${t.table} has no column(s) ${missing.join(", ")}`);
      const sql = `INSERT INTO ${q(t.table)} (${t.columns.map(q).join(", ")}) SELECT * FROM unnest(${t.columns.map((c, k) => `$${k + 1}::${udt[c]}[]`).join(", ")})`;
      for (let at = 0; at < t.rows.length; at += CHUNK) {
        const chunk = t.rows.slice(at, at + CHUNK);
        await client.query(
          sql,
          t.columns.map((_, k) => chunk.map((row) => row[k])),
        );
      }
    }
    for (const [table, column] of serials)
      await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), (SELECT max(${q(column)}) FROM ${q(table)}))`, [q(table), column]);
    await client.query("COMMIT");
    await client.query("ANALYZE");
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    await client.end();
  }
}

/** The studio's schema; the database must already be migrated: `target` is the SQLite file
 * (after `prisma migrate deploy`) or a postgresql:// URL (after scripts/lib/pg-migrate.mjs). */
export async function seedStudio(target, models) {
  const rows = studioRows(models);
  if (/^postgres(ql)?:\/\//.test(target)) await writePostgres(target, rows);
  else writeSqlite(target, rows);
}

/** The reference's schema, created first by `mlflow db upgrade <uri>`: `target` is a SQLite file
 * path or a postgresql:// URL (psycopg2 is in the reference's venv). */
export async function seedReference(target, models, mlflowBin) {
  const pgUrl = /^postgres(ql)?:\/\//.test(target);
  const res = spawnSync(mlflowBin, ["db", "upgrade", pgUrl ? psycopg2Url(target) : `sqlite:///${target}`], { encoding: "utf8" });
  if (res.status !== 0) throw new Error(`mlflow db upgrade failed: ${res.stderr.slice(-500)}`);
  const rows = referenceRows(models);
  if (pgUrl) await writePostgres(target, rows);
  else writeSqlite(target, rows);
}
