"use client";
import { useQuery } from "@tanstack/react-query";
import Papa from "papaparse";
import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { formatBytes } from "@/lib/format";
import { PREVIEW_LIMITS, previewKind } from "@/lib/preview-kind";
import { fileUrl } from "./types";

type Head = { text: string; total: number; truncated: boolean };

/** Fetches only the first bytes of a file (Range), so a huge file never loads into the page. */
async function fetchHead(url: string, limit: number): Promise<Head> {
  const res = await fetch(url, { headers: { range: `bytes=0-${limit - 1}` } });
  if (res.status === 416) return { text: "", total: 0, truncated: false }; // empty file
  if (!res.ok && res.status !== 206) {
    const body = await res.json().catch(() => ({}));
    throw new Error(body.message ?? `Could not read the file (HTTP ${res.status})`);
  }
  const total = Number(/\/(\d+)$/.exec(res.headers.get("content-range") ?? "")?.[1] ?? res.headers.get("content-length") ?? 0);
  const text = await res.text(); // bounded: the Range above asks for at most `limit` bytes
  return { text, total, truncated: total > limit };
}

export function FilePreview({ apiBase, path, size }: { apiBase: string; path: string; size?: number }) {
  const kind = previewKind(path);
  const url = fileUrl(apiBase, path);
  const q = useQuery({
    queryKey: ["file-head", apiBase, path],
    queryFn: () => fetchHead(url, PREVIEW_LIMITS.textBytes),
    enabled: kind !== "image" && kind !== "none",
  });
  if (kind === "none") return <p className="muted">No preview for this file type. Download it to open it.</p>;
  if (kind === "image") {
    if (size !== undefined && size > PREVIEW_LIMITS.imageBytes)
      return <p className="muted">This image is {formatBytes(size)}: download it to view.</p>;
    return <img src={url} alt={path} className="preview-image" />;
  }
  if (q.isPending) return <p className="muted">Loading preview…</p>;
  if (q.isError) return <p className="error-box">{q.error.message}</p>;
  const { text, total, truncated } = q.data;
  const note = truncated && (
    <p className="muted small" data-testid="preview-truncated">
      Showing the first {formatBytes(PREVIEW_LIMITS.textBytes)} of {formatBytes(total)}. Download the file to see all of it.
    </p>
  );
  if (kind === "csv")
    return (
      <>
        {note}
        <CsvTable text={text} tsv={path.toLowerCase().endsWith(".tsv")} truncated={truncated} />
      </>
    );
  if (kind === "markdown")
    return (
      <>
        {note}
        <div className="markdown">
          <ReactMarkdown remarkPlugins={[remarkGfm]}>{text}</ReactMarkdown>
        </div>
      </>
    );
  let shown = text;
  if (kind === "json" && !truncated) {
    try {
      shown = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      // not JSON after all (e.g. JSON lines): show it as it is
    }
  }
  return (
    <>
      {note}
      <pre className="preview-text" data-testid="preview-text">
        {shown}
      </pre>
    </>
  );
}

function CsvTable({ text, tsv, truncated }: { text: string; tsv: boolean; truncated: boolean }) {
  // A cut-off file ends mid-row: drop the partial last line.
  const body = truncated ? text.slice(0, text.lastIndexOf("\n")) : text;
  const parsed = Papa.parse<string[]>(body, { delimiter: tsv ? "\t" : "", skipEmptyLines: true, preview: PREVIEW_LIMITS.csvRows + 1 });
  const [header, ...rows] = parsed.data;
  if (!header) return <p className="muted">Empty file.</p>;
  return (
    <div className="table-scroll">
      <table className="table" data-testid="csv-preview">
        <thead>
          <tr>
            {header.map((h, i) => (
              <th key={i}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length >= PREVIEW_LIMITS.csvRows && <p className="muted small">First {PREVIEW_LIMITS.csvRows} rows.</p>}
    </div>
  );
}
