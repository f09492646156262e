"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatBytes } from "@/lib/format";
import { fetchListing, joinPath, type FileEntry } from "./types";

type Props = { apiBase: string; selected: string; onSelect: (path: string, isDir: boolean) => void };

/** A lazily loaded folder tree: each folder's children are fetched when it is first opened. */
export function FileTree({ apiBase, selected, onSelect }: Props) {
  return (
    <div role="tree" aria-label="Files" className="file-tree" data-testid="file-tree">
      <Folder apiBase={apiBase} path="" depth={0} selected={selected} onSelect={onSelect} />
    </div>
  );
}

function Folder({ apiBase, path, depth, selected, onSelect }: Props & { path: string; depth: number }) {
  const q = useQuery({ queryKey: ["files", apiBase, path], queryFn: () => fetchListing(apiBase, path) });
  if (q.isPending)
    return (
      <div className="muted small" style={{ paddingLeft: depth * 14 + 8 }}>
        Loading…
      </div>
    );
  if (q.isError)
    return (
      <div className="field-error" style={{ paddingLeft: depth * 14 + 8 }}>
        {q.error.message}
      </div>
    );
  if (q.data.entries.length === 0 && depth === 0) return <div className="muted small">No files.</div>;
  return (
    <ul role="group" className="tree-group">
      {q.data.entries.map((e) => (
        <Node
          key={e.path}
          entry={e}
          apiBase={apiBase}
          path={joinPath(path, e.path)}
          depth={depth}
          selected={selected}
          onSelect={onSelect}
        />
      ))}
    </ul>
  );
}

function Node({ entry, apiBase, path, depth, selected, onSelect }: Props & { entry: FileEntry; path: string; depth: number }) {
  const [open, setOpen] = useState(false);
  const isSelected = selected === path;
  return (
    <li role="treeitem" aria-expanded={entry.isDir ? open : undefined} aria-selected={isSelected}>
      <button
        type="button"
        className={`tree-row${isSelected ? " tree-row-selected" : ""}`}
        style={{ paddingLeft: depth * 14 + 6 }}
        onClick={() => {
          if (entry.isDir) setOpen(!open || !isSelected);
          onSelect(path, entry.isDir);
        }}
        onKeyDown={(e) => {
          if (!entry.isDir) return;
          if (e.key === "ArrowRight") setOpen(true);
          if (e.key === "ArrowLeft") setOpen(false);
        }}
        data-path={path}
      >
        <span aria-hidden className="tree-icon">
          {entry.isDir ? (open ? "▾" : "▸") : "·"}
        </span>
        <span className="tree-name">{entry.path}</span>
        {entry.loggedModelId && <span className="badge badge-accent">model</span>}
        {!entry.isDir && <span className="muted small">{formatBytes(entry.size)}</span>}
      </button>
      {entry.isDir && open && <Folder apiBase={apiBase} path={path} depth={depth + 1} selected={selected} onSelect={onSelect} />}
    </li>
  );
}
