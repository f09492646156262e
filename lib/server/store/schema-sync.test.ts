import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { POSTGRES_MIGRATIONS, POSTGRES_SCHEMA, SQLITE_MIGRATIONS, postgresSchemaText } from "@/scripts/lib/db-schema.mjs";

const dirs = (root: string) =>
  fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

describe("one schema, two engines", () => {
  it("keeps the PostgreSQL schema generated from the SQLite one (run node scripts/db-schema.mjs)", () => {
    expect(fs.readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(postgresSchemaText());
  });

  it("has the same migrations for both engines", () => {
    expect(dirs(POSTGRES_MIGRATIONS)).toEqual(dirs(SQLITE_MIGRATIONS));
  });
});
