/**
 * What each MLflow search accepts in its filter: entities, attribute keys (with aliases) and the
 * comparators per key. Transcribed from mlflow/utils/search_utils.py (SearchUtils,
 * SearchModelUtils, SearchModelVersionUtils) and utils/search_logged_model_utils.py. Where MLflow
 * is stricter for no semantic reason (e.g. `<>`), this accepts a superset; comments mark those.
 */
import { type FilterEntity, type FilterOp, NUMERIC_OPS, STRING_LIST_OPS, STRING_OPS } from "./filter-ast";

export interface AttributeRule {
  type: "string" | "numeric";
  ops: readonly FilterOp[];
}

export interface SearchRules {
  /** Used in messages, e.g. "runs". */
  name: string;
  entities: readonly FilterEntity[];
  attributes: Readonly<Record<string, AttributeRule>>;
  /** Alternative attribute names → canonical key. */
  aliases: Readonly<Record<string, string>>;
  /** Model versions compare `version_number = '3'` like a number (MLflow lets the DB coerce). */
  numericStrings?: boolean;
}

/** Every prefix MLflow recognises (SearchUtils._VALID_IDENTIFIERS), case-sensitive as in MLflow. */
export const ENTITY_PREFIXES: Readonly<Record<string, FilterEntity>> = {
  metric: "metric",
  metrics: "metric",
  param: "param",
  params: "param",
  parameter: "param",
  parameters: "param",
  tag: "tag",
  tags: "tag",
  attribute: "attribute",
  attributes: "attribute",
  attr: "attribute",
  run: "attribute",
  dataset: "dataset",
  datasets: "dataset",
};

const str = (ops: readonly FilterOp[] = STRING_OPS): AttributeRule => ({ type: "string", ops });
const num: AttributeRule = { type: "numeric", ops: NUMERIC_OPS };

/**
 * Runs. MLflow only lets `run_id` take an IN list and does not list lifecycle_stage as searchable;
 * both are accepted here for every string attribute (a superset, same meaning).
 */
export const RUNS_RULES: SearchRules = {
  name: "runs",
  entities: ["metric", "param", "tag", "attribute", "dataset"],
  attributes: {
    run_id: str(STRING_LIST_OPS),
    run_name: str(STRING_LIST_OPS),
    status: str(STRING_LIST_OPS),
    user_id: str(STRING_LIST_OPS),
    artifact_uri: str(STRING_LIST_OPS),
    lifecycle_stage: str(STRING_LIST_OPS),
    start_time: num,
    end_time: num,
  },
  aliases: {
    created: "start_time",
    Created: "start_time",
    "run name": "run_name",
    "Run name": "run_name",
    "Run Name": "run_name",
  },
};

/** Keys of `datasets.<key>` in runs search (context = the input tag `mlflow.data.context`). */
export const DATASET_KEYS = ["name", "digest", "context"] as const;

/** Logged models: any string attribute takes IN / NOT IN (SearchLoggedModelsUtils allows lists). */
export const LOGGED_MODELS_RULES: SearchRules = {
  name: "logged models",
  entities: ["metric", "param", "tag", "attribute"],
  attributes: {
    name: str(STRING_LIST_OPS),
    model_id: str(STRING_LIST_OPS),
    model_type: str(STRING_LIST_OPS),
    status: str(STRING_LIST_OPS),
    source_run_id: str(STRING_LIST_OPS),
    experiment_id: str(STRING_LIST_OPS),
    creation_timestamp: num,
    last_updated_timestamp: num,
  },
  aliases: { creation_time: "creation_timestamp", last_updated_time: "last_updated_timestamp" },
};

/**
 * Registered models: only `name` and tags. SearchModelUtils lists creation/last_updated timestamps
 * as numeric but its parser rejects them as keys, so they are not filterable in MLflow either.
 */
export const REGISTERED_MODELS_RULES: SearchRules = {
  name: "registered models",
  entities: ["attribute", "tag"],
  attributes: { name: str() },
  aliases: {},
};

/** Model versions: IN for run_id and (MLflow 3 servers) name; no NOT IN (SearchModelVersionUtils). */
export const MODEL_VERSIONS_RULES: SearchRules = {
  name: "model versions",
  entities: ["attribute", "tag"],
  attributes: {
    name: str([...STRING_OPS, "IN"]),
    run_id: str([...STRING_OPS, "IN"]),
    source_path: str(),
    version_number: num,
  },
  aliases: {},
  numericStrings: true,
};
