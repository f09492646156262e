// Calls a server action the way a forged request would: the action's id from Next's manifest, its
// arguments encoded as React's client encodes them (a FormData argument as `$K1` plus `_1_<field>`
// parts, sent before the root part "0"), the studio's own Origin.
import fs from "node:fs";
import path from "node:path";
import { BASE, type Principal } from "./client";

type ManifestEntry = { filename: string; exportedName: string };

export function serverActions(): Map<string, string> {
  const file = path.join(process.cwd(), ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { node: Record<string, ManifestEntry> };
  const byName = new Map<string, string>();
  for (const [id, entry] of Object.entries(manifest.node)) byName.set(`${entry.filename}#${entry.exportedName}`, id);
  return byName;
}

/** A FormData argument, written as a plain object of fields. */
export type Form = { form: Record<string, string> };
export const form = (fields: Record<string, string>): Form => ({ form: fields });

export async function callAction(
  who: Principal,
  actionId: string,
  args: unknown[],
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; setCookie: string | null }> {
  const h: Record<string, string> = { "next-action": actionId, origin: BASE, accept: "text/x-component", ...headers };
  if (who.authorization) h.authorization = who.authorization;
  if (who.cookie) h.cookie = who.cookie;
  const formIndex = args.findIndex((a) => a && typeof a === "object" && "form" in (a as object));
  let body: BodyInit;
  if (formIndex >= 0) {
    const fd = new FormData();
    for (const [k, v] of Object.entries((args[formIndex] as Form).form)) fd.append(`_1_${k}`, v);
    fd.append("0", JSON.stringify(args.map((a, i) => (i === formIndex ? "$K1" : a))));
    body = fd;
  } else {
    h["content-type"] = "text/plain;charset=UTF-8";
    body = JSON.stringify(args);
  }
  const res = await fetch(new URL("/", BASE), { method: "POST", headers: h, body, redirect: "manual" });
  return { status: res.status, text: await res.text(), setCookie: res.headers.get("set-cookie") };
}

/** Whether an action's answer is the studio refusing the caller (not a validation error, not success). */
export const actionRefused = (text: string) => /Permission denied|You are not authenticated/.test(text);
