"use client";
import { FileBrowser } from "@/components/files/file-browser";

export function VersionFiles({ name, version }: { name: string; version: number }) {
  return <FileBrowser apiBase={`/api/studio/models/${encodeURIComponent(name)}/versions/${version}`} />;
}
