// MLflow's test utilities and load balancers poll this; the reference server answers "OK".
export const dynamic = "force-dynamic";

export function GET() {
  return new Response("OK", { status: 200, headers: { "content-type": "text/plain; charset=utf-8" } });
}
