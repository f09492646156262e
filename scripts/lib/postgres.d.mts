export function ensurePostgres(): string;
export type PostgresCluster = {
  url: string;
  admin: string;
  port: number;
  dir: string;
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
};
export function startPostgres(opts?: { durable?: boolean }): Promise<PostgresCluster>;
