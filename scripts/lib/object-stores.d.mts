export type ObjectStore = {
  kind: "azure" | "s3";
  endpoint: string;
  env(container?: string, prefix?: string): Record<string, string>;
  stop(): Promise<void>;
};
export function startAzurite(): Promise<ObjectStore & { connectionString: string }>;
export function startS3(): Promise<ObjectStore & { credentials: Record<string, string>; createBucket(bucket: string): Promise<void> }>;
