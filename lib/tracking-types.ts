/** Plain domain objects the data layer returns (numbers, not bigint; ms timestamps). */
export type KeyValue = { key: string; value: string };

export type ExperimentData = {
  id: number;
  name: string;
  artifactLocation: string;
  lifecycleStage: string;
  creationTime: number;
  lastUpdateTime: number;
  tags: KeyValue[];
};

export type MetricPoint = {
  key: string;
  value: number; // may be NaN or ±Infinity
  timestamp: number;
  step: number;
  runId?: string;
  modelId?: string | null;
  datasetName?: string | null;
  datasetDigest?: string | null;
};

export type RunInfoData = {
  id: string;
  experimentId: number;
  name: string;
  status: string;
  userId: string;
  startTime: number;
  endTime: number | null;
  artifactUri: string;
  lifecycleStage: string;
};

export type DatasetData = {
  name: string;
  digest: string;
  sourceType: string;
  source: string;
  schema: string | null;
  profile: string | null;
};

export type RunData = {
  info: RunInfoData;
  params: KeyValue[];
  tags: KeyValue[];
  metrics: MetricPoint[];
  datasetInputs: { tags: KeyValue[]; dataset: DatasetData }[];
  modelInputs: string[];
  modelOutputs: { modelId: string; step: number }[];
};

export type LoggedModelData = {
  id: string;
  experimentId: number;
  name: string;
  artifactLocation: string;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
  status: string;
  statusMessage: string | null;
  modelType: string | null;
  sourceRunId: string | null;
  tags: KeyValue[];
  params: KeyValue[];
  metrics: MetricPoint[];
};
