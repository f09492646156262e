// Request-path hygiene for scripts/serve.mjs. Plain JS: the server script loads it without a build.

/**
 * A path segment that is not valid percent-encoding (`/jobs/%E0%A4%A`) makes Next's router throw
 * while decoding route params, which would answer a bare 500. Such a segment is taken literally
 * instead (its `%` escaped), so the page or route sees the text as typed and answers 404/400.
 */
export function literalizeBadEscapes(url) {
  const q = url.indexOf("?");
  const pathname = q < 0 ? url : url.slice(0, q);
  if (!pathname.includes("%")) return url;
  let changed = false;
  const fixed = pathname.split("/").map((segment) => {
    try {
      decodeURIComponent(segment);
      return segment;
    } catch {
      changed = true;
      return segment.replace(/%/g, "%25");
    }
  });
  return changed ? fixed.join("/") + (q < 0 ? "" : url.slice(q)) : url;
}
