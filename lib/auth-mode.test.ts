import { describe, expect, it } from "vitest";
import { resolveAuthMode } from "./auth-mode.mjs";

describe("resolveAuthMode", () => {
  it("is off on loopback and on elsewhere by default", () => {
    expect(resolveAuthMode({ host: "127.0.0.1" })).toEqual({ mode: "off" });
    expect(resolveAuthMode({ host: "::1" })).toEqual({ mode: "off" });
    expect(resolveAuthMode({ host: "0.0.0.0" })).toEqual({ mode: "on" });
    expect(resolveAuthMode({ host: "10.1.2.3", auth: "auto" })).toEqual({ mode: "on" });
  });

  it("turns on when asked, anywhere", () => {
    expect(resolveAuthMode({ host: "127.0.0.1", auth: "on" })).toEqual({ mode: "on" });
  });

  it("refuses auth off on the network unless the operator says so explicitly", () => {
    expect(resolveAuthMode({ host: "0.0.0.0", auth: "off" }).error).toMatch(/STUDIO_ALLOW_OPEN_NETWORK/);
    expect(resolveAuthMode({ host: "0.0.0.0", auth: "off", allowOpenNetwork: "1" })).toEqual({ mode: "off" });
    expect(resolveAuthMode({ host: "localhost", auth: "off" })).toEqual({ mode: "off" });
    expect(resolveAuthMode({ host: "127.0.0.1", auth: "maybe" }).error).toMatch(/on, off or auto/);
  });
});
