/**
 * Parses MLflow `order_by` entries: strings like "metrics.rmse DESC" (runs, registry) and the
 * structured `{field_name, ascending, dataset_name, dataset_digest}` of logged-model search.
 * Pure; the SQL side adds the tie-breakers each search needs for stable paging.
 */
import { FilterError, type OrderByClause, formatOps, SEARCH_LIMITS } from "./filter-ast";
import { tokenize } from "./filter-tokenizer";
import { ENTITY_PREFIXES, LOGGED_MODELS_RULES, RUNS_RULES } from "./search-rules";

export interface OrderByRules {
  entities: readonly OrderByClause["entity"][];
  attributes: readonly string[];
  aliases?: Readonly<Record<string, string>>;
}

/** Runs order by any searchable attribute (plus `created`), metrics, params and tags. */
export const RUNS_ORDER_BY: OrderByRules = {
  entities: ["metric", "param", "tag", "attribute"],
  attributes: Object.keys(RUNS_RULES.attributes),
  aliases: RUNS_RULES.aliases,
};

/** MLflow's SQL store maps `timestamp` to last_updated_timestamp; creation_timestamp is from its file store. */
export const REGISTERED_MODELS_ORDER_BY: OrderByRules = {
  entities: ["attribute"],
  attributes: ["name", "creation_timestamp", "last_updated_timestamp"],
  aliases: { timestamp: "last_updated_timestamp" },
};

export const MODEL_VERSIONS_ORDER_BY: OrderByRules = {
  entities: ["attribute"],
  attributes: ["name", "version_number", "creation_timestamp", "last_updated_timestamp"],
};

function parseEntry(entry: string, rules: OrderByRules): OrderByClause {
  const unparsable = () => new FilterError(`Invalid order_by clause '${entry}'. Could not be parsed.`);
  let tokens: ReturnType<typeof tokenize>;
  try {
    tokens = tokenize(entry);
  } catch {
    throw unparsable();
  }
  const [id, dir] = tokens;
  if (tokens.length === 0 || tokens.length > 2 || id.kind !== "ident") throw unparsable();
  let ascending = true;
  if (dir) {
    const word = dir.kind === "ident" && dir.prefix === null && dir.quote === null ? dir.key.toLowerCase() : "";
    if (word !== "asc" && word !== "desc") throw new FilterError(`Invalid ordering key in order_by clause '${entry}'.`);
    ascending = word === "asc";
  }
  const entity = id.prefix === null ? "attribute" : ENTITY_PREFIXES[id.prefix];
  if (!entity) {
    const valid = rules.entities.map((e) => `'${e}'`).join(", ");
    throw new FilterError(`Invalid entity type '${id.prefix}'. Valid values are [${valid}]`);
  }
  if (entity === "dataset" || !rules.entities.includes(entity)) {
    throw new FilterError(`Invalid order_by entity type '${id.prefix}'`);
  }
  if (entity !== "attribute") return { entity, key: id.key, ascending };
  const key = rules.aliases?.[id.key] ?? id.key;
  if (!rules.attributes.includes(key)) {
    const valid = formatOps(rules.attributes);
    throw new FilterError(`Invalid order by key '${id.key}' specified. Valid keys are '${valid}'`);
  }
  return { entity, key, ascending };
}

/** Parses every entry; a field named twice is an error, as in MLflow's SQL stores. */
function checkOrderByCount(n: number): void {
  if (n > SEARCH_LIMITS.orderBy) throw new FilterError(`order_by has ${n} entries; at most ${SEARCH_LIMITS.orderBy} are allowed`);
}

export function parseOrderBy(entries: readonly string[] | null | undefined, rules: OrderByRules): OrderByClause[] {
  const list = entries ?? [];
  checkOrderByCount(list.length);
  const parsed = list.map((e) => parseEntry(e, rules));
  const seen = new Set<string>();
  for (const { entity, key } of parsed) {
    const id = `${entity}\u0000${key}`;
    if (seen.has(id)) {
      throw new FilterError(`\`order_by\` contains duplicate fields: [${list.map((e) => `'${e}'`).join(", ")}]`);
    }
    seen.add(id);
  }
  return parsed;
}

export interface LoggedModelOrderByInput {
  fieldName: string;
  ascending?: boolean;
  datasetName?: string;
  datasetDigest?: string;
}

export interface LoggedModelOrderBy {
  entity: "attribute" | "metric";
  key: string;
  ascending: boolean;
  datasetName?: string;
  datasetDigest?: string;
}

/** Logged models order by an attribute or `metrics.<key>` (optionally on one dataset) only. */
export function parseLoggedModelsOrderBy(entries: readonly LoggedModelOrderByInput[] | null | undefined): LoggedModelOrderBy[] {
  checkOrderByCount(entries?.length ?? 0);
  return (entries ?? []).map((ob) => {
    const field = typeof ob?.fieldName === "string" ? ob.fieldName.trim() : "";
    if (!field) throw new FilterError("`field_name` in the `order_by` clause must be specified.");
    const ascending = ob.ascending ?? true;
    if (typeof ascending !== "boolean") {
      throw new FilterError(
        `Value of \`ascending\` in the \`order_by\` clause must be a boolean, got ${typeof ascending} for field ${field}.`,
      );
    }
    const datasetName = ob.datasetName || undefined;
    const datasetDigest = ob.datasetDigest || undefined;
    if (datasetDigest && !datasetName) {
      throw new FilterError("`dataset_digest` can only be specified if `dataset_name` is also specified.");
    }
    const dot = field.indexOf(".");
    if (dot >= 0) {
      const entity = field.slice(0, dot);
      const key = field.slice(dot + 1).replace(/^`(.*)`$/, "$1");
      if (entity !== "metrics" || !key) {
        throw new FilterError(`Invalid order by field name: ${entity}, only \`metrics.<name>\` is allowed.`);
      }
      return { entity: "metric", key, ascending, datasetName, datasetDigest };
    }
    const key = LOGGED_MODELS_RULES.aliases[field] ?? field;
    if (!(key in LOGGED_MODELS_RULES.attributes)) throw new FilterError(`Invalid order by field name: ${field}.`);
    return { entity: "attribute", key, ascending };
  });
}
