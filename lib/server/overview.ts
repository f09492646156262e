import "server-only";
import { store } from "@/lib/server/store";

export type StudioCounts = { experiments: number; jobs: number; models: number; versions: number };

export async function getStudioCounts(): Promise<StudioCounts> {
  return store().read(async ({ tracking, registry }) => ({ ...(await tracking.counts()), ...(await registry.counts()) }));
}

/** Whether anything exists yet (empty states): one indexed row lookup each, whatever the size. */
export async function hasAny(): Promise<{ jobs: boolean; models: boolean }> {
  return store().read(async ({ tracking, registry }) => ({ jobs: await tracking.hasRuns(), models: await registry.hasModels() }));
}
