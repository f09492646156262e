import { expect, test } from "@playwright/test";

test("navigates to Jobs and Models and shows empty states", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Model Studio" })).toBeVisible();
  await expect(page.getByTestId("tracking-snippet")).toContainText("MLFLOW_TRACKING_URI=http://");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Jobs" }).click();
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(page.getByRole("heading", { name: "Jobs", level: 1 })).toBeVisible();
  await expect(page.getByTestId("jobs-empty")).toContainText("No jobs yet");
  await expect(page.getByTestId("jobs-empty")).toContainText("export MLFLOW_TRACKING_URI=");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Models" }).click();
  await expect(page).toHaveURL(/\/models$/);
  await expect(page.getByTestId("models-empty")).toContainText("No registered models yet");
  await expect(page.getByRole("link", { name: "Models" })).toHaveAttribute("aria-current", "page");
});

test("toggles the theme and remembers it", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/models");
  const html = page.locator("html");
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const lightBg = await bg();
  const toggle = page.getByTestId("theme-toggle");
  await expect(toggle).toHaveAttribute("data-mode", "system");

  await toggle.click(); // system → light
  await expect(html).toHaveAttribute("data-theme", "light");
  await toggle.click(); // light → dark
  await expect(html).toHaveAttribute("data-theme", "dark");
  expect(await bg()).not.toBe(lightBg);

  await page.reload(); // remembered, and applied before paint
  await expect(html).toHaveAttribute("data-theme", "dark");
  await expect(toggle).toHaveAttribute("data-mode", "dark");

  await toggle.click(); // dark → system (light here)
  await expect(html).not.toHaveAttribute("data-theme", /.+/);
  expect(await bg()).toBe(lightBg);
});

test("unknown pages get a not-found page", async ({ page }) => {
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();
});
