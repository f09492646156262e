/**
 * Typed reads of loosely-typed YAML fields. A field of the wrong type becomes a warning (and the
 * closest safe value) rather than an exception: a slightly odd MLmodel should still be shown.
 */
import { isPlainObject } from "./data-type";

export type Mapping = Record<string, unknown>;
export { isPlainObject as isMapping };

export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Date) return "a date";
  if (isPlainObject(value)) return "a mapping";
  if (typeof value === "object") return "a tagged YAML value";
  return `a ${typeof value} (${JSON.stringify(value)?.slice(0, 40)})`;
}

/** PyYAML's str(datetime) form, which is what MLflow writes for utc_time_created. */
function formatDate(date: Date): string {
  return Number.isNaN(date.getTime()) ? "" : date.toISOString().replace("T", " ").replace("Z", "");
}

/**
 * Numbers and booleans are shown as text with a warning (`run_id: 12345` is still an id, though
 * YAML may already have changed it: `3.10` reads as 3.1). Lists and mappings give null.
 */
export function readString(obj: Mapping, key: string, where: string, warnings: string[]): string | null {
  const value = obj[key];
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value;
  // An unquoted timestamp is a YAML date; PyYAML reads it as a datetime too, so no warning.
  if (value instanceof Date) return formatDate(value) || null;
  if (typeof value === "number" || typeof value === "boolean") {
    warnings.push(`${where}${key} should be text; got ${describeValue(value)}, shown as "${String(value)}"`);
    return String(value);
  }
  warnings.push(`${where}${key} should be text; got ${describeValue(value)}`);
  return null;
}

export function readCount(obj: Mapping, key: string, where: string, warnings: string[]): number | null {
  const value = obj[key];
  if (value === undefined || value === null) return null;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return value;
  if (typeof value === "string" && /^\d{1,15}$/.test(value.trim())) {
    warnings.push(`${where}${key} should be a number; got text "${value}"`);
    return Number(value.trim());
  }
  warnings.push(`${where}${key} should be a whole number of 0 or more; got ${describeValue(value)}`);
  return null;
}

export function readMapping(obj: Mapping, key: string, where: string, warnings: string[]): Mapping | null {
  const value = obj[key];
  if (value === undefined || value === null) return null;
  if (isPlainObject(value)) return value;
  warnings.push(`${where}${key} should be a mapping; got ${describeValue(value)}`);
  return null;
}
