import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { seedDiabetesJob } from "./support/seed";

test("finds a job by a metric filter and reads its params, metric chart and outputs", async ({ page }) => {
  const name = `diab-${Date.now().toString(36)}`;
  const { runId, exp } = await seedDiabetesJob({ auc: 0.97, depth: "7", name });
  await seedDiabetesJob({ auc: 0.61, depth: "3" });

  await page.goto(`/jobs?experiment=${exp}`);
  await page.getByLabel("Filter").fill("metrics.auc > 0.9 and params.max_depth = '7'");
  await page.getByLabel("Filter").press("Enter");
  await expect(page).toHaveURL(/filter=metrics.auc/);
  const table = page.getByTestId("jobs-table");
  await expect(table.getByRole("link", { name })).toBeVisible();
  await expect(table.locator("tbody tr")).toHaveCount(1);

  // A bad filter explains itself instead of failing.
  await page.getByLabel("Filter").fill("metrics.auc >");
  await page.getByLabel("Filter").press("Enter");
  await expect(page.locator("#filter-error")).toContainText(/filter|value/i);

  await page.goto(`/jobs/${runId}`);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByTestId("job-params")).toContainText("max_depth");
  await expect(page.getByTestId("job-params")).toContainText("7");
  await expect(page.getByTestId("job-metrics")).toContainText("rmse");

  await page.getByRole("tab", { name: "Metrics" }).click();
  const chart = page.getByTestId("metric-chart-rmse");
  await expect(chart).toHaveAttribute("data-points", "12");
  await expect(chart.locator(".recharts-line-dots circle, .recharts-dot")).toHaveCount(12);

  await page.getByRole("tab", { name: "Outputs" }).click();
  const tree = page.getByTestId("file-tree");
  await tree.locator('[data-path="model"]').click();
  await expect(page.getByTestId("model-card")).toContainText("sklearn");
  await expect(page.getByTestId("signature-summary")).toContainText("3 columns");
  await expect(page.getByTestId("file-detail")).toContainText(`azureml://jobs/${runId}/outputs/artifacts/paths/model/`);
  await expect(page.getByTestId("file-detail")).toContainText(`runs:/${runId}/model`);
  await tree.locator('[data-path="model/MLmodel"]').click();
  await expect(page.getByTestId("preview-text")).toContainText("loader_module: mlflow.sklearn");
  await expect(page).toHaveURL(/path=model%2FMLmodel/);

  await tree.locator('[data-path="data"]').click();
  await tree.locator('[data-path="data/diabetes.csv"]').click();
  await expect(page.getByTestId("csv-preview")).toContainText("PlasmaGlucose");

  await tree.locator('[data-path="model"]').click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download folder as zip" }).click()]);
  const file = await download.path();
  const names = execFileSync("python3", [
    "-c",
    "import sys,zipfile; print('\\n'.join(sorted(zipfile.ZipFile(sys.argv[1]).namelist())))",
    file,
  ])
    .toString()
    .trim()
    .split("\n");
  expect(names).toEqual(["MLmodel", "conda.yaml", "input_example.json", "model.pkl"]);
});

test("follows the MLflow UI link the client prints to the job page", async ({ page }) => {
  const { runId, exp } = await seedDiabetesJob();
  await page.goto(`/#/experiments/${exp}/runs/${runId}`);
  await expect(page).toHaveURL(new RegExp(`/jobs/${runId}$`));
  await expect(page.getByTestId("job-params")).toContainText("max_depth");
});

test("an unknown job is a 404 page", async ({ page }) => {
  const res = await page.goto("/jobs/0123456789abcdef0123456789abcdef");
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();
});
