import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { authEnabled, currentPrincipal } from "@/lib/server/auth/principal";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ next?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  await headers();
  const next = (await searchParams).next ?? "/";
  if (!authEnabled() || currentPrincipal().kind === "user") redirect(/^\/(?![/\\])/.test(next) ? next : "/");
  return (
    <section className="card" style={{ maxWidth: 420, margin: "48px auto" }}>
      <h1 style={{ marginTop: 0 }}>Sign in</h1>
      <p className="muted small">Sign in to Model Studio with your account. Scripts and the MLflow client use an API token instead.</p>
      <SignInForm next={next} />
    </section>
  );
}
