import { handleMultipartRequest } from "@/lib/server/mlflow/multipart-routes";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ path: string[] }> };
const handle = async (req: Request, ctx: Ctx) => handleMultipartRequest(req, (await ctx.params).path);

export { handle as POST, handle as PUT };
