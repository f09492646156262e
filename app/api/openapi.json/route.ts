import { openApiDocument } from "@/lib/server/openapi/document";
import { json } from "@/lib/server/mlflow/http";

export const dynamic = "force-dynamic";

/** The studio's API as OpenAPI 3.1 (for people, client generators and the fuzz suite). */
export function GET() {
  return json(openApiDocument());
}
