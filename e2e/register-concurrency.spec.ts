import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { call, uniq } from "../tests/api/client";
import { seedDiabetesJob } from "./support/seed";

const run = promisify(execFile);

test("browser, CLI and MLflow client registering one name at once get unique, gap-free versions", async ({ page }) => {
  test.setTimeout(180_000);
  const { runId } = await seedDiabetesJob();
  const name = uniq("race");
  const source = `runs:/${runId}/model`;
  await page.goto(`/jobs/${runId}?tab=outputs&path=model`);
  await page.getByRole("button", { name: "Register model" }).click();
  const dialog = page.getByTestId("register-dialog");
  await dialog.getByLabel("Model name").fill(name);

  const env = { ...process.env, MLFLOW_TRACKING_URI: process.env.STUDIO_URL, PYTHONWARNINGS: "ignore" };
  const cli = Array.from({ length: 4 }, () =>
    run(process.execPath, [path.resolve("bin/studio.mjs"), "register", "--name", name, "--path", source, "--json"], { env }),
  );
  const python = run(
    process.env.STUDIO_PYTHON!,
    [path.join(__dirname, "support", "register_concurrently.py"), process.env.STUDIO_URL!, name, source, "4"],
    { env },
  );
  const browser = dialog.getByRole("button", { name: "Register", exact: true }).click();
  const [cliOut, pyOut] = await Promise.all([Promise.all(cli), python, browser]);
  await expect(page).toHaveURL(new RegExp(`/models/${name}/versions/\\d+$`));

  const fromCli = cliOut.map((o) => Number(JSON.parse(o.stdout).model_version.version));
  const fromPython = pyOut.stdout.trim().split(/\s+/).map(Number);
  const fromBrowser = Number(/versions\/(\d+)$/.exec(page.url())![1]);
  const all = [...fromCli, ...fromPython, fromBrowser].sort((a, b) => a - b);
  expect(all).toEqual(Array.from({ length: 9 }, (_, i) => i + 1));
  const listed = await call("GET", "model-versions/search", { filter: `name='${name}'` });
  expect((listed.body.model_versions as unknown[]).length).toBe(9);
});
