import "server-only";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  S3Client,
  UploadPartCommand,
  UploadPartCopyCommand,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { Readable } from "node:stream";
import { notFound } from "@/lib/errors";
import type { ArtifactBackend, ArtifactEntry, ArtifactStat, WriteOptions } from "./backend";
import { countingTransform } from "./limits";
import { checkWritableKey, eachLimit, entriesOf, type Probe, parseRoot, statKey, withLength } from "./object-store-common";

/**
 * Artifacts in an S3 bucket (or an S3-compatible server) with the AWS SDK v3:
 * STUDIO_ARTIFACT_ROOT=s3://<bucket>/<prefix>. Credentials and region come from the SDK's usual
 * chain (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION, profiles, instance roles); an
 * endpoint (STUDIO_S3_ENDPOINT or AWS_ENDPOINT_URL) selects an S3-compatible server and
 * path-style addressing. Uploads stream through the SDK's multipart helper; snapshots are
 * server-side CopyObject (UploadPartCopy above 5 GiB).
 */
const PART = 8 * 1024 * 1024;
const COPY_PART = 512 * 1024 * 1024;
const SINGLE_COPY_MAX = 5 * 1024 ** 3;

const isMissing = (e: unknown) => {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.name === "NotFound" || err?.name === "NoSuchKey" || err?.name === "NoSuchUpload" || err?.$metadata?.httpStatusCode === 404;
};

export function createS3Backend(uri: string): ArtifactBackend {
  const { container: bucket, prefix } = parseRoot(uri, "s3");
  const endpoint = process.env.STUDIO_S3_ENDPOINT || process.env.AWS_ENDPOINT_URL_S3 || process.env.AWS_ENDPOINT_URL;
  const client = new S3Client({
    region: process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || "us-east-1",
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    ...(process.env.STUDIO_S3_PATH_STYLE === "1" ? { forcePathStyle: true } : {}),
  });
  const full = (key: string) => (prefix ? (key ? `${prefix}/${key}` : prefix) : key);
  const dirPrefix = (key: string) => (full(key) ? `${full(key)}/` : "");

  const probe: Probe = {
    async file(key) {
      try {
        const h = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: full(key) }));
        return { isDir: false, size: h.ContentLength ?? 0, mtimeMs: h.LastModified?.getTime() ?? 0 };
      } catch (e) {
        if (isMissing(e)) return null;
        throw e;
      }
    },
    async hasChildren(key) {
      const res = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: dirPrefix(key), MaxKeys: 1 }));
      const first = res.Contents?.[0];
      return first ? { isDir: true, size: 0, mtimeMs: first.LastModified?.getTime() ?? 0 } : null;
    },
  };

  async function* keysBelow(key: string) {
    let token: string | undefined;
    do {
      const res = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: dirPrefix(key), ContinuationToken: token }));
      for (const o of res.Contents ?? []) if (o.Key) yield o.Key;
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
  }

  async function list(key: string): Promise<ArtifactEntry[] | null> {
    const p = dirPrefix(key);
    const dirs: string[] = [];
    const files: { name: string; size: number }[] = [];
    let token: string | undefined;
    do {
      const res = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: p, Delimiter: "/", ContinuationToken: token }));
      for (const cp of res.CommonPrefixes ?? []) if (cp.Prefix) dirs.push(cp.Prefix.slice(p.length, -1));
      for (const o of res.Contents ?? []) if (o.Key && o.Key !== p) files.push({ name: o.Key.slice(p.length), size: o.Size ?? 0 });
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
    if (dirs.length === 0 && files.length === 0 && key !== "") return null;
    return entriesOf(dirs, files);
  }

  async function openRead(key: string, range?: { start: number; end: number }): Promise<Readable> {
    try {
      const res = await client.send(
        new GetObjectCommand({ Bucket: bucket, Key: full(key), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }),
      );
      return res.Body as Readable;
    } catch (e) {
      if (isMissing(e)) throw notFound(`No artifact at '${key}'`);
      throw e;
    }
  }

  async function write(key: string, body: Readable, opts: WriteOptions = {}): Promise<number> {
    await checkWritableKey(probe, key);
    const counter = countingTransform(opts);
    body.on("error", (e) => counter.destroy(e));
    // The helper sends parts as they fill and completes at the end: readers see no partial object.
    const upload = new Upload({
      client,
      params: { Bucket: bucket, Key: full(key), Body: body.pipe(counter) },
      partSize: PART,
      queueSize: 4,
      leavePartsOnError: false,
    });
    await upload.done();
    return counter.bytes;
  }

  async function remove(key: string): Promise<void> {
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: full(key) })).catch((e) => {
      if (!isMissing(e)) throw e;
    });
    let batch: string[] = [];
    const flush = async () => {
      if (batch.length)
        await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }));
      batch = [];
    };
    for await (const k of keysBelow(key)) {
      batch.push(k);
      if (batch.length === 1000) await flush();
    }
    await flush();
  }

  async function copyFile(from: string, to: string): Promise<void> {
    const src = await probe.file(from);
    if (!src) throw notFound(`No artifact at '${from}'`);
    const CopySource = `${bucket}/${full(from).split("/").map(encodeURIComponent).join("/")}`;
    if (src.size <= SINGLE_COPY_MAX) {
      await client.send(new CopyObjectCommand({ Bucket: bucket, Key: full(to), CopySource }));
      return;
    }
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: full(to) }));
    try {
      const parts: { PartNumber: number; ETag: string }[] = [];
      for (let start = 0, n = 1; start < src.size; start += COPY_PART, n++) {
        const end = Math.min(start + COPY_PART, src.size) - 1;
        const res = await client.send(
          new UploadPartCopyCommand({
            Bucket: bucket,
            Key: full(to),
            UploadId,
            PartNumber: n,
            CopySource,
            CopySourceRange: `bytes=${start}-${end}`,
          }),
        );
        parts.push({ PartNumber: n, ETag: res.CopyPartResult?.ETag ?? "" });
      }
      await client.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: full(to), UploadId, MultipartUpload: { Parts: parts } }));
    } catch (e) {
      await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: full(to), UploadId })).catch(() => {});
      throw e;
    }
  }

  async function createMultipart(key: string): Promise<string> {
    await checkWritableKey(probe, key);
    const res = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: full(key) }));
    if (!res.UploadId) throw new Error("S3 returned no UploadId");
    return res.UploadId;
  }

  async function uploadPart(key: string, uploadId: string, partNumber: number, body: Readable, size?: number) {
    const part = await withLength(body, size);
    try {
      const res = await client.send(
        new UploadPartCommand({
          Bucket: bucket,
          Key: full(key),
          UploadId: uploadId,
          PartNumber: partNumber,
          Body: part.body,
          ContentLength: part.size,
        }),
      );
      return { etag: res.ETag ?? "", size: part.size };
    } catch (e) {
      if (isMissing(e)) throw notFound(`Upload '${uploadId}' does not exist`);
      throw e;
    } finally {
      await part.done();
    }
  }

  async function completeMultipart(key: string, uploadId: string, parts: { partNumber: number; etag: string }[]): Promise<void> {
    let etags = new Map(parts.map((p) => [p.partNumber, p.etag]));
    if (parts.some((p) => !p.etag)) {
      // A client that did not keep the ETags: S3 knows them.
      const listed = await client.send(new ListPartsCommand({ Bucket: bucket, Key: full(key), UploadId: uploadId, MaxParts: 10_000 }));
      etags = new Map((listed.Parts ?? []).map((p) => [p.PartNumber ?? 0, p.ETag ?? ""]));
    }
    const Parts = parts.map((p) => ({ PartNumber: p.partNumber, ETag: etags.get(p.partNumber) }));
    if (Parts.some((p) => !p.ETag)) {
      const { invalidParam } = await import("@/lib/errors");
      throw invalidParam(`A part of upload '${uploadId}' was never uploaded`);
    }
    await client.send(
      new CompleteMultipartUploadCommand({ Bucket: bucket, Key: full(key), UploadId: uploadId, MultipartUpload: { Parts } }),
    );
  }

  async function abortMultipart(key: string, uploadId: string): Promise<void> {
    await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: full(key), UploadId: uploadId })).catch((e) => {
      if (!isMissing(e)) throw e;
    });
  }

  /**
   * Incomplete multipart uploads the studio lost track of (a process killed mid-upload) cost
   * storage but are invisible: abort those older than a day (sessions the studio tracks are
   * aborted by their own sweep, lib/server/artifacts/multipart.ts).
   */
  async function sweep(staleAfterMs: number): Promise<{ files: number; bytes: number }> {
    const before = Date.now() - Math.max(staleAfterMs, 24 * 60 * 60 * 1000);
    let files = 0;
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    do {
      const res = await client.send(
        new ListMultipartUploadsCommand({
          Bucket: bucket,
          Prefix: prefix ? `${prefix}/` : undefined,
          KeyMarker: keyMarker,
          UploadIdMarker: uploadIdMarker,
        }),
      );
      const stale = (res.Uploads ?? []).filter((u) => u.Key && u.UploadId && (u.Initiated?.getTime() ?? 0) < before);
      await eachLimit(stale, 8, (u) =>
        client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: u.Key!, UploadId: u.UploadId! })).catch(() => {}),
      );
      files += stale.length;
      keyMarker = res.IsTruncated ? res.NextKeyMarker : undefined;
      uploadIdMarker = res.IsTruncated ? res.NextUploadIdMarker : undefined;
    } while (keyMarker);
    return { files, bytes: 0 };
  }

  return {
    kind: "s3",
    location: `s3://${bucket}/${prefix}${endpoint ? ` at ${endpoint}` : ""}`,
    stat: (key: string): Promise<ArtifactStat | null> => statKey(probe, key),
    list,
    openRead,
    write,
    remove,
    copyFile,
    createMultipart,
    uploadPart,
    completeMultipart,
    abortMultipart,
    sweep,
  };
}
