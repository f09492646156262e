"use client";
import { useEffect, useState } from "react";

type Mode = "system" | "light" | "dark";
const KEY = "studio-theme";
const NEXT: Record<Mode, Mode> = { system: "light", light: "dark", dark: "system" };
const LABEL: Record<Mode, string> = { system: "System theme", light: "Light theme", dark: "Dark theme" };
const ICON: Record<Mode, string> = { system: "◐", light: "☀", dark: "☾" };

/** Applies a mode to <html>; "system" removes the attribute so the media query decides. */
function apply(mode: Mode) {
  if (mode === "system") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = mode;
}

/** Runs before paint (inlined in <head>) so a stored theme never flashes the other one. */
export const themeBootScript = `try{var t=localStorage.getItem("${KEY}");if(t==="light"||t==="dark")document.documentElement.dataset.theme=t}catch(e){}`;

export function ThemeToggle() {
  const [mode, setMode] = useState<Mode>("system");
  useEffect(() => {
    const stored = localStorage.getItem(KEY);
    if (stored === "light" || stored === "dark") setMode(stored);
  }, []);
  const next = NEXT[mode];
  return (
    <button
      type="button"
      className="btn btn-sm"
      data-testid="theme-toggle"
      data-mode={mode}
      aria-label={`${LABEL[mode]} (switch to ${LABEL[next].toLowerCase()})`}
      title={`${LABEL[mode]}: click for ${LABEL[next].toLowerCase()}`}
      onClick={() => {
        setMode(next);
        apply(next);
        if (next === "system") localStorage.removeItem(KEY);
        else localStorage.setItem(KEY, next);
      }}
    >
      <span aria-hidden>{ICON[mode]}</span> {mode === "system" ? "System" : mode === "light" ? "Light" : "Dark"}
    </button>
  );
}
