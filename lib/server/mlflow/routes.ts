import "server-only";
import { mlflowAccess } from "./access";
import { createMlflowDispatcher } from "./dispatch";
import { authRoutes } from "./handlers/auth";
import { experimentRoutes } from "./handlers/experiments";
import { loggedModelRoutes } from "./handlers/logged-models";
import { modelVersionRoutes } from "./handlers/model-versions";
import { registeredModelRoutes } from "./handlers/registered-models";
import { runRoutes } from "./handlers/runs";
import { searchRunRoutes } from "./handlers/search-runs";

/** Every `/api/2.0/mlflow/*` (and `/api/3.0/mlflow/*`) endpoint the studio serves: tracking and registry. */
export const mlflowRoutes = {
  ...experimentRoutes,
  ...runRoutes,
  ...searchRunRoutes,
  ...loggedModelRoutes,
  ...registeredModelRoutes,
  ...modelVersionRoutes,
  ...authRoutes,
};

export const mlflowDispatcher = createMlflowDispatcher(mlflowRoutes, "/api/2.0/mlflow", mlflowAccess);
export const dispatchMlflow = mlflowDispatcher.dispatch;
