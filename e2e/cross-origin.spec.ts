// Issue 13's attack, replayed in a real browser against the embedded default (auth off): a page
// served from another origin on this machine tries to create an experiment and a registered model
// and to write an artifact in the studio, with the requests a page can send without a preflight
// (text/plain fetches, a plain HTML form). The studio refuses them all and nothing is written.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { ARTIFACTS, call, uniq } from "../tests/api/client";

test("a page on another origin cannot write to the studio", async ({ page }) => {
  const studio = process.env.STUDIO_URL!;
  const name = uniq("xorigin-e2e");
  const attack = `<!doctype html><html><body>
<form id="f" method="POST" action="${studio}/api/2.0/mlflow/registered-models/create" enctype="text/plain" target="sink">
  <input name='{"name":"${name}","x":"' value='"}'>
</form>
<iframe name="sink" title="sink"></iframe>
<script>
  const results = {};
  const opts = (body, method = "POST") => ({ method, mode: "no-cors", headers: { "content-type": "text/plain" }, body });
  Promise.all([
    fetch("${studio}/api/2.0/mlflow/experiments/create", opts(JSON.stringify({ name: "${name}" }))).then(() => (results.exp = "sent"), (e) => (results.exp = String(e))),
    fetch("${studio}/api/2.0/mlflow-artifacts/artifacts/0/${name}/artifacts/pwned.txt", { method: "PUT", mode: "cors", body: "x" }).then(() => (results.put = "sent"), (e) => (results.put = String(e))),
  ]).then(() => { document.getElementById("f").submit(); setTimeout(() => (document.title = "done"), 1500); });
</script></body></html>`;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(attack);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  try {
    const port = (server.address() as AddressInfo).port;
    await page.goto(`http://127.0.0.1:${port}/`);
    await expect(page).toHaveTitle("done", { timeout: 15_000 });
  } finally {
    server.close();
  }
  expect((await call("GET", "experiments/get-by-name", { experiment_name: name })).status).toBe(404);
  expect((await call("GET", "registered-models/search", { filter: `name LIKE '${name}%'` })).body.registered_models ?? []).toEqual([]);
  expect((await fetch(`${ARTIFACTS}/0/${name}/artifacts/pwned.txt`)).status).toBe(404);
});
