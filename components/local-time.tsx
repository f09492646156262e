"use client";
import { useEffect, useState } from "react";
import { formatTimestampUtc } from "@/lib/format";

/** Renders UTC on the server, then the viewer's local time once hydrated. */
export function LocalTime({ ms }: { ms: number | null | undefined }) {
  const [text, setText] = useState(() => formatTimestampUtc(ms));
  useEffect(() => {
    if (ms && ms > 0) setText(new Date(ms).toLocaleString());
  }, [ms]);
  return (
    <time dateTime={ms && ms > 0 ? new Date(ms).toISOString() : undefined} title={formatTimestampUtc(ms)}>
      {text}
    </time>
  );
}
