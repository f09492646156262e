/**
 * Well-formed UTF-16. A JSON body can carry a lone surrogate (`"\ud800"`), which is a valid JS
 * string but cannot be encoded as UTF-8: databases refuse it and file systems mangle it. Requests
 * are checked at the boundary so such a value never reaches a store. Pure.
 */
export const LONE_SURROGATE = /\p{Surrogate}/gu;
const HAS_LONE_SURROGATE = /\p{Surrogate}/u;

export function isWellFormed(s: string): boolean {
  return !HAS_LONE_SURROGATE.test(s);
}

/**
 * The path (`tags.3.key`) of the first string in a JSON value that is not well-formed, or null.
 * Keys are checked too. Iterative, so a deeply nested body cannot overflow the stack.
 */
export function findIllFormedString(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, ""]];
  while (stack.length > 0) {
    const [v, at] = stack.pop()!;
    if (typeof v === "string") {
      if (!isWellFormed(v)) return at || "request";
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], at ? `${at}.${i}` : String(i)]);
    } else if (v !== null && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        const here = at ? `${at}.${k}` : k;
        if (!isWellFormed(k)) return here.replace(LONE_SURROGATE, "\ufffd");
        stack.push([child, here]);
      }
    }
  }
  return null;
}
