// Number formatting shared by the report sections.
export const num = (v, digits = 1) =>
  v == null || !Number.isFinite(v) ? "–" : v >= 100 ? Math.round(v).toLocaleString("en-US") : v.toFixed(digits);
export const ratio = (a, b) => (a == null || b == null || !(b > 0) ? null : a / b);
// Three digits below 1×, so a ratio just under a 0.5× target does not print as "0.50×".
export const x = (r) => (r == null ? "–" : `${r < 1 ? r.toFixed(3) : r.toFixed(2)}×`);
/** An error body as one short line of markdown-safe text. */
export const oneLine = (t, n = 160) => String(t).replace(/\s+/g, " ").replace(/`/g, "'").slice(0, n);
export const mark = (ok) => (ok == null ? "–" : ok ? "✅" : "❌");
