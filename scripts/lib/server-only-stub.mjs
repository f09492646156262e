// Stands in for the `server-only` marker package in the API bundle (it is server code by construction).
export {};
