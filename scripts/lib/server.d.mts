import type { ChildProcess } from "node:child_process";

export type StartedStudio = {
  url: string;
  port: number;
  dataDir: string;
  pid: number | undefined;
  child: ChildProcess;
  /** kill -9 */
  kill(): Promise<void>;
  stop(): Promise<void>;
};
export function freePort(): Promise<number>;
export function startStudio(extraEnv?: Record<string, string>, opts?: { dataDir?: string; port?: number }): Promise<StartedStudio>;
