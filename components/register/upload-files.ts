/**
 * Uploads a local folder for registration: one upload, then each file streamed with a PUT (XHR,
 * for byte-level progress). Cancelling aborts the request in flight and deletes the upload, so
 * nothing is left on the server.
 */
export type LocalFile = { file: File; path: string };
export type UploadProgress = { sentBytes: number; totalBytes: number; currentFile: string };

function putFile(url: string, file: File, onBytes: (n: number) => void, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    xhr.upload.onprogress = (e) => onBytes(e.loaded);
    xhr.onload = () => {
      if (xhr.status === 200) return resolve();
      let message = `Upload failed (HTTP ${xhr.status})`;
      try {
        message = JSON.parse(xhr.responseText).message ?? message;
      } catch {}
      reject(new Error(message));
    };
    xhr.onerror = () => reject(new Error("The connection broke during the upload"));
    xhr.onabort = () => reject(new DOMException("Upload cancelled", "AbortError"));
    signal.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

export async function uploadFolder(files: LocalFile[], onProgress: (p: UploadProgress) => void, signal: AbortSignal): Promise<string> {
  const totalBytes = files.reduce((n, f) => n + f.file.size, 0);
  const start = await fetch("/api/studio/uploads", { method: "POST" });
  const created = await start.json();
  if (!start.ok) throw new Error(created.message ?? "Could not start the upload");
  if (totalBytes > created.limit_bytes) {
    await fetch(`/api/studio/uploads/${created.upload_id}`, { method: "DELETE" });
    throw new Error(`Upload too large: ${totalBytes} bytes, the limit is ${created.limit_bytes} bytes`);
  }
  let done = 0;
  try {
    for (const f of files) {
      if (signal.aborted) throw new DOMException("Upload cancelled", "AbortError");
      const url = `/api/studio/uploads/${created.upload_id}/files/${f.path.split("/").map(encodeURIComponent).join("/")}`;
      await putFile(url, f.file, (n) => onProgress({ sentBytes: done + n, totalBytes, currentFile: f.path }), signal);
      done += f.file.size;
      onProgress({ sentBytes: done, totalBytes, currentFile: f.path });
    }
  } catch (e) {
    await fetch(`/api/studio/uploads/${created.upload_id}`, { method: "DELETE" }).catch(() => {});
    throw e;
  }
  return created.upload_id as string;
}

/** Files from a folder picker (webkitRelativePath) or a drop, with paths relative to the folder. */
export function fromFileList(list: FileList | File[]): LocalFile[] {
  const files = Array.from(list).map((file) => ({
    file,
    path: (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name,
  }));
  // A picked folder arrives as "<folder>/<file>": register the folder's contents, not the folder.
  const first = files[0]?.path.split("/")[0];
  if (files.length > 0 && files.every((f) => f.path.includes("/") && f.path.split("/")[0] === first)) {
    return files.map((f) => ({ ...f, path: f.path.slice(first!.length + 1) }));
  }
  return files;
}

/** Walks dropped folders (DataTransfer entries API) into files with relative paths. */
export async function fromDrop(items: DataTransferItemList): Promise<LocalFile[]> {
  const out: LocalFile[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej));
      out.push({ file, path: prefix + entry.name });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child, `${prefix}${entry.name}/`);
      }
    }
  };
  const entries = Array.from(items)
    .map((i) => i.webkitGetAsEntry())
    .filter((e): e is FileSystemEntry => !!e);
  for (const e of entries) await walk(e, "");
  // One dropped folder: its contents are the model.
  if (entries.length === 1 && entries[0]!.isDirectory) {
    const root = `${entries[0]!.name}/`;
    return out.map((f) => ({ ...f, path: f.path.slice(root.length) }));
  }
  return out;
}
