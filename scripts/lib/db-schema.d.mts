export const ROOT_DIR: string;
export const SQLITE_SCHEMA: string;
export const POSTGRES_SCHEMA: string;
export const SQLITE_MIGRATIONS: string;
export const POSTGRES_MIGRATIONS: string;
export function postgresSchemaText(): string;
