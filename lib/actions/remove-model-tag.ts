"use server";
import { deleteRegisteredModelTag } from "@/lib/server/registry/models";
import { type ActionState, modelPath, runAction } from "./action-state";

export async function removeModelTagAction(name: string, key: string): Promise<ActionState> {
  return runAction([name, key], () => deleteRegisteredModelTag(name, key), ["/models", modelPath(name)]);
}
