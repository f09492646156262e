import { expect, test } from "@playwright/test";
import { runWithMlflowClient } from "./support/python";

type Seeded = { columns: string; tensor: string; run_id: string };
let seeded: Seeded;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const out = runWithMlflowClient("register_models.py", [process.env.STUDIO_URL!, Date.now().toString(36)]);
  seeded = JSON.parse(out.trim().split("\n").pop()!);
  // 59 more versions of the tensor model (from its version 1), so the versions table has 3 pages.
  for (let i = 0; i < 59; i++) {
    const res = await fetch(`${process.env.STUDIO_URL}/api/studio/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: seeded.tensor, source: `models:/${seeded.tensor}/1` }),
    });
    if (res.status !== 200) throw new Error(await res.text());
  }
});

test("finds models by name and by tag", async ({ page }) => {
  await page.goto("/models");
  await page.getByLabel("Search by model name").fill(seeded.columns);
  await page.getByLabel("Search by model name").press("Enter");
  const table = page.getByTestId("models-table");
  await expect(table.getByRole("link", { name: seeded.columns })).toBeVisible();
  await expect(table.locator("tbody tr")).toHaveCount(1);

  await page.goto("/models");
  await page.getByLabel("Filter by tag").fill("team=vision");
  await page.getByLabel("Filter by tag").press("Enter");
  await expect(page.getByTestId("tag-filter-chip")).toContainText("team=vision");
  await expect(table.getByRole("link", { name: seeded.tensor })).toBeVisible();
  await expect(table.getByRole("link", { name: seeded.columns })).toHaveCount(0);
});

test("shows a column signature, a tensor shape and the MLmodel text", async ({ page }) => {
  await page.goto(`/models/${encodeURIComponent(seeded.columns)}`);
  await expect(page.getByTestId("model-description")).toContainText("Predicts diabetes");
  await page.getByTestId("versions-table").getByRole("link", { name: "Version 1" }).click();
  await page.getByRole("tab", { name: "Signature" }).click();
  const inputs = page.getByTestId("signature-inputs");
  await expect(inputs).toContainText("PlasmaGlucose");
  await expect(inputs.locator("tr", { hasText: "PlasmaGlucose" })).toContainText("double");
  await expect(inputs.locator("tr", { hasText: "Age" })).toContainText("long");

  await page.getByRole("tab", { name: "MLmodel" }).click();
  await expect(page.getByTestId("mlmodel-editor")).toContainText("loader_module", { timeout: 30_000 });
  await expect(page.getByTestId("mlmodel-details")).toContainText("mlflow.sklearn");

  await page.getByRole("tab", { name: "Input example" }).click();
  await expect(page.getByTestId("input-example-table")).toContainText("BMI");
  await expect(page.getByTestId("serving-payload")).toContainText("dataframe_split");

  await page.goto(`/models/${encodeURIComponent(seeded.tensor)}/versions/1?tab=signature`);
  await expect(page.getByTestId("signature-inputs").getByTestId("tensor-shape")).toHaveText("batch × 300 × 300 × 3");
  await expect(page.getByTestId("signature-inputs")).toContainText("uint8");
});

test("sets an alias and a tag, edits the description, and they persist", async ({ page }) => {
  await page.goto(`/models/${encodeURIComponent(seeded.columns)}`);
  const aliases = page.getByTestId("aliases-editor");
  await aliases.getByLabel("Alias", { exact: true }).fill("champion");
  await aliases.getByLabel("Version").fill("1");
  await aliases.getByRole("button", { name: "Set alias" }).click();
  await expect(aliases).toContainText("@champion");
  const tags = page.getByTestId("model-tags");
  await tags.getByLabel("Tag key").fill("stage");
  await tags.getByLabel("Tag value").fill("prod");
  await tags.getByRole("button", { name: "Set tag" }).click();
  await expect(tags).toContainText("stage");
  const description = page.getByTestId("model-description");
  await description.getByRole("button", { name: "Edit description" }).click();
  await description.getByLabel("Description").fill("Retrained **weekly** on new patients.");
  await description.getByRole("button", { name: "Save" }).click();
  await expect(description.locator("strong")).toHaveText("weekly");

  await page.reload();
  await expect(page.getByTestId("aliases-editor")).toContainText("@champion");
  await expect(page.getByTestId("model-tags")).toContainText("prod");
  await expect(page.getByTestId("model-description")).toContainText("Retrained weekly on new patients.");
  await page.goto(`/models/${encodeURIComponent(seeded.columns)}/versions/1`);
  await expect(page.getByTestId("version-uris")).toContainText(`models:/${seeded.columns}@champion`);
});

test("pages through 60 versions", async ({ page }) => {
  await page.goto(`/models/${encodeURIComponent(seeded.tensor)}`);
  const rows = page.getByTestId("versions-table").locator("tbody tr");
  await expect(rows).toHaveCount(25);
  await expect(rows.first()).toContainText("Version 60");
  await page.getByRole("link", { name: "Older →" }).click();
  await expect(rows.first()).toContainText("Version 35");
  await page.getByRole("link", { name: "Older →" }).click();
  await expect(rows).toHaveCount(10);
  await expect(rows.last()).toContainText("Version 1");
  await expect(page.getByText("Older →")).not.toHaveAttribute("href");
  await page.getByRole("link", { name: "← Newer" }).click();
  await expect(rows.first()).toContainText("Version 35");
});
