import { expect, it } from "vitest";

const url = process.env.STUDIO_URL!;

it("GET /health answers 200 OK", async () => {
  const res = await fetch(`${url}/health`);
  expect(res.status).toBe(200);
  expect(await res.text()).toBe("OK");
});

it("serves the shell pages", async () => {
  for (const p of ["/", "/jobs", "/models"]) {
    const res = await fetch(`${url}${p}`);
    expect(res.status, p).toBe(200);
    expect(await res.text()).toContain("Model Studio");
  }
});
