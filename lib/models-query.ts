/**
 * The Models page's URL state: name search, tag chips, filter grammar, sort, page. Pure, shared by
 * the page (server) and its controls (client) so links keep the rest of the view.
 */
export type ModelsQuery = { q: string; tags: string[]; filter: string; sort: string; page: string; size: number };

export const MODEL_SORTS = [
  { value: "", label: "Last modified" },
  { value: "name ASC", label: "Name A→Z" },
  { value: "name DESC", label: "Name Z→A" },
  { value: "creation_timestamp DESC", label: "Newest" },
] as const;

type Params = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const all = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function parseModelsQuery(p: Params): ModelsQuery {
  const size = Number(first(p.size));
  const sort = first(p.sort);
  return {
    q: first(p.q).slice(0, 200),
    tags: all(p.tag)
      .filter((t) => t.includes("=") && t.length <= 600)
      .slice(0, 10),
    filter: first(p.filter).slice(0, 2000),
    sort: MODEL_SORTS.some((s) => s.value === sort) ? sort : "",
    page: first(p.page).slice(0, 200),
    size: [25, 50, 100].includes(size) ? size : 25,
  };
}

export function modelsHref(q: ModelsQuery, change: Partial<ModelsQuery> = {}): string {
  const next = { ...q, page: "", ...change };
  const sp = new URLSearchParams();
  if (next.q) sp.set("q", next.q);
  for (const t of next.tags) sp.append("tag", t);
  if (next.filter) sp.set("filter", next.filter);
  if (next.sort) sp.set("sort", next.sort);
  if (next.size !== 25) sp.set("size", String(next.size));
  if (next.page) sp.set("page", next.page);
  const s = sp.toString();
  return s ? `/models?${s}` : "/models";
}

/** A string literal for the filter grammar; quotes picked so the value never needs escaping. */
function literal(v: string): string {
  const clean = v.includes("'") && v.includes('"') ? v.replace(/["']/g, "") : v;
  return clean.includes("'") ? `"${clean}"` : `'${clean}'`;
}

/** Search box + tag chips + free filter, as one registry filter string. */
export function modelsFilter(q: ModelsQuery): string {
  const parts: string[] = [];
  if (q.q.trim()) parts.push(`name ILIKE ${literal(`%${q.q.trim()}%`)}`);
  for (const chip of q.tags) {
    const i = chip.indexOf("=");
    parts.push(`tags.\`${chip.slice(0, i).replace(/`/g, "")}\` = ${literal(chip.slice(i + 1))}`);
  }
  if (q.filter.trim()) parts.push(q.filter.trim());
  return parts.join(" AND ");
}
