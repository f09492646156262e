// Human output: aligned tables, sizes and times. Machine output is --json, so these are free to
// shorten things (descriptions, timestamps) for a terminal.

export const TYPE_LABELS = { MLFLOW: "MLflow", CUSTOM: "Custom", TRITON: "Triton" };

/** Prints `value` as JSON on stdout (--json): the server's objects, unchanged. */
export function printJson(value, stdout = process.stdout) {
  stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** columns: [{ header, get(row) → string }]. The last column is not padded (no trailing spaces). */
export function formatTable(rows, columns) {
  const cells = rows.map((row) => columns.map((c) => oneLine(c.get(row))));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => [...r[i]].length)));
  const line = (values) =>
    values
      .map((v, i) => (i === values.length - 1 ? v : v + " ".repeat(widths[i] - [...v].length)))
      .join("  ")
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join("\n");
}

const oneLine = (v) =>
  String(v ?? "")
    .replace(/\s+/g, " ")
    .trim();

/** The first line of a description, cut at `max` characters: tables stay one row per entry. */
export function snippet(text, max = 40) {
  const first = oneLine(
    String(text ?? "")
      .split("\n")
      .find((l) => l.trim()) ?? "",
  );
  const chars = [...first];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : first;
}

/** Local time, minutes precision: enough to tell versions apart in a table. */
export function formatTime(ms) {
  const n = Number(ms);
  if (!Number.isFinite(n) || n <= 0) return "";
  const d = new Date(n);
  const p = (x) => String(x).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
