/**
 * The MLflow client prints links into MLflow's own UI ("View run at http://host/#/experiments/1/
 * runs/<id>"). Those land on the studio's home page with a hash; this maps them to studio pages.
 */
export function studioPathForMlflowHash(hash: string): string | null {
  const h = hash.replace(/^#/, "").split("?")[0]!;
  let m: RegExpExecArray | null;
  if ((m = /^\/experiments\/(\d+)\/runs\/([\w-]+)/.exec(h))) return `/jobs/${m[2]}`;
  if ((m = /^\/experiments\/(\d+)/.exec(h))) return `/jobs?experiment=${m[1]}`;
  if ((m = /^\/models\/([^/]+)\/versions\/(\d+)/.exec(h))) return `/models/${m[1]}/versions/${m[2]}`;
  if ((m = /^\/models\/([^/]+)/.exec(h))) return `/models/${m[1]}`;
  if (/^\/models\/?$/.test(h)) return "/models";
  return null;
}
