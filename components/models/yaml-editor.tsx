"use client";
import Editor, { loader } from "@monaco-editor/react";
import * as monaco from "monaco-editor";
import { useEffect, useState } from "react";

// Monaco from node_modules, never a CDN: the studio must work offline. The worker is bundled too.
if (typeof self !== "undefined") {
  (self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
    getWorker: () => new Worker(new URL("monaco-editor/editor/editor.worker.js", import.meta.url), { type: "module" }),
  };
}
loader.config({ monaco });

function prefersDark(): boolean {
  const t = document.documentElement.dataset.theme;
  return t ? t === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
}

/** Read-only YAML in Monaco, following the studio's light/dark theme; `line` is revealed and marked. */
export default function YamlEditor({ value, line }: { value: string; line?: number }) {
  const [dark, setDark] = useState(false);
  useEffect(() => {
    setDark(prefersDark());
    const obs = new MutationObserver(() => setDark(prefersDark()));
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    return () => obs.disconnect();
  }, []);
  return (
    <div data-testid="mlmodel-editor" className="editor-frame">
      <Editor
        height="60vh"
        defaultLanguage="yaml"
        value={value}
        theme={dark ? "vs-dark" : "vs"}
        options={{ readOnly: true, minimap: { enabled: false }, scrollBeyondLastLine: false, wordWrap: "on", fontSize: 13 }}
        onMount={(editor) => {
          if (!line) return;
          editor.revealLineInCenter(line);
          editor.createDecorationsCollection([
            { range: new monaco.Range(line, 1, line, 1), options: { isWholeLine: true, className: "editor-error-line" } },
          ]);
        }}
      />
    </div>
  );
}
