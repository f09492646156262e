import "server-only";
import sql, { join, raw, type Sql } from "sql-template-tag";
import { LIMITS, validateMaxResults } from "@/lib/mlflow/limits";
import type { ViewType } from "@/lib/mlflow/request-schema";
import { NUMERIC_OPS, STRING_LIST_OPS } from "@/lib/search/filter-ast";
import { parseFilter } from "@/lib/search/filter-parser";
import { parseOrderBy, type OrderByRules } from "@/lib/search/order-by";
import { decodePageToken, encodePageToken } from "@/lib/search/page-token";
import type { SearchRules } from "@/lib/search/search-rules";
import { and, col, compare, inList, page } from "@/lib/server/search/sql-builders";
import type { ExperimentData } from "@/lib/tracking-types";
import { hiddenKeys } from "@/lib/server/auth/guard";
import { store } from "@/lib/server/store";

/** experiments/search accepts name, timestamps and tags (SearchExperimentsUtils). */
const RULES: SearchRules = {
  name: "experiments",
  entities: ["attribute", "tag"],
  attributes: {
    name: { type: "string", ops: STRING_LIST_OPS },
    creation_time: { type: "numeric", ops: NUMERIC_OPS },
    last_update_time: { type: "numeric", ops: NUMERIC_OPS },
    experiment_id: { type: "string", ops: STRING_LIST_OPS },
  },
  aliases: {},
};
const ORDER: OrderByRules = { entities: ["attribute"], attributes: ["name", "experiment_id", "creation_time", "last_update_time"] };
const COLUMN: Record<string, string> = {
  name: "name",
  experiment_id: "id",
  creation_time: "creationTime",
  last_update_time: "lastUpdateTime",
};
const STAGES: Record<ViewType, string[]> = { ACTIVE_ONLY: ["active"], DELETED_ONLY: ["deleted"], ALL: ["active", "deleted"] };

export async function searchExperiments(input: {
  maxResults?: number;
  pageToken?: string;
  filter?: string;
  orderBy?: string[];
  viewType: ViewType;
}): Promise<{ experiments: ExperimentData[]; nextPageToken?: string }> {
  const limit = validateMaxResults(input.maxResults, LIMITS.searchExperimentsDefault, LIMITS.searchExperimentsMax);
  const offset = decodePageToken(input.pageToken);
  const where: Sql[] = [inList(col("e", "lifecycleStage"), STAGES[input.viewType])];
  for (const c of parseFilter(input.filter, RULES)) {
    if (c.entity === "tag") {
      // As everywhere in MLflow, a clause on a tag needs the tag: `!=` matches other values only.
      where.push(
        sql`EXISTS (SELECT 1 FROM "ExperimentTag" t WHERE t."experimentId" = e."id" AND t."key" = ${c.key} AND ${compare(col("t", "value"), c.op, c.value)})`,
      );
    } else if (c.key === "experiment_id") {
      // Ids are integers in the table and strings on the wire.
      const ids = (Array.isArray(c.value) ? c.value : [c.value]).map(Number).filter(Number.isSafeInteger);
      if (c.op === "=" || c.op === "IN") where.push(inList(col("e", "id"), ids));
      else if (c.op === "!=" || c.op === "NOT IN") where.push(sql`NOT (${inList(col("e", "id"), ids)})`);
      else where.push(compare(col("e", "id"), c.op, String(c.value)));
    } else {
      where.push(compare(col("e", COLUMN[c.key]!), c.op, c.value, c.key !== "name"));
    }
  }
  // Experiments the caller holds NO_PERMISSIONS on are not there for them.
  const hidden = [...(await hiddenKeys("experiment"))].map(Number);
  if (hidden.length) where.push(sql`NOT (${inList(col("e", "id"), hidden)})`);
  const order = parseOrderBy(input.orderBy, ORDER).map((o) => sql`${col("e", COLUMN[o.key]!)} ${raw(o.ascending ? "ASC" : "DESC")}`);
  if (order.length === 0) order.push(sql`e."creationTime" DESC`);
  order.push(sql`e."id" ASC`);
  const found = await store().read(({ tracking }) =>
    tracking.searchExperiments({ where: and(where), orderBy: join(order), page: page(limit + 1, offset) }),
  );
  return {
    experiments: found.slice(0, limit),
    ...(found.length > limit ? { nextPageToken: encodePageToken(offset + limit) } : {}),
  };
}
