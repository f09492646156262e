"use client";
import { useState } from "react";
import { formatBytes } from "@/lib/format";
import { fromDrop, fromFileList, type LocalFile, type UploadProgress } from "./upload-files";

type Props = { files: LocalFile[]; onFiles: (f: LocalFile[]) => void; progress: UploadProgress | null; onCancel: () => void };

/** Folder picker and drop zone; while uploading, a progress bar with Cancel. */
export function UploadPicker({ files, onFiles, progress, onCancel }: Props) {
  const [over, setOver] = useState(false);
  const total = files.reduce((n, f) => n + f.file.size, 0);
  if (progress) {
    const pct = progress.totalBytes ? Math.floor((progress.sentBytes / progress.totalBytes) * 100) : 100;
    return (
      <div className="field" data-testid="upload-progress">
        <progress value={progress.sentBytes} max={progress.totalBytes || 1} aria-label="Upload progress" style={{ width: "100%" }} />
        <span className="small">
          {pct}% · {formatBytes(progress.sentBytes)} of {formatBytes(progress.totalBytes)} · {progress.currentFile}
        </span>
        <button type="button" className="btn btn-sm btn-danger" onClick={onCancel}>
          Cancel upload
        </button>
      </div>
    );
  }
  return (
    <div
      className={`drop-zone${over ? " drop-over" : ""}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={async (e) => {
        e.preventDefault();
        setOver(false);
        onFiles(await fromDrop(e.dataTransfer.items));
      }}
      data-testid="drop-zone"
    >
      <p>Drop a model folder here, or choose one:</p>
      <div className="copy-row" style={{ justifyContent: "center" }}>
        <label className="btn btn-sm">
          Choose folder
          <input
            type="file"
            hidden
            multiple
            {...{ webkitdirectory: "" }}
            aria-label="Choose folder"
            onChange={(e) => e.target.files && onFiles(fromFileList(e.target.files))}
          />
        </label>
        <label className="btn btn-sm">
          Choose files
          <input
            type="file"
            hidden
            multiple
            aria-label="Choose files"
            onChange={(e) => e.target.files && onFiles(fromFileList(e.target.files))}
          />
        </label>
      </div>
      {files.length > 0 && (
        <p className="small" data-testid="upload-selection">
          {files.length} files, {formatBytes(total)}:{" "}
          {files
            .slice(0, 4)
            .map((f) => f.path)
            .join(", ")}
          {files.length > 4 ? "…" : ""}
        </p>
      )}
    </div>
  );
}
