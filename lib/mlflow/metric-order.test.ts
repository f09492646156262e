import { describe, expect, it } from "vitest";
import { isLater, latestPerKey } from "@/lib/mlflow/metric-order";

const m = (key: string, value: number, step: number, timestamp = 1) => ({ key, value, step, timestamp });

describe("latestPerKey", () => {
  it("prefers the higher step, then timestamp, then value", () => {
    expect(latestPerKey([m("a", 5, 1), m("a", 1, 2), m("b", 3, 0)])).toEqual([m("a", 1, 2), m("b", 3, 0)]);
    expect(latestPerKey([m("a", 1, 1, 10), m("a", 0, 1, 20)])).toEqual([m("a", 0, 1, 20)]);
    expect(latestPerKey([m("a", 1, 1), m("a", 2, 1)])).toEqual([m("a", 2, 1)]);
  });
  it("ranks NaN below any number at the same point", () => {
    expect(isLater(m("a", Number.NaN, 1), m("a", -5, 1))).toBe(false);
    expect(isLater(m("a", -5, 1), m("a", Number.NaN, 1))).toBe(true);
    expect(latestPerKey([m("a", Number.NaN, 3)])[0]!.value).toBeNaN();
  });
});
