"use client";
import { FileBrowser } from "@/components/files/file-browser";
import { RegisterDialog } from "@/components/register/register-dialog";
import { jobOutputUris } from "@/lib/registry/source-uri";

/** The job's outputs (artifacts and MLflow 3 logged models) with their URIs and a Register action. */
export function JobOutputs({ jobId, canRegister = true }: { jobId: string; canRegister?: boolean }) {
  return (
    <FileBrowser
      apiBase={`/api/studio/jobs/${jobId}`}
      urisFor={(path) => {
        const uris = jobOutputUris(jobId, path);
        return { "Azure ML": uris.azureml, MLflow: uris.runs };
      }}
      folderActions={(path, isModel) =>
        canRegister && (
          <RegisterDialog
            key={path}
            source={jobOutputUris(jobId, path).azureml}
            label={isModel ? "Register model" : "Register as model"}
            buttonClass={isModel ? "btn btn-primary btn-sm" : "btn btn-sm"}
          />
        )
      }
    />
  );
}
