"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { MODEL_SORTS, modelsHref, type ModelsQuery } from "@/lib/models-query";

/** Name search, tag chips (key=value), the registry filter grammar and sort; all in the URL. */
export function ModelsSearchBar({ query, error }: { query: ModelsQuery; error: string | null }) {
  const router = useRouter();
  const [q, setQ] = useState(query.q);
  const [tag, setTag] = useState("");
  const [filter, setFilter] = useState(query.filter);
  const [tagError, setTagError] = useState<string | null>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    let tags = query.tags;
    if (tag.trim()) {
      if (!/^[^=]+=.*$/.test(tag.trim())) {
        setTagError("Write tag filters as key=value");
        return;
      }
      tags = [...tags, tag.trim()];
    }
    setTagError(null);
    setTag("");
    router.push(modelsHref(query, { q, filter, tags }));
  }
  return (
    <>
      <form onSubmit={submit} className="search-bar" role="search" aria-label="Search models">
        <input
          type="search"
          aria-label="Search by model name"
          placeholder="Search by name"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: 200 }}
        />
        <input
          aria-label="Filter by tag"
          placeholder="tag: key=value"
          value={tag}
          onChange={(e) => setTag(e.target.value)}
          style={{ width: 170 }}
        />
        <input
          aria-label="Filter"
          className="mono"
          placeholder="name LIKE 'diabetes%'"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          style={{ flex: 1, minWidth: 200 }}
          aria-invalid={!!error}
        />
        <select aria-label="Sort" value={query.sort} onChange={(e) => router.push(modelsHref(query, { sort: e.target.value }))}>
          {MODEL_SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
        <button type="submit" className="btn btn-primary">
          Search
        </button>
      </form>
      {query.tags.length > 0 && (
        <ul className="tag-list" aria-label="Tag filters">
          {query.tags.map((t) => (
            <li key={t} className="tag-chip" data-testid="tag-filter-chip">
              <span className="mono">{t}</span>
              <Link
                href={modelsHref(query, { tags: query.tags.filter((x) => x !== t) })}
                className="icon-btn"
                aria-label={`Remove filter ${t}`}
              >
                ×
              </Link>
            </li>
          ))}
        </ul>
      )}
      {(error || tagError) && (
        <p role="alert" id="models-filter-error" className="error-box">
          {error ?? tagError}
        </p>
      )}
    </>
  );
}
