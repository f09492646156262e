"use client";
import { FileBrowser } from "@/components/files/file-browser";
import { jobOutputUris } from "@/lib/registry/source-uri";

/** The job's outputs (artifacts and MLflow 3 logged models) with their runs:/ and azureml:// URIs. */
export function JobOutputs({ jobId }: { jobId: string }) {
  return (
    <FileBrowser
      apiBase={`/api/studio/jobs/${jobId}`}
      urisFor={(path) => {
        const uris = jobOutputUris(jobId, path);
        return { "Azure ML": uris.azureml, MLflow: uris.runs };
      }}
    />
  );
}
