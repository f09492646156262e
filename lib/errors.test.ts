import { describe, expect, it, vi } from "vitest";
import { StudioError, isStudioError, notFound } from "./errors";

describe("isStudioError", () => {
  it("recognises errors made by another copy of the module (another bundle)", async () => {
    vi.resetModules();
    const other = (await import("./errors?copy" as string)) as typeof import("./errors");
    expect(other.StudioError).not.toBe(StudioError); // a second copy of the class, as in the two bundles
    const foreign = new other.StudioError("INVALID_PARAMETER_VALUE", "from the other bundle");
    expect(foreign instanceof StudioError).toBe(false);
    expect(isStudioError(foreign)).toBe(true);
    expect(isStudioError(notFound("x"))).toBe(true);
  });

  it("refuses look-alikes without the brand or with an unknown code", () => {
    expect(isStudioError({ code: "INVALID_PARAMETER_VALUE", message: "x" })).toBe(false);
    expect(isStudioError(new Error("x"))).toBe(false);
    const bad = new StudioError("INVALID_PARAMETER_VALUE", "x");
    (bad as { code: string }).code = "NOPE";
    expect(isStudioError(bad)).toBe(false);
    expect(isStudioError(null)).toBe(false);
  });
});
