import type { StartedStudio } from "./server.mjs";
export type Replicas = {
  url: string;
  replicas: StartedStudio[];
  env: Record<string, string>;
  restart(i: number, more?: Record<string, string>): Promise<StartedStudio>;
  stop(): Promise<void>;
};
export function startReplicas(opts: {
  count?: number;
  databaseUrl: string;
  storageEnv: Record<string, string>;
  extraEnv?: Record<string, string>;
}): Promise<Replicas>;
