import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { call, uniq } from "../tests/api/client";
import { seedDiabetesJob } from "./support/seed";

async function openOutputsFolder(page: Page, runId: string, folder: string) {
  await page.goto(`/jobs/${runId}?tab=outputs&path=${encodeURIComponent(folder)}`);
  await expect(page.getByTestId("file-detail")).toContainText("items");
}

async function versionsOf(name: string): Promise<string[]> {
  const res = await call("GET", "model-versions/search", { filter: `name='${name}'` });
  return ((res.body.model_versions ?? []) as { version: string }[]).map((v) => v.version).sort();
}

test("registers a job's model folder from the outputs browser, twice, as versions 1 and 2", async ({ page }) => {
  const { runId } = await seedDiabetesJob();
  const name = uniq("mlflow-diabetes");
  await openOutputsFolder(page, runId, "model");
  await page.getByRole("button", { name: "Register model" }).click();
  const dialog = page.getByTestId("register-dialog");
  await expect(dialog.getByLabel("Source")).toHaveValue(`azureml://jobs/${runId}/outputs/artifacts/paths/model/`);
  await expect(dialog.getByTestId("source-summary")).toContainText("detected MLflow");
  await dialog.getByLabel("Model name").fill(name);
  await expect(dialog.getByTestId("version-hint")).toContainText("New model");
  await dialog.getByRole("button", { name: "Add tag" }).click();
  await dialog.getByLabel("Tag 1 key").fill("team");
  await dialog.getByLabel("Tag 1 value").fill("health");
  await dialog.getByRole("button", { name: "Register", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/models/${name}/versions/1$`));
  await page.getByRole("tab", { name: "Signature" }).click();
  await expect(page.getByTestId("signature-inputs")).toContainText("PlasmaGlucose");

  // Same output, the runs:/ form, from the Models page: version 2 of the same model.
  await page.goto("/models");
  await page.getByRole("button", { name: "Register model" }).click();
  await dialog.getByLabel("Source").fill(`runs:/${runId}/model`);
  await dialog.getByLabel("Model name").fill(name);
  await expect(dialog.getByTestId("version-hint")).toContainText(`Will be version 2 of ${name}`);
  await dialog.getByRole("button", { name: "Register", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/models/${name}/versions/2$`));
  expect(await versionsOf(name)).toEqual(["1", "2"]);
});

test("refuses a bad path and a wrong type with readable errors and registers nothing", async ({ page }) => {
  const { runId } = await seedDiabetesJob();
  const name = uniq("refused");
  await page.goto("/models");
  await page.getByRole("button", { name: "Register model" }).click();
  const dialog = page.getByTestId("register-dialog");
  await dialog.getByLabel("Source").fill(`azureml://jobs/${runId}/outputs/artifacts/paths/no-such-folder/`);
  await expect(dialog.getByRole("alert").first()).toContainText("Nothing at 'no-such-folder'");
  await dialog.getByLabel("Model name").fill(name);
  await dialog.getByRole("button", { name: "Register", exact: true }).click();
  await expect(dialog.getByTestId("register-error")).toContainText("no-such-folder");

  await dialog.getByLabel("Source").fill(`runs:/${runId}/data`);
  await expect(dialog.getByTestId("source-summary")).toContainText("detected Custom");
  await dialog.getByLabel("Model type").selectOption("MLFLOW");
  await expect(dialog).toContainText("MLflow models need an MLmodel file");
  await dialog.getByRole("button", { name: "Register", exact: true }).click();
  await expect(dialog.getByTestId("register-error")).toContainText("MLmodel");
  expect(await versionsOf(name)).toEqual([]);
  expect((await call("GET", "registered-models/get", { name })).status).toBe(404);
});

test("uploads a local folder with progress and registers it as a Custom version", async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-upload-"));
  fs.mkdirSync(path.join(dir, "weights"));
  fs.writeFileSync(path.join(dir, "weights", "layer 1.bin"), Buffer.alloc(2 * 1024 * 1024, 7));
  fs.writeFileSync(path.join(dir, "score.py"), "def run(x):\n    return x\n");
  const name = uniq("custom-upload");
  await page.goto("/models");
  await page.getByRole("button", { name: "Register model" }).click();
  const dialog = page.getByTestId("register-dialog");
  await dialog.getByRole("tab", { name: "Upload a folder" }).click();
  await dialog.getByLabel("Choose folder").setInputFiles(dir);
  await expect(dialog.getByTestId("upload-selection")).toContainText("2 files");
  await dialog.getByLabel("Model name").fill(name);
  await dialog.getByLabel("Model type").selectOption("CUSTOM");
  await dialog.getByRole("button", { name: "Register", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/models/${name}/versions/1$`));
  await expect(page.getByTestId("version-uris")).toContainText(`models:/${name}/1`);
  await page.getByRole("tab", { name: "Files" }).click();
  const tree = page.getByTestId("file-tree");
  await expect(tree.locator('[data-path="score.py"]')).toBeVisible();
  await tree.locator('[data-path="weights"]').click();
  await expect(tree.locator('[data-path="weights/layer 1.bin"]')).toContainText("2.0 MB");
});
