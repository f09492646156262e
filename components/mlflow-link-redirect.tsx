"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { studioPathForMlflowHash } from "@/lib/mlflow-ui-links";

/** Follows MLflow UI links (`/#/experiments/…/runs/…`) printed by the MLflow client to studio pages. */
export function MlflowLinkRedirect() {
  const router = useRouter();
  useEffect(() => {
    const target = studioPathForMlflowHash(window.location.hash);
    if (target) router.replace(target);
  }, [router]);
  return null;
}
