import { describe, expect, it } from "vitest";
import { FilterError } from "./filter-ast";
import { decodePageToken, encodePageToken } from "./page-token";

describe("page tokens", () => {
  it("encodes exactly like MLflow's SearchUtils.create_page_token", () => {
    // base64.b64encode(json.dumps({"offset": 100}).encode()) in Python
    expect(encodePageToken(100)).toBe("eyJvZmZzZXQiOiAxMDB9");
  });

  it.each([0, 1, 25, 1000, 123_456_789])("round-trips %d", (n) => {
    expect(decodePageToken(encodePageToken(n))).toBe(n);
  });

  it("missing or empty token is the first page", () => {
    expect(decodePageToken(undefined)).toBe(0);
    expect(decodePageToken(null)).toBe(0);
    expect(decodePageToken("")).toBe(0);
  });

  it("accepts compact JSON, string offsets, URL-safe base64 and missing padding", () => {
    expect(decodePageToken(btoa('{"offset":7}'))).toBe(7);
    expect(decodePageToken(btoa('{"offset": "8"}'))).toBe(8);
    expect(decodePageToken(btoa('{"offset": 9}').replace(/=+$/, ""))).toBe(9);
    // MLflow's logged-model tokens carry more fields; only the offset matters here.
    expect(decodePageToken(btoa('{"experiment_ids": ["1"], "filter_string": null, "offset": 3}'))).toBe(3);
  });

  it.each([
    ["not base64!", /could not base64-decode/],
    ["a", /could not base64-decode/],
    [btoa("not json"), /decoded value=not json/],
    [btoa("[1,2]"), /parsed value=/],
    [btoa('{"offset": -1}'), /parsed value=/],
    [btoa('{"offset": 1.5}'), /parsed value=/],
    [btoa('{"offset": "x"}'), /parsed value=/],
    [btoa('{"offset": 1e300}'), /parsed value=/],
    [btoa("null"), /parsed value=/],
  ])("rejects %j", (token, message) => {
    expect(() => decodePageToken(token)).toThrow(FilterError);
    expect(() => decodePageToken(token)).toThrow(message);
  });

  it("refuses to encode a bad offset", () => {
    expect(() => encodePageToken(-1)).toThrow(RangeError);
    expect(() => encodePageToken(1.5)).toThrow(RangeError);
  });
});
