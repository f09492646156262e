import type { ModelFolderSummary } from "@/lib/model-folder-summary";

export type { ModelFolderSummary };

/** What the file-listing routes (`<apiBase>/list?path=`) return. */
export type FileEntry = { path: string; isDir: boolean; size: number; loggedModelId?: string };
export type FolderListing = {
  path: string;
  entries: FileEntry[];
  model: ModelFolderSummary | null;
  uris?: Record<string, string>;
};

export const joinPath = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);

export async function fetchListing(apiBase: string, path: string): Promise<FolderListing> {
  const res = await fetch(`${apiBase}/list?path=${encodeURIComponent(path)}`);
  const body = await res.json();
  if (!res.ok) throw new Error(body.message ?? `Could not list ${path || "/"}`);
  return body as FolderListing;
}

export const fileUrl = (apiBase: string, path: string, download = false) =>
  `${apiBase}/file?path=${encodeURIComponent(path)}${download ? "&download=1" : ""}`;
export const zipUrl = (apiBase: string, path: string) => `${apiBase}/zip?path=${encodeURIComponent(path)}`;
