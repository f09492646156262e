import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { InputExampleView } from "@/components/models/input-example-view";
import { MlmodelDetails } from "@/components/models/mlmodel-details";
import { MlmodelSource } from "@/components/models/mlmodel-source";
import { SignatureView } from "@/components/models/signature-view";
import { TritonView } from "@/components/models/triton-view";
import { VersionFiles } from "@/components/models/version-files";
import { VersionOverview } from "@/components/models/version-overview";
import { StatusBadge } from "@/components/status-badge";
import { Tabs } from "@/components/tabs";
import { parseMLmodel } from "@/lib/mlmodel/parse-mlmodel";
import { getVersionDetail } from "@/lib/server/version-files";

export const dynamic = "force-dynamic";
type Props = { params: Promise<{ name: string; version: string }>; searchParams: Promise<{ tab?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const p = await params;
  return { title: `${p.name} v${p.version}` };
}

export default async function VersionPage({ params, searchParams }: Props) {
  const p = await params;
  const name = p.name;
  const detail = await getVersionDetail(name, p.version);
  if (!detail) notFound();
  const v = detail.version;
  const parsed = detail.mlmodelText !== null ? parseMLmodel(detail.mlmodelText, detail.mlmodelBytes) : null;
  const tabs = [
    { id: "overview", label: "Overview" },
    ...(detail.mlmodelText !== null
      ? [
          { id: "mlmodel", label: "MLmodel" },
          { id: "signature", label: "Signature" },
          { id: "example", label: "Input example" },
        ]
      : []),
    { id: "files", label: "Files" },
  ];
  const requested = (await searchParams).tab;
  const tab = tabs.some((t) => t.id === requested) ? requested! : "overview";
  const base = `/models/${encodeURIComponent(name)}/versions/${v.version}`;
  return (
    <>
      <p className="small muted">
        <Link href="/models">Models</Link> / <Link href={`/models/${encodeURIComponent(name)}`}>{name}</Link> / Version {v.version}
      </p>
      <div className="page-header">
        <h1 className="copy-row">
          {name} <span className="muted">v{v.version}</span> <StatusBadge status={v.status} />
        </h1>
      </div>
      <Tabs base={base} current={tab} tabs={tabs} />
      {tab === "overview" && (
        <>
          <VersionOverview detail={detail} />
          {detail.tritonConfig && (
            <div style={{ marginTop: 16 }}>
              <TritonView config={detail.tritonConfig} />
            </div>
          )}
        </>
      )}
      {tab === "mlmodel" && detail.mlmodelText !== null && (
        <div className="grid grid-2" style={{ alignItems: "start" }}>
          <div>
            {parsed && !parsed.ok && (
              <p className="error-box" data-testid="mlmodel-error">
                The MLmodel file cannot be parsed
                {parsed.error.line ? ` (line ${parsed.error.line}${parsed.error.column ? `, column ${parsed.error.column}` : ""})` : ""}:{" "}
                {parsed.error.message}
              </p>
            )}
            {detail.mlmodelTruncated && <p className="muted small">Showing the first 1 MB.</p>}
            <MlmodelSource text={detail.mlmodelText} errorLine={parsed && !parsed.ok ? parsed.error.line : undefined} />
          </div>
          {parsed?.ok ? <MlmodelDetails model={parsed.model} /> : <p className="muted">Fix the file to see its flavors and signature.</p>}
        </div>
      )}
      {tab === "signature" &&
        (parsed?.ok ? (
          <SignatureView signature={parsed.model.signature} />
        ) : (
          <p className="error-box">The MLmodel file cannot be parsed, so its signature is unknown.</p>
        ))}
      {tab === "example" && (
        <InputExampleView
          inputExample={detail.inputExample}
          servingExample={detail.servingExample}
          info={parsed?.ok ? parsed.model.savedInputExampleInfo : null}
        />
      )}
      {tab === "files" && <VersionFiles name={name} version={v.version} />}
    </>
  );
}
