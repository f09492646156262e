"use client";
import dynamic from "next/dynamic";

// Monaco (several MB) loads only when the MLmodel tab is opened, never in the shared bundle.
const YamlEditor = dynamic(() => import("./yaml-editor"), {
  ssr: false,
  loading: () => <p className="muted">Loading editor…</p>,
});

export function MlmodelSource({ text, errorLine }: { text: string; errorLine?: number }) {
  return <YamlEditor value={text} line={errorLine} />;
}
