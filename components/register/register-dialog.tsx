"use client";
import { useRouter } from "next/navigation";
import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { registerModel } from "@/lib/actions/register-model";
import { formatBytes } from "@/lib/format";
import { MODEL_TYPE_LABELS, MODEL_TYPES, modelNameProblem, type ModelType } from "@/lib/registry/names";
import { UploadPicker } from "./upload-picker";
import { uploadFolder, type LocalFile, type UploadProgress } from "./upload-files";
import { useNameInfo, useSourceCheck } from "./use-source-check";

type Props = { source?: string; name?: string; label?: string; allowUpload?: boolean; buttonClass?: string };

/** Register a model version from a job output, a path/URI, or an uploaded folder. */
export function RegisterDialog({
  source: initialSource = "",
  name: initialName = "",
  label = "Register model",
  allowUpload = false,
  buttonClass = "btn btn-primary",
}: Props) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [mode, setMode] = useState<"path" | "upload">("path");
  const [source, setSource] = useState(initialSource);
  const [name, setName] = useState(initialName);
  const [type, setType] = useState<"" | ModelType>("");
  const [description, setDescription] = useState("");
  const [tags, setTags] = useState<{ key: string; value: string }[]>([]);
  const [files, setFiles] = useState<LocalFile[]>([]);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const [state, formAction, pending] = useActionState<ActionState, FormData>(registerModel, {});
  const check = useSourceCheck(mode === "path" ? source : "");
  const { info, names } = useNameInfo(name);

  useEffect(() => {
    if (state.href) router.push(state.href);
  }, [state.href, router]);

  const inspection = check.data;
  const effectiveType = type || (inspection?.ok ? inspection.detected : "");
  const typeCheck = inspection?.ok && effectiveType ? inspection.checks[effectiveType] : null;
  const nameProblem = name ? modelNameProblem(name) : null;
  const busy = pending || progress !== null;

  async function submit() {
    setUploadError(null);
    let src = source;
    if (mode === "upload") {
      if (files.length === 0) return setUploadError("Choose a folder or files to upload");
      abort.current = new AbortController();
      try {
        setProgress({ sentBytes: 0, totalBytes: files.reduce((n, f) => n + f.file.size, 0), currentFile: "" });
        src = `upload:${await uploadFolder(files, setProgress, abort.current.signal)}`;
      } catch (e) {
        setProgress(null);
        return setUploadError((e as Error).name === "AbortError" ? "Upload cancelled: nothing was registered." : (e as Error).message);
      }
      setProgress(null);
    }
    const form = new FormData();
    form.set("name", name);
    form.set("source", src);
    form.set("type", type);
    form.set("description", description);
    form.set("tags", JSON.stringify(tags.filter((t) => t.key.trim())));
    startTransition(() => formAction(form));
  }

  return (
    <>
      <button type="button" className={buttonClass} onClick={() => dialog.current?.showModal()}>
        {label}
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby="register-title" data-testid="register-dialog">
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <h2 id="register-title" style={{ marginTop: 0 }}>
            Register a model version
          </h2>
          {allowUpload && (
            <div role="tablist" className="copy-row" style={{ marginBottom: 12 }}>
              <button
                type="button"
                role="tab"
                aria-selected={mode === "path"}
                className={`btn btn-sm${mode === "path" ? " btn-primary" : ""}`}
                onClick={() => setMode("path")}
              >
                From a job output or path
              </button>
              <button
                type="button"
                role="tab"
                aria-selected={mode === "upload"}
                className={`btn btn-sm${mode === "upload" ? " btn-primary" : ""}`}
                onClick={() => setMode("upload")}
              >
                Upload a folder
              </button>
            </div>
          )}
          {mode === "path" ? (
            <label className="field">
              <span>Source</span>
              <input
                className="mono"
                value={source}
                onChange={(e) => setSource(e.target.value)}
                placeholder="azureml://jobs/<job>/outputs/artifacts/paths/model/"
                aria-label="Source"
                required
              />
              <span className="muted small">
                runs:/&lt;job&gt;/&lt;path&gt;, azureml://jobs/&lt;job&gt;/outputs/artifacts/paths/&lt;path&gt;/, models:/&lt;logged model
                id&gt; or mlflow-artifacts:/…
              </span>
              {check.isFetching && <span className="muted small">Checking…</span>}
              {inspection && !inspection.ok && (
                <span className="field-error" role="alert">
                  {inspection.message}
                </span>
              )}
              {inspection?.ok && (
                <span className="small" data-testid="source-summary">
                  {inspection.files} files, {formatBytes(inspection.bytes)} · detected {MODEL_TYPE_LABELS[inspection.detected]}
                </span>
              )}
            </label>
          ) : (
            <UploadPicker files={files} onFiles={setFiles} progress={progress} onCancel={() => abort.current?.abort()} />
          )}
          <label className="field">
            <span>Name</span>
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              list="register-model-names"
              aria-label="Model name"
              required
              aria-invalid={!!nameProblem}
            />
            <datalist id="register-model-names">
              {names.map((n) => (
                <option key={n} value={n} />
              ))}
            </datalist>
            {nameProblem ? (
              <span className="field-error">{nameProblem}</span>
            ) : (
              name &&
              info && (
                <span className="small" data-testid="version-hint">
                  {info.exists ? `Will be version ${info.lastVersion + 1} of ${name}` : "New model: this will be version 1"}
                </span>
              )
            )}
            {state.errors?.name && <span className="field-error">{state.errors.name}</span>}
          </label>
          <label className="field">
            <span>Type</span>
            <select value={type} onChange={(e) => setType(e.target.value as ModelType | "")} aria-label="Model type">
              <option value="">Detect{inspection?.ok ? ` (${MODEL_TYPE_LABELS[inspection.detected]})` : ""}</option>
              {MODEL_TYPES.map((t) => (
                <option key={t} value={t}>
                  {MODEL_TYPE_LABELS[t]}
                </option>
              ))}
            </select>
            {typeCheck?.errors.map((e) => (
              <span key={e} className="field-error">
                {e}
              </span>
            ))}
            {typeCheck?.warnings.map((w) => (
              <span key={w} className="muted small">
                {w}
              </span>
            ))}
          </label>
          <label className="field">
            <span>Description (Markdown)</span>
            <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={3} aria-label="Description" />
          </label>
          <fieldset className="field" style={{ border: "none", padding: 0 }}>
            <legend>Tags</legend>
            {tags.map((t, i) => (
              <div key={i} className="tag-form" style={{ marginBottom: 4 }}>
                <input
                  value={t.key}
                  placeholder="key"
                  aria-label={`Tag ${i + 1} key`}
                  onChange={(e) => setTags(tags.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)))}
                />
                <input
                  value={t.value}
                  placeholder="value"
                  aria-label={`Tag ${i + 1} value`}
                  onChange={(e) => setTags(tags.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))}
                />
                <button
                  type="button"
                  className="icon-btn"
                  aria-label={`Remove tag ${i + 1}`}
                  onClick={() => setTags(tags.filter((_, j) => j !== i))}
                >
                  ×
                </button>
              </div>
            ))}
            <button type="button" className="btn btn-sm" onClick={() => setTags([...tags, { key: "", value: "" }])}>
              Add tag
            </button>
          </fieldset>
          {(state.message || uploadError || state.errors?.source) && (
            <p className="error-box" role="alert" data-testid="register-error">
              {state.message ?? uploadError ?? state.errors?.source}
            </p>
          )}
          <div className="copy-row" style={{ justifyContent: "flex-end" }}>
            <button
              type="button"
              className="btn"
              onClick={() => {
                abort.current?.abort();
                dialog.current?.close();
              }}
            >
              Close
            </button>
            <button type="submit" className="btn btn-primary" disabled={busy || !!nameProblem}>
              {pending ? "Registering…" : progress ? "Uploading…" : "Register"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
