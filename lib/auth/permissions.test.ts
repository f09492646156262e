import { describe, expect, it } from "vitest";
import { allows, effectivePermission, isPermission, roleCanCreate, roleDefault } from "./permissions";

describe("permissions", () => {
  it("gives each role its default", () => {
    expect(roleDefault("reader")).toBe("READ");
    expect(roleDefault("editor")).toBe("EDIT");
    expect(roleDefault("admin")).toBe("MANAGE");
  });

  it("lets a grant raise or lower a role's default, but never an admin's", () => {
    expect(effectivePermission("reader", "EDIT")).toBe("EDIT");
    expect(effectivePermission("editor", "NO_PERMISSIONS")).toBe("NO_PERMISSIONS");
    expect(effectivePermission("editor", null)).toBe("EDIT");
    expect(effectivePermission("admin", "NO_PERMISSIONS")).toBe("MANAGE");
  });

  it("orders READ < EDIT < MANAGE as MLflow does", () => {
    expect(allows("READ", "read")).toBe(true);
    expect(allows("READ", "update")).toBe(false);
    expect(allows("EDIT", "update")).toBe(true);
    expect(allows("EDIT", "delete")).toBe(false);
    expect(allows("MANAGE", "delete")).toBe(true);
    expect(allows("MANAGE", "manage")).toBe(true);
    expect(allows("NO_PERMISSIONS", "read")).toBe(false);
  });

  it("knows MLflow's permission names only", () => {
    expect(isPermission("EDIT")).toBe(true);
    expect(isPermission("edit")).toBe(false);
    expect(isPermission("OWNER")).toBe(false);
  });

  it("lets editors and admins create, not readers", () => {
    expect(roleCanCreate("reader")).toBe(false);
    expect(roleCanCreate("editor")).toBe(true);
    expect(roleCanCreate("admin")).toBe(true);
  });
});
