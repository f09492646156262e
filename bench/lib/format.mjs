// Number formatting shared by the report sections.
export const num = (v, digits = 1) => (v == null || !Number.isFinite(v) ? "–" : v >= 100 ? Math.round(v).toLocaleString("en-US") : v.toFixed(digits));
export const ratio = (a, b) => (a == null || b == null || !(b > 0) ? null : a / b);
export const x = (r) => (r == null ? "–" : `${r.toFixed(2)}×`);
export const mark = (ok) => (ok == null ? "–" : ok ? "✅" : "❌");
