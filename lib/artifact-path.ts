/**
 * The one path-safety check for artifact paths. Every caller that turns a user-supplied path into
 * a storage key goes through `normalizeArtifactPath`, which either returns a clean relative POSIX
 * path ("" for the root) or throws ArtifactPathError. Pure: no file system access.
 */
export class ArtifactPathError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = "ArtifactPathError";
  }
}

const MAX_PATH_LENGTH = 4096;
const MAX_SEGMENT_LENGTH = 255;

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
  if (typeof input !== "string") throw new ArtifactPathError("Artifact path must be a string", String(input));
  const raw = input;
  if (raw.length > MAX_PATH_LENGTH) throw new ArtifactPathError("Artifact path is too long", raw.slice(0, 100));
  // NUL and other control characters never belong in a file name.
  if (/[\u0000-\u001f\u007f]/.test(raw)) throw new ArtifactPathError("Artifact path contains control characters", raw);
  if (raw.includes("\\")) throw new ArtifactPathError("Artifact path must use '/' separators", raw);
  if (raw.startsWith("/") || raw.startsWith("~")) throw new ArtifactPathError("Artifact path must be relative", raw);
  if (/^[a-zA-Z]:/.test(raw)) throw new ArtifactPathError("Artifact path must be relative", raw);

  const segments: string[] = [];
  for (const segment of raw.split("/")) {
    if (segment === "") continue; // collapse "a//b" and a trailing "/"
    const decoded = fullyDecoded(segment);
    if (segment === "." || segment === ".." || decoded === "." || decoded === "..") {
      throw new ArtifactPathError("Artifact path must not contain '.' or '..' segments", raw);
    }
    if (decoded.includes("/") || decoded.includes("\\") || /[\u0000-\u001f]/.test(decoded)) {
      throw new ArtifactPathError("Artifact path contains an encoded separator", raw);
    }
    if (segment.length > MAX_SEGMENT_LENGTH) throw new ArtifactPathError("Artifact file name is too long", raw);
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
