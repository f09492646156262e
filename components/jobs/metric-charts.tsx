"use client";
import { useState } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

type Point = { step: number; timestamp: number; value: number };

/** One line chart per metric, by step or by wall time (relative to the job's start). */
export function MetricCharts({ histories, startTime }: { histories: Record<string, Point[]>; startTime: number }) {
  const [axis, setAxis] = useState<"step" | "time">("step");
  const keys = Object.keys(histories).sort();
  if (keys.length === 0) return <p className="muted">This job logged no metrics.</p>;
  return (
    <>
      <div role="radiogroup" aria-label="X axis" className="copy-row" style={{ marginBottom: 12 }}>
        <span className="muted small">X axis:</span>
        {(["step", "time"] as const).map((a) => (
          <button
            key={a}
            type="button"
            role="radio"
            aria-checked={axis === a}
            className={`btn btn-sm${axis === a ? " btn-primary" : ""}`}
            onClick={() => setAxis(a)}
          >
            {a === "step" ? "Step" : "Time"}
          </button>
        ))}
      </div>
      <div className="chart-grid">
        {keys.map((key) => {
          const points = histories[key]!.map((p) => ({
            x: axis === "step" ? p.step : Math.max(0, (p.timestamp - startTime) / 1000),
            value: Number.isFinite(p.value) ? p.value : null,
          }));
          return (
            <figure key={key} className="card chart-card" data-testid={`metric-chart-${key}`} data-points={points.length}>
              <figcaption className="mono small">{key}</figcaption>
              <div style={{ height: 200 }}>
                <ResponsiveContainer width="100%" height="100%">
                  <LineChart data={points} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
                    <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
                    <XAxis
                      dataKey="x"
                      type="number"
                      domain={["dataMin", "dataMax"]}
                      tick={{ fontSize: 11, fill: "var(--fg-muted)" }}
                      unit={axis === "time" ? "s" : undefined}
                    />
                    <YAxis tick={{ fontSize: 11, fill: "var(--fg-muted)" }} width={56} domain={["auto", "auto"]} />
                    <Tooltip contentStyle={{ background: "var(--bg)", border: "1px solid var(--border)" }} />
                    <Line
                      type="monotone"
                      dataKey="value"
                      stroke="var(--accent)"
                      dot={points.length <= 100}
                      isAnimationActive={false}
                      connectNulls
                    />
                  </LineChart>
                </ResponsiveContainer>
              </div>
            </figure>
          );
        })}
      </div>
    </>
  );
}
