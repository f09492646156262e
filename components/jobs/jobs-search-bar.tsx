"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { jobsHref, type JobsQuery } from "@/lib/jobs-query";

/** Name search plus MLflow's filter grammar; Enter applies both (the URL is the state). */
export function JobsSearchBar({ query, error }: { query: JobsQuery; error: string | null }) {
  const router = useRouter();
  const [q, setQ] = useState(query.q);
  const [filter, setFilter] = useState(query.filter);
  function submit(e: FormEvent) {
    e.preventDefault();
    router.push(jobsHref(query, { q, filter }));
  }
  return (
    <form onSubmit={submit} className="search-bar" role="search" aria-label="Search jobs">
      <input
        type="search"
        aria-label="Search by job name"
        placeholder="Search by name"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        style={{ width: 200 }}
      />
      <input
        type="text"
        aria-label="Filter"
        className="mono"
        placeholder="metrics.auc > 0.9 and params.max_depth = '7'"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        style={{ flex: 1, minWidth: 260 }}
        aria-invalid={!!error}
        aria-describedby={error ? "filter-error" : undefined}
      />
      <button type="submit" className="btn btn-primary">
        Search
      </button>
      {(query.q || query.filter) && (
        <button
          type="button"
          className="btn"
          onClick={() => {
            setQ("");
            setFilter("");
            router.push(jobsHref(query, { q: "", filter: "" }));
          }}
        >
          Clear
        </button>
      )}
      {error && (
        <p id="filter-error" role="alert" className="error-box" style={{ flexBasis: "100%" }}>
          {error}
        </p>
      )}
    </form>
  );
}
