"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";

export type TypeCheck = { ok: boolean; errors: string[]; warnings: string[] };
export type Inspection =
  | { ok: true; detected: "MLFLOW" | "CUSTOM" | "TRITON"; files: number; bytes: number; checks: Record<string, TypeCheck> }
  | { ok: false; message: string };

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** Checks a source as it is typed: does it exist, what type is it, what would each type need. */
export function useSourceCheck(source: string) {
  const s = useDebounced(source.trim(), 350);
  return useQuery({
    queryKey: ["inspect", s],
    enabled: s.length > 0,
    queryFn: async (): Promise<Inspection> => (await fetch(`/api/studio/inspect?source=${encodeURIComponent(s)}`)).json(),
  });
}

/** "New model" or "will be version N of X", and existing names for autocomplete. */
export function useNameInfo(name: string) {
  const n = useDebounced(name.trim(), 250);
  const info = useQuery({
    queryKey: ["model-lookup", n],
    enabled: n.length > 0,
    queryFn: async (): Promise<{ exists: boolean; lastVersion: number }> =>
      (await fetch(`/api/studio/models/lookup?name=${encodeURIComponent(n)}`)).json(),
  });
  const names = useQuery({
    queryKey: ["model-names", n],
    queryFn: async (): Promise<{ names: string[] }> => (await fetch(`/api/studio/models/lookup?prefix=${encodeURIComponent(n)}`)).json(),
  });
  return { info: info.data, names: names.data?.names ?? [] };
}
