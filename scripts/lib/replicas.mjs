// Several studio replicas behind one address: PostgreSQL for metadata, one object store for
// artifacts (Azurite by default), nginx round-robin in front. Used by the replica tests and the
// replica benchmark; the README's "Teams" section describes the same topology for production.
import { startNginx } from "./nginx.mjs";
import { startStudio } from "./server.mjs";

/**
 * Starts `count` studios sharing `databaseUrl` and the object store named in `storageEnv`, then
 * nginx in front. Returns { url, replicas, restart(i, extraEnv), stop() }.
 */
export async function startReplicas({ count = 3, databaseUrl, storageEnv, extraEnv = {} }) {
  const env = { DATABASE_URL: databaseUrl, ...storageEnv, ...extraEnv };
  const replicas = [];
  // One at a time: the first applies the migrations (the others find them applied).
  for (let i = 0; i < count; i++) replicas.push(await startStudio(env));
  const nginx = await startNginx(replicas.map((r) => `127.0.0.1:${r.port}`));
  return {
    url: nginx.url,
    replicas,
    env,
    /** Starts replica `i` again on its port (after a kill), with extra settings if given. */
    async restart(i, more = {}) {
      await replicas[i].kill();
      replicas[i] = await startStudio({ ...env, ...more }, { dataDir: replicas[i].dataDir, port: replicas[i].port });
      return replicas[i];
    },
    async stop() {
      await nginx.stop();
      for (const r of replicas) await r.stop();
    },
  };
}
