export function migratePostgres(connectionString: string, opts?: { log?: (msg: string) => void }): Promise<void>;
