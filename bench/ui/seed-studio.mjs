// Seeds a studio database directly (rows, no HTTP): jobs with params and metrics, registered
// models with versions and tags. Going through the API would take longer than the benchmark.
import Database from "better-sqlite3";

const hex = (n, width = 32) => n.toString(16).padStart(width, "0");

export function seedStudio(dbPath, { jobs, models, versionsPerModel, experiments = 10 }) {
  const db = new Database(dbPath);
  db.pragma("journal_mode = WAL");
  const now = Date.now();
  const tx = db.transaction(() => {
    const exp = db.prepare(
      `INSERT INTO "Experiment" ("id","name","artifactLocation","lifecycleStage","creationTime","lastUpdateTime") VALUES (?,?,?,'active',?,?)`,
    );
    for (let e = 1; e <= experiments; e++) exp.run(e, `bench-exp-${e}`, `mlflow-artifacts:/${e}`, now, now);
    const run = db.prepare(
      `INSERT INTO "Run" ("id","experimentId","name","status","userId","startTime","endTime","lifecycleStage","artifactUri") VALUES (?,?,?,'FINISHED','bench',?,?,'active',?)`,
    );
    const param = db.prepare(`INSERT INTO "Param" ("runId","key","value") VALUES (?,?,?)`);
    const latest = db.prepare(`INSERT INTO "LatestMetric" ("runId","key","value","isNan","timestamp","step") VALUES (?,?,?,0,?,?)`);
    const metric = db.prepare(`INSERT INTO "Metric" ("runId","key","value","isNan","timestamp","step") VALUES (?,?,?,0,?,?)`);
    for (let i = 0; i < jobs; i++) {
      const id = hex(i + 1);
      const e = (i % experiments) + 1;
      run.run(id, e, `job-${String(i).padStart(6, "0")}`, now - i * 1000, now - i * 1000 + 500, `mlflow-artifacts:/${e}/${id}/artifacts`);
      for (let p = 0; p < 5; p++) param.run(id, `p${p}`, String((i * 7 + p) % 13));
      for (let m = 0; m < 5; m++) {
        const v = ((i * 31 + m * 17) % 1000) / 1000;
        latest.run(id, `m${m}`, v, now, 9);
        for (let s = 0; s < 10; s++) metric.run(id, `m${m}`, (v * (s + 1)) / 10, now - (10 - s) * 100, s);
      }
    }
    const rm = db.prepare(
      `INSERT INTO "RegisteredModel" ("id","name","description","modelType","lastVersion","creationTimestamp","lastUpdatedTimestamp") VALUES (?,?,?,?,?,?,?)`,
    );
    const rmTag = db.prepare(`INSERT INTO "RegisteredModelTag" ("registeredModelId","key","value") VALUES (?,?,?)`);
    const mv = db.prepare(
      `INSERT INTO "ModelVersion" ("registeredModelId","version","source","runId","modelType","status","storageLocation","description","currentStage","userId","creationTimestamp","lastUpdatedTimestamp") VALUES (?,?,?,?,?,'READY',?,'', 'None','bench',?,?)`,
    );
    for (let m = 1; m <= models; m++) {
      const type = ["MLFLOW", "CUSTOM", "TRITON"][m % 3];
      rm.run(
        m,
        `model-${String(m).padStart(5, "0")}`,
        `Model ${m} for the benchmark`,
        type,
        versionsPerModel,
        now - m * 1000,
        now - m * 1000,
      );
      rmTag.run(m, "team", `team-${m % 7}`);
      for (let v = 1; v <= versionsPerModel; v++) {
        const runId = hex(((m * versionsPerModel + v) % Math.max(jobs, 1)) + 1);
        mv.run(
          m,
          v,
          `runs:/${runId}/model`,
          runId,
          type,
          `mlflow-artifacts:/registry/${m}/${hex(v)}`,
          now - m * 1000 + v,
          now - m * 1000 + v,
        );
      }
    }
  });
  tx();
  db.exec("ANALYZE"); // statistics a used database would have
  db.close();
}
