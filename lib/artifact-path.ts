/**
 * The one path-safety check for artifact paths. Every caller that turns a user-supplied path into
 * a storage key goes through `normalizeArtifactPath`, which either returns a clean relative POSIX
 * path ("" for the root) or throws ArtifactPathError. Pure: no file system access.
 */
import { StudioError } from "@/lib/errors";
import { LONE_SURROGATE, isWellFormed } from "@/lib/unicode";

/** A refused artifact path. The message names the path as the client gave it, never a server path. */
export class ArtifactPathError extends StudioError {
  constructor(
    readonly reason: string,
    readonly path: string,
  ) {
    const shown = path.length > 200 ? `${path.slice(0, 200)}…` : path;
    super("INVALID_PARAMETER_VALUE", `Invalid path '${shown}': ${reason}`);
    this.name = "ArtifactPathError";
  }
}

const MAX_PATH_LENGTH = 4096;
const MAX_SEGMENT_BYTES = 255;
const utf8Length = (s: string) => new TextEncoder().encode(s).length;

/** Decodes percent-escapes repeatedly (double encoding) so `%252e%252e` is seen as `..`. */
function fullyDecoded(segment: string): string {
  let current = segment;
  for (let i = 0; i < 4 && current.includes("%"); i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return current; // not valid percent-encoding: a literal '%' in a file name
    }
    if (next === current) break;
    current = next;
  }
  return current;
}

export function normalizeArtifactPath(input: unknown): string {
  if (typeof input !== "string") throw new ArtifactPathError("the path must be a string", String(input));
  const raw = input;
  if (raw.length > MAX_PATH_LENGTH) throw new ArtifactPathError(`the path is longer than ${MAX_PATH_LENGTH} characters`, raw);
  // NUL and other control characters never belong in a file name.
  if (!isWellFormed(raw)) throw new ArtifactPathError("the path is not well-formed Unicode", raw.replace(LONE_SURROGATE, "\ufffd"));
  if (/[\u0000-\u001f\u007f]/.test(raw)) throw new ArtifactPathError("the path contains control characters", raw);
  if (raw.includes("\\")) throw new ArtifactPathError("the path must use '/' separators", raw);
  if (raw.startsWith("/") || raw.startsWith("~")) throw new ArtifactPathError("the path must be relative", raw);
  if (/^[a-zA-Z]:/.test(raw)) throw new ArtifactPathError("the path must be relative", raw);

  const segments: string[] = [];
  for (const segment of raw.split("/")) {
    if (segment === "") continue; // collapse "a//b" and a trailing "/"
    const decoded = fullyDecoded(segment);
    if (segment === "." || segment === ".." || decoded === "." || decoded === "..") {
      throw new ArtifactPathError("the path must not contain '.' or '..' segments", raw);
    }
    if (decoded.includes("/") || decoded.includes("\\") || /[\u0000-\u001f]/.test(decoded)) {
      throw new ArtifactPathError("the path contains an encoded separator", raw);
    }
    // File systems limit a name to 255 bytes, not characters: "日" is 3 bytes in UTF-8.
    if (utf8Length(segment) > MAX_SEGMENT_BYTES)
      throw new ArtifactPathError(`a file or folder name is longer than ${MAX_SEGMENT_BYTES} bytes`, raw);
    segments.push(segment);
  }
  return segments.join("/");
}

/** Joins already-normalized keys; each part is checked again so a caller cannot smuggle `..`. */
export function joinArtifactPath(...parts: string[]): string {
  return normalizeArtifactPath(parts.filter((p) => p !== "").join("/"));
}

/** Last segment of a normalized key ("" for the root). */
export function artifactBaseName(key: string): string {
  const i = key.lastIndexOf("/");
  return i < 0 ? key : key.slice(i + 1);
}

/** Parent of a normalized key ("" for top-level entries and the root). */
export function artifactParent(key: string): string {
  const i = key.lastIndexOf("/");
  return i < 0 ? "" : key.slice(0, i);
}
