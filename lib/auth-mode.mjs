// Whether accounts are required, decided once at start from where the studio listens and
// STUDIO_AUTH. Pure: unit-tested in lib/auth-mode.test.ts.
//   loopback, STUDIO_AUTH unset      off  (the embedded laptop default)
//   another interface, unset         on
//   STUDIO_AUTH=on                   on
//   STUDIO_AUTH=off on loopback      off
//   STUDIO_AUTH=off elsewhere        refused, unless STUDIO_ALLOW_OPEN_NETWORK=1 says so explicitly
import { isLoopbackHost } from "./request-guard.mjs";

export function resolveAuthMode({ host, auth, allowOpenNetwork }) {
  const value = (auth ?? "").trim().toLowerCase();
  const loopback = isLoopbackHost(host);
  if (value === "on") return { mode: "on" };
  if (value === "" || value === "auto") return { mode: loopback ? "off" : "on" };
  if (value === "off") {
    if (loopback || ["1", "true", "yes"].includes(String(allowOpenNetwork ?? "").toLowerCase())) return { mode: "off" };
    return {
      error: `Refusing to listen on ${host} with STUDIO_AUTH=off: anyone who reaches the port could change or delete models. Turn auth on (unset STUDIO_AUTH), or set STUDIO_ALLOW_OPEN_NETWORK=1 if a proxy in front authenticates everyone.`,
    };
  }
  return { error: `STUDIO_AUTH must be on, off or auto (got '${auth}')` };
}
