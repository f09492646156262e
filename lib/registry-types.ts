import type { KeyValue } from "@/lib/tracking-types";

/** Plain registry objects the data layer returns (numbers, not bigint; ms timestamps). */
export type ModelVersionData = {
  id: number;
  name: string;
  version: number;
  source: string;
  runId: string | null;
  runLink: string | null;
  modelId: string | null;
  modelType: string;
  status: string;
  statusMessage: string | null;
  storageLocation: string | null;
  sizeBytes: number | null;
  description: string;
  currentStage: string;
  userId: string;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
  tags: KeyValue[];
  aliases: string[];
};

export type RegisteredModelData = {
  id: number;
  name: string;
  description: string;
  modelType: string;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
  tags: KeyValue[];
  aliases: { alias: string; version: number }[];
  /** The newest version in each stage (MLflow's `latest_versions`). */
  latestVersions: ModelVersionData[];
};
