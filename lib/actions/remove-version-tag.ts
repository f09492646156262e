"use server";
import { deleteModelVersionTag } from "@/lib/server/registry/versions";
import { type ActionState, modelPath, runAction } from "./action-state";

export async function removeVersionTagAction(name: string, version: number, key: string): Promise<ActionState> {
  return runAction([name, key], () => deleteModelVersionTag(name, version, key), ["/models", modelPath(name)]);
}
