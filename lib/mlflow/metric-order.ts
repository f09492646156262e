/** MLflow's metric ordering, shared by the write path and its tests. Pure. */
export type MetricInput = {
  key: string;
  value: number;
  timestamp: number;
  step: number;
  modelId?: string | null;
  datasetName?: string | null;
  datasetDigest?: string | null;
};

/** True when `a` is "later" than `b`: higher step, then timestamp, then value (NaN lowest). */
export function isLater(a: MetricInput, b: MetricInput): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  if (Number.isNaN(a.value)) return false;
  if (Number.isNaN(b.value)) return true;
  return a.value > b.value;
}

export function latestPerKey(metrics: MetricInput[]): MetricInput[] {
  const best = new Map<string, MetricInput>();
  for (const m of metrics) {
    const cur = best.get(m.key);
    if (!cur || isLater(m, cur)) best.set(m.key, m);
  }
  return [...best.values()];
}
