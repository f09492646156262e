"use client";
import { useState } from "react";

/** Copies `value` to the clipboard; falls back to a hidden textarea where the API is blocked (http). */
export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      const area = document.createElement("textarea");
      area.value = value;
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  }
  return (
    <button type="button" className="btn btn-sm" onClick={copy} aria-label={`${label}: ${value}`} data-copy={value}>
      {copied ? "Copied" : label}
    </button>
  );
}

export function CopyField({ value, label }: { value: string; label?: string }) {
  return (
    <span className="copy-row">
      <code>{value}</code>
      <CopyButton value={value} label={label} />
    </span>
  );
}
