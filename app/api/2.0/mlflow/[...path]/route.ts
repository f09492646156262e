import { dispatchMlflow } from "@/lib/server/mlflow/routes";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ path: string[] }> };
const handle = async (req: Request, ctx: Ctx) => dispatchMlflow(req, (await ctx.params).path);

export { handle as GET, handle as POST, handle as PATCH, handle as DELETE, handle as PUT };
