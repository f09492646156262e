import "server-only";
import { Readable } from "node:stream";
import yazl from "yazl";
import { notFound } from "@/lib/errors";
import { artifactStore } from "@/lib/server/artifact-store";

/**
 * A folder as a zip, streamed: files are opened one at a time as the archive reaches them, so a
 * folder of any size or file count costs one open file and a small buffer. Folder-relative paths.
 */
export async function zipResponse(key: string, downloadName: string): Promise<Response> {
  const st = await artifactStore.stat(key);
  if (!st?.isDir) throw notFound("Folder not found");
  const files = await artifactStore.walk(key);
  const zip = new yazl.ZipFile();
  for (const f of files) {
    zip.addReadStreamLazy(f.path, { size: f.size }, (cb) => {
      artifactStore.openRead(`${key}/${f.path}`).then(
        (s) => cb(null, s),
        (e) => cb(e, undefined as unknown as NodeJS.ReadableStream),
      );
    });
  }
  zip.end();
  const name = downloadName.endsWith(".zip") ? downloadName : `${downloadName}.zip`;
  return new Response(Readable.toWeb(zip.outputStream as Readable) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      "cache-control": "private, no-transform",
    },
  });
}
