import { handleArtifactRequest } from "@/lib/server/mlflow/artifact-proxy";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ path?: string[] }> };
const handle = async (req: Request, ctx: Ctx) => handleArtifactRequest(req, (await ctx.params).path);

export { handle as GET, handle as HEAD, handle as PUT, handle as POST, handle as DELETE };
