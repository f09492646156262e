"use server";
import { deleteAlias } from "@/lib/server/registry/models";
import { type ActionState, modelPath, runAction } from "./action-state";

export async function removeAliasAction(name: string, alias: string): Promise<ActionState> {
  return runAction([name, alias], () => deleteAlias(name, alias), ["/models", modelPath(name)]);
}
