/**
 * The Jobs list's URL state, parsed and serialized in one place so every link (sort headers,
 * paging, experiment picker, column chooser) keeps the rest of the view. Pure.
 */
export type JobsQuery = {
  experiments: string[];
  q: string;
  filter: string;
  sort: string; // MLflow order_by, e.g. "metrics.rmse DESC"; "" = newest first
  page: string; // page token
  size: number;
  cols: string[]; // "metrics.<key>" / "params.<key>"
};

export const PAGE_SIZES = [25, 50, 100] as const;

type Params = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const all = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function parseJobsQuery(p: Params): JobsQuery {
  const size = Number(first(p.size));
  return {
    experiments: all(p.experiment).filter((id) => /^\d+$/.test(id)),
    q: first(p.q).slice(0, 200),
    filter: first(p.filter).slice(0, 2000),
    sort: first(p.sort).slice(0, 300),
    page: first(p.page).slice(0, 200),
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : 25,
    cols: first(p.cols)
      .split(",")
      .map((c) => c.trim())
      .filter((c) => /^(metrics|params)\./.test(c))
      .slice(0, 20),
  };
}

/** URL for the Jobs list with some fields changed; paging resets unless `page` is given. */
export function jobsHref(q: JobsQuery, change: Partial<JobsQuery> = {}): string {
  const next = { ...q, page: "", ...change };
  const sp = new URLSearchParams();
  for (const id of next.experiments) sp.append("experiment", id);
  if (next.q) sp.set("q", next.q);
  if (next.filter) sp.set("filter", next.filter);
  if (next.sort) sp.set("sort", next.sort);
  if (next.cols.length) sp.set("cols", next.cols.join(","));
  if (next.size !== 25) sp.set("size", String(next.size));
  if (next.page) sp.set("page", next.page);
  const s = sp.toString();
  return s ? `/jobs?${s}` : "/jobs";
}

/** The name search box as a filter clause (quotes chosen so the text never needs escaping). */
export function nameClause(text: string): string | null {
  const t = text.trim();
  if (!t) return null;
  const clean = t.includes("'") && t.includes('"') ? t.replace(/["']/g, "") : t;
  const quote = clean.includes("'") ? '"' : "'";
  return `attributes.run_name ILIKE ${quote}%${clean}%${quote}`;
}

export function combinedFilter(q: JobsQuery): string {
  return [nameClause(q.q), q.filter.trim() || null].filter(Boolean).join(" AND ");
}

/** Toggles a sort: none → DESC → ASC → none, for a column key like "metrics.rmse". */
export function nextSort(current: string, key: string): string {
  const [k, dir] = current.split(/\s+/);
  if (k !== key) return `${key} DESC`;
  return dir?.toUpperCase() === "DESC" ? `${key} ASC` : "";
}
