import "server-only";
import sql from "sql-template-tag";
import { type FilterClause, IS_PROMPT_TAG_KEY } from "@/lib/search/filter-ast";
import type { Sql } from "./sql-builders";

/**
 * MLflow's prompt handling, shared by the registered-model and model-version searches
 * (store/model_registry/sqlalchemy_store.py `_is_querying_prompt`, `_update_query_to_exclude_prompts`).
 *
 * Prompts are registered models tagged `mlflow.prompt.is_prompt = 'true'`. Unless a filter asks
 * for prompts, MLflow drops every is_prompt clause from it and hides prompts. That is why the
 * client's suffix tag.`mlflow.prompt.is_prompt` != 'true' matches ordinary models (which have
 * no such tag), and why a search without any filter returns no prompts. Other tag keys get no
 * such treatment: `tags.k != 'v'` needs the tag to exist, as everywhere in MLflow.
 */
export interface PromptScope {
  /** True when the filter selects prompts: `= 'true'` or `!= 'false'` (value in any case). */
  queryingPrompts: boolean;
  /** The clauses left to compile: without the is_prompt clauses unless prompts are queried. */
  clauses: FilterClause[];
}

const isPromptClause = (c: FilterClause) => c.entity === "tag" && c.key === IS_PROMPT_TAG_KEY;

/** The first is_prompt clause decides, as in MLflow. */
export function promptScope(clauses: readonly FilterClause[]): PromptScope {
  const first = clauses.find(isPromptClause);
  const value = typeof first?.value === "string" ? first.value.toLowerCase() : "";
  const queryingPrompts = (first?.op === "=" && value === "true") || (first?.op === "!=" && value === "false");
  return { queryingPrompts, clauses: queryingPrompts ? [...clauses] : clauses.filter((c) => !isPromptClause(c)) };
}

/** Hides registered models tagged as prompts. */
export function notPromptModel(modelId: Sql): Sql {
  return sql`NOT EXISTS (SELECT 1 FROM "RegisteredModelTag" pt
    WHERE pt."registeredModelId" = ${modelId} AND pt."key" = ${IS_PROMPT_TAG_KEY} AND pt."value" = ${"true"})`;
}

/**
 * Hides versions of prompts. MLflow excludes by model name every model any of whose versions
 * carries the prompt tag, so one tagged version hides all versions of that model.
 */
export function notPromptVersion(registeredModelId: Sql): Sql {
  return sql`NOT EXISTS (SELECT 1 FROM "ModelVersionTag" pt
    JOIN "ModelVersion" pv ON pv."id" = pt."modelVersionId"
    WHERE pv."registeredModelId" = ${registeredModelId}
      AND pt."key" = ${IS_PROMPT_TAG_KEY} AND pt."value" = ${"true"})`;
}
