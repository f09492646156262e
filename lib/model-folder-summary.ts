/** What the outputs browser shows about a folder holding an MLflow model (server → client). */
export type ModelFolderSummary = {
  flavors: string[];
  loaderModule: string | null;
  mlflowVersion: string | null;
  signature: string;
  hasInputExample: boolean;
  error: string | null;
};
