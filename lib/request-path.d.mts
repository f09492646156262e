export function literalizeBadEscapes(url: string): string;
