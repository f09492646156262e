/**
 * The parts of a Triton `config.pbtxt` (ModelConfig in triton-inference-server/common
 * model_config.proto) worth showing: name, platform/backend, batching, tensors, instances.
 * Pure and never throws; a config Triton would refuse still shows what can be read, with warnings.
 */
import { type PbMessage, type PbValue, parsePbtxt } from "./pbtxt";

export { validateTritonLayout } from "./triton-layout";
export type { TritonLayoutResult } from "./triton-layout";

export interface TritonTensorConfig {
  name: string | null;
  /** TYPE_FP32, TYPE_UINT8, TYPE_STRING, … */
  dataType: string | null;
  /** Without the batch dimension when maxBatchSize > 0; -1 is a variable size. */
  dims: number[];
  /** `reshape { shape: [...] }`: the shape the model itself sees. */
  reshape: number[] | null;
  /** FORMAT_NCHW / FORMAT_NHWC for image inputs. */
  format: string | null;
  optional: boolean;
}

export interface TritonInstanceGroup {
  name: string | null;
  count: number;
  /** KIND_GPU, KIND_CPU, KIND_MODEL, or KIND_AUTO when not written. */
  kind: string;
  gpus: number[];
}

export interface TritonModelConfig {
  name: string | null;
  /** e.g. onnxruntime_onnx, tensorrt_plan, pytorch_libtorch, tensorflow_savedmodel, ensemble. */
  platform: string | null;
  /** e.g. onnxruntime, tensorrt, python, pytorch. */
  backend: string | null;
  /** 0 (the default) means the model does not batch. */
  maxBatchSize: number;
  inputs: TritonTensorConfig[];
  outputs: TritonTensorConfig[];
  instanceGroups: TritonInstanceGroup[];
  dynamicBatching: boolean;
  /** `parameters { key: "K" value { string_value: "V" } }` entries. */
  parameters: Record<string, string>;
  raw: PbMessage;
}

export type TritonConfigResult =
  | { ok: true; config: TritonModelConfig; warnings: string[] }
  | { ok: false; error: { message: string; line: number; column?: number } };

const MODEL_CONFIG_FIELDS = new Set([
  ...["name", "platform", "backend", "runtime", "version_policy", "max_batch_size", "input", "output", "batch_input"],
  ...["batch_output", "optimization", "dynamic_batching", "sequence_batching", "ensemble_scheduling", "instance_group"],
  ...["default_model_filename", "cc_model_filenames", "metric_tags", "parameters", "model_warmup", "model_operations"],
  ...["model_transaction_policy", "model_repository_agents", "response_cache", "model_metrics"],
]);
const DATA_TYPES = new Set(
  "BOOL UINT8 UINT16 UINT32 UINT64 INT8 INT16 INT32 INT64 FP16 FP32 FP64 STRING BF16".split(" ").map((t) => `TYPE_${t}`),
);

const first = (m: PbMessage, field: string): PbValue | undefined => m.get(field)?.[0];
const text = (m: PbMessage, field: string): string | null => {
  const v = first(m, field);
  return v?.kind === "string" || v?.kind === "ident" ? v.value : null;
};
const num = (m: PbMessage, field: string): number | null => {
  const v = first(m, field);
  return v?.kind === "number" ? v.value : null;
};
const nums = (m: PbMessage | undefined, field: string): number[] =>
  (m?.get(field) ?? []).flatMap((v) => (v.kind === "number" ? [v.value] : []));
const messages = (m: PbMessage, field: string): PbMessage[] =>
  (m.get(field) ?? []).flatMap((v) => (v.kind === "message" ? [v.message] : []));

function tensor(m: PbMessage, where: string, warnings: string[]): TritonTensorConfig {
  const name = text(m, "name");
  const label = `${where} ${name ?? "(unnamed)"}`;
  const dataType = text(m, "data_type");
  if (!name) warnings.push(`${where}: an entry has no name`);
  if (!dataType) warnings.push(`${label}: no data_type`);
  else if (!DATA_TYPES.has(dataType)) warnings.push(`${label}: unknown data_type ${dataType}`);
  if (!m.has("dims")) warnings.push(`${label}: no dims`);
  const reshape = first(m, "reshape");
  return {
    name,
    dataType,
    dims: nums(m, "dims"),
    reshape: reshape?.kind === "message" ? nums(reshape.message, "shape") : null,
    format: text(m, "format"),
    optional: text(m, "optional") === "true",
  };
}

function parameters(m: PbMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of messages(m, "parameters")) {
    const key = text(entry, "key");
    const value = first(entry, "value");
    if (key !== null && value?.kind === "message") out[key] = text(value.message, "string_value") ?? "";
  }
  return out;
}

export function parseTritonConfig(source: string): TritonConfigResult {
  const parsed = parsePbtxt(source, { maxChars: 512_000 });
  if (!parsed.ok) return { ok: false, error: { ...parsed.error, message: `config.pbtxt: ${parsed.error.message}` } };
  const m = parsed.message;
  const warnings: string[] = [];
  for (const field of m.keys()) {
    // Triton rejects unknown fields, so `inputs` for `input` stops the model from loading.
    if (!MODEL_CONFIG_FIELDS.has(field)) warnings.push(`unknown field '${field}': Triton will refuse this config`);
  }
  const platform = text(m, "platform");
  const backend = text(m, "backend");
  if (!platform && !backend) warnings.push("neither platform nor backend is set; Triton can only guess it from the model file");
  const maxBatchSize = num(m, "max_batch_size") ?? 0;
  if (maxBatchSize < 0 || !Number.isInteger(maxBatchSize)) {
    warnings.push(`max_batch_size should be 0 or a positive integer; got ${maxBatchSize}`);
  }
  const instanceGroups = messages(m, "instance_group").map((g) => ({
    name: text(g, "name"),
    count: num(g, "count") ?? 1,
    kind: text(g, "kind") ?? "KIND_AUTO",
    gpus: nums(g, "gpus"),
  }));
  const config: TritonModelConfig = {
    name: text(m, "name"),
    platform,
    backend,
    maxBatchSize,
    inputs: messages(m, "input").map((t) => tensor(t, "input", warnings)),
    outputs: messages(m, "output").map((t) => tensor(t, "output", warnings)),
    instanceGroups,
    dynamicBatching: m.has("dynamic_batching"),
    parameters: parameters(m),
    raw: m,
  };
  return { ok: true, config, warnings };
}
