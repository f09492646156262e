export function ensureVenv(name: string, requirementsFile: string): string;
export function ensureCompatVenvs(): { name: string; label: string; python: string }[];
export function ensureFuzzVenv(): string;
