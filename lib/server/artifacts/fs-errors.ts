import "server-only";
import { StudioError, invalidParam, notFound } from "@/lib/errors";

/**
 * Node's file-system errors carry the absolute server path in their message. They are turned
 * into StudioErrors that name only the key the client gave; anything unexpected is left for the
 * response writer, which logs it and answers without details.
 */
export function fsError(e: unknown, key: string, op: "read" | "write" | "delete"): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  const shown = key.length > 200 ? `${key.slice(0, 200)}…` : key;
  switch (code) {
    case "ENOENT":
      return op === "write"
        ? invalidParam(`Cannot write '${shown}': its folder disappeared while writing`)
        : notFound(`No artifact at '${shown}'`);
    case "ENOTDIR":
      return op === "read" || op === "delete"
        ? notFound(`No artifact at '${shown}' (a part of this path is a file, not a folder)`)
        : invalidParam(`Cannot write '${shown}': a part of this path is a file, not a folder`);
    case "EISDIR":
      return op === "read"
        ? notFound(`'${shown}' is a folder, not a file`)
        : invalidParam(`Cannot write '${shown}': a folder already exists at this path`);
    case "ENAMETOOLONG":
      return invalidParam(`Invalid path '${shown}': the name or path is too long for the artifact store`);
    case "ELOOP":
      return invalidParam(`Invalid path '${shown}': too many symbolic links`);
    case "EEXIST":
    case "ENOTEMPTY":
      return invalidParam(`Cannot write '${shown}': something else already exists at this path`);
    case "ENOSPC":
    case "EDQUOT":
      return new StudioError("INTERNAL_ERROR", "The artifact store is out of disk space");
    default:
      return e;
  }
}
