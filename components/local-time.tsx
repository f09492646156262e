"use client";
import { useEffect, useState } from "react";
import { dateFromMs, formatTimestampUtc } from "@/lib/format";

/** Renders UTC on the server, then the viewer's local time once hydrated. */
export function LocalTime({ ms }: { ms: number | null | undefined }) {
  const [text, setText] = useState(() => formatTimestampUtc(ms));
  useEffect(() => {
    const date = dateFromMs(ms);
    if (date) setText(date.toLocaleString());
  }, [ms]);
  return (
    <time dateTime={dateFromMs(ms)?.toISOString()} title={formatTimestampUtc(ms)}>
      {text}
    </time>
  );
}
