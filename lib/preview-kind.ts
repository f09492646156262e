/** How the outputs browser previews a file, from its name. Pure. */
export type PreviewKind = "image" | "csv" | "json" | "markdown" | "text" | "none";

const TEXT = new Set([
  "txt",
  "log",
  "yaml",
  "yml",
  "py",
  "pbtxt",
  "cfg",
  "ini",
  "toml",
  "sh",
  "r",
  "sql",
  "xml",
  "html",
  "htm",
  "js",
  "ts",
  "java",
  "scala",
  "c",
  "cpp",
  "h",
  "go",
  "rs",
  "properties",
  "conf",
  "env",
  "gitignore",
]);
const TEXT_NAMES = new Set(["MLmodel", "requirements.txt", "LICENSE", "Dockerfile", "MLproject", "README", "conda.yaml"]);

export function previewKind(path: string): PreviewKind {
  const base = path.slice(path.lastIndexOf("/") + 1);
  if (TEXT_NAMES.has(base)) return "text";
  const ext = base.includes(".") ? base.slice(base.lastIndexOf(".") + 1).toLowerCase() : "";
  if (["png", "jpg", "jpeg", "gif", "webp", "bmp", "svg"].includes(ext)) return "image";
  if (ext === "csv" || ext === "tsv") return "csv";
  if (ext === "json" || ext === "jsonl") return "json";
  if (ext === "md" || ext === "markdown") return "markdown";
  if (TEXT.has(ext)) return "text";
  return "none";
}

/** Preview caps: beyond these only the first bytes are shown, with a download link. */
export const PREVIEW_LIMITS = { textBytes: 512 * 1024, imageBytes: 20 * 1024 * 1024, csvRows: 200 };
