import { z } from "zod";
import { invalidParam } from "@/lib/errors";

// zod compiles a fast path the first time a schema parses. Handlers that build a schema inline
// (`runRef.extend({...})`) would pay that compile on every request; without JIT they don't, and
// the hot schemas are hoisted to module level anyway.
z.config({ jitless: true });

/**
 * Field builders for MLflow request schemas. The same schema reads a GET query string (every value
 * a string, repeated keys as arrays) and a JSON body (numbers as numbers, int64 sometimes as
 * strings), so numeric and list fields accept both shapes.
 *
 * int64 fields (times, steps, counts) are held as JS numbers, exact up to ±(2^53 − 1); anything
 * beyond (or a fraction) is refused here, at the wire, so no store or page ever sees it. That
 * covers every millisecond timestamp until the year 287,396 and every realistic step.
 */
const INT64_RANGE = `must be a whole number between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`;
export const int64 = () =>
  z
    .union([
      z.number(),
      z
        .string()
        .trim()
        .regex(/^-?\d+$/, "must be an integer"),
    ])
    .transform(Number)
    .refine(Number.isSafeInteger, { message: INT64_RANGE });

export const double = () =>
  z
    .union([
      z.number(),
      z.enum(["NaN", "Infinity", "-Infinity", "nan", "inf", "-inf"]),
      z
        .string()
        .trim()
        .regex(/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/),
    ])
    .transform((v) =>
      typeof v === "number"
        ? v
        : v.toLowerCase().startsWith("nan")
          ? Number.NaN
          : v.toLowerCase().includes("inf")
            ? v.startsWith("-")
              ? -Infinity
              : Infinity
            : Number(v),
    );

export const bool = () => z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]);

/** A string id that MLflow sends as a string but some clients send as a number. */
export const idString = () => z.union([z.string(), z.number().int()]).transform(String);

/** A list field that may be absent or null (proto's empty repeated field): absent → []. */
export const listOf = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);

/** A repeated field that a query string sends as one value or several: always an array. */
export const oneOrMany = <T extends z.ZodType>(item: T) =>
  z
    .union([z.array(item), item])
    .nullish()
    .transform((v): z.output<T>[] => (v == null ? [] : Array.isArray(v) ? v : [v]));

export const stringList = () => oneOrMany(idString());

export const keyValue = z.object({
  key: z.string(),
  value: z.union([z.string(), z.number(), z.boolean()]).transform(String).optional().default(""),
});
export const keyValueList = () => listOf(keyValue);

function describe(issue: z.core.$ZodIssue): string {
  const field = issue.path.join(".") || "request";
  if (issue.code === "invalid_type" && issue.message.includes("undefined")) {
    return `Missing value for required parameter '${field}'. See the API docs for more information about request parameters.`;
  }
  return `Invalid value for parameter '${field}' supplied: ${issue.message}`;
}

/** Parses with a schema, throwing MLflow's INVALID_PARAMETER_VALUE on the first problem. */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const res = schema.safeParse(input);
  if (!res.success) throw invalidParam(describe(res.error.issues[0]!));
  return res.data;
}

const VIEW_TYPES = ["ACTIVE_ONLY", "DELETED_ONLY", "ALL"] as const;
export type ViewType = (typeof VIEW_TYPES)[number];
/** proto ViewType: names, or the enum numbers 1..3. */
export const viewType = () =>
  z
    .union([
      z.enum(VIEW_TYPES),
      z
        .number()
        .int()
        .min(1)
        .max(3)
        .transform((n) => VIEW_TYPES[n - 1]!),
      z.enum(["1", "2", "3"]).transform((s) => VIEW_TYPES[Number(s) - 1]!),
    ])
    .optional()
    .transform((v): ViewType => v ?? "ACTIVE_ONLY");

export const stringArray = () => oneOrMany(z.string());
