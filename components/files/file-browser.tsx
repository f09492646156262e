"use client";
import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { ReactNode } from "react";
import { CopyField } from "@/components/copy-button";
import { formatBytes } from "@/lib/format";
import { FilePreview } from "./file-preview";
import { FileTree } from "./file-tree";
import { fetchListing, fileUrl, zipUrl, type FolderListing } from "./types";

type Props = {
  apiBase: string;
  /** URIs to show (with copy buttons) for a selected path, e.g. runs:/ and azureml://. */
  urisFor?: (path: string) => Record<string, string>;
  /** Actions for a selected folder (e.g. Register); shown beside the folder's summary. */
  folderActions?: (path: string, isModel: boolean) => ReactNode;
};

const parentOf = (p: string) => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : "");

/**
 * Outputs browser: a lazy tree on the left, the selected file or folder on the right. The
 * selection is in the URL (`?path=`) so a view of one file can be shared.
 */
export function FileBrowser({ apiBase, urisFor, folderActions }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const selected = params.get("path") ?? "";
  const select = (path: string) => {
    const sp = new URLSearchParams(params.toString());
    if (path) sp.set("path", path);
    else sp.delete("path");
    router.replace(`${pathname}?${sp}`, { scroll: false });
  };
  // The parent listing says whether the selection is a file or a folder, and its size.
  const parent = useQuery({
    queryKey: ["files", apiBase, parentOf(selected)],
    queryFn: () => fetchListing(apiBase, parentOf(selected)),
    enabled: !!selected,
  });
  const name = selected.slice(selected.lastIndexOf("/") + 1);
  const entry = parent.data?.entries.find((e) => e.path === name);
  const isDir = !selected || entry?.isDir === true;
  const folder = useQuery({
    queryKey: ["files", apiBase, selected],
    queryFn: () => fetchListing(apiBase, selected),
    enabled: isDir && (!selected || !!entry),
  });
  return (
    <div className="file-browser">
      <FileTree apiBase={apiBase} selected={selected} onSelect={(p) => select(p)} />
      <section className="file-detail" aria-live="polite" data-testid="file-detail">
        <h3 className="mono" style={{ marginTop: 0 }}>
          {selected || "/"}
        </h3>
        {selected && parent.isSuccess && !entry && <p className="error-box">This path does not exist (any more).</p>}
        {urisFor && (!selected || entry) && (
          <div className="uri-list">
            {Object.entries(urisFor(selected)).map(([label, uri]) => (
              <div key={label} className="copy-row small">
                <span className="muted" style={{ minWidth: 70 }}>
                  {label}
                </span>
                <CopyField value={uri} />
              </div>
            ))}
          </div>
        )}
        {isDir ? (
          <FolderDetail
            apiBase={apiBase}
            path={selected}
            listing={folder.data}
            error={folder.error?.message}
            folderActions={folderActions}
          />
        ) : entry ? (
          <>
            <p className="small">
              {formatBytes(entry.size)} · <a href={fileUrl(apiBase, selected, true)}>Download</a>
            </p>
            <FilePreview apiBase={apiBase} path={selected} size={entry.size} />
          </>
        ) : null}
      </section>
    </div>
  );
}

function FolderDetail({
  apiBase,
  path,
  listing,
  error,
  folderActions,
}: {
  apiBase: string;
  path: string;
  listing?: FolderListing;
  error?: string;
  folderActions?: Props["folderActions"];
}) {
  if (error) return <p className="error-box">{error}</p>;
  if (!listing) return <p className="muted">Loading…</p>;
  const files = listing.entries.filter((e) => !e.isDir).length;
  return (
    <>
      <div className="copy-row small" style={{ marginBottom: 8 }}>
        <span>
          {listing.entries.length} items ({files} files) · <a href={zipUrl(apiBase, path)}>Download folder as zip</a>
        </span>
        {path && listing.entries.length > 0 && folderActions?.(path, !!listing.model)}
      </div>
      {listing.model && (
        <div className="card model-card" data-testid="model-card">
          <span className="badge badge-accent">MLflow model</span>
          {listing.model.error ? (
            <p className="error-box">MLmodel cannot be read: {listing.model.error}</p>
          ) : (
            <dl className="kv">
              <dt>Flavors</dt>
              <dd>{listing.model.flavors.join(", ")}</dd>
              {listing.model.loaderModule && (
                <>
                  <dt>Loader</dt>
                  <dd className="mono">{listing.model.loaderModule}</dd>
                </>
              )}
              <dt>Signature</dt>
              <dd data-testid="signature-summary">{listing.model.signature}</dd>
              {listing.model.mlflowVersion && (
                <>
                  <dt>MLflow</dt>
                  <dd>{listing.model.mlflowVersion}</dd>
                </>
              )}
            </dl>
          )}
        </div>
      )}
    </>
  );
}
