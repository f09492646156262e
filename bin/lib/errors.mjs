// Errors and exit codes. The exit code is the CLI's contract with scripts and CI jobs, so every
// failure path ends in one of these classes instead of a stack trace:
//   1  the studio answered with an error (4xx/5xx), or a local I/O step failed
//   2  the command line is wrong (unknown command/flag, missing --name, a path that does not exist)
//   3  the studio could not be reached at all (wrong --url, server down, connection lost)
//   130  interrupted with Ctrl-C (the shell convention for SIGINT)
export const EXIT = { server: 1, usage: 2, connection: 3, interrupted: 130 };

export class CliError extends Error {
  /** `hint` is printed on its own line: it tells the person what to do next, not what broke. */
  constructor(message, exitCode = EXIT.server, hint = undefined) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
    this.hint = hint;
  }
}

export const usageError = (message, hint) => new CliError(message, EXIT.usage, hint);

export const interrupted = () => new CliError("interrupted", EXIT.interrupted);

const URL_HINT = "pass --url http://host:port or set MLFLOW_TRACKING_URI (is the studio running?)";

/** fetch() rejects with a bare "fetch failed"; the useful part (ECONNREFUSED, ENOTFOUND…) is the cause. */
export function connectionError(error, baseUrl) {
  const cause = error?.cause;
  const detail = cause?.code ?? cause?.message ?? error?.message ?? String(error);
  return new CliError(`cannot reach the studio at ${baseUrl} (${detail})`, EXIT.connection, URL_HINT);
}

/** The studio answers errors as MLflow does: `{error_code, message, errors?}`; anything else was not the studio. */
export function serverError(status, body, url, baseUrl) {
  if (body && typeof body.message === "string" && body.message) {
    const hint =
      status === 401
        ? "this studio has accounts: pass --token (create one under Account in the studio) or set MLFLOW_TRACKING_TOKEN"
        : status === 403
          ? "your account's role or grants do not allow this; ask an admin"
          : undefined;
    const err = new CliError(body.message, EXIT.server, hint);
    err.status = status;
    err.errorCode = body.error_code;
    err.body = body;
    return err;
  }
  const hint =
    status === 404 || status === 405 ? `${baseUrl} does not look like a Model Studio: check --url or MLFLOW_TRACKING_URI` : undefined;
  const err = new CliError(`the server answered HTTP ${status} for ${url.pathname}`, EXIT.server, hint);
  err.status = status;
  return err;
}

/** Prints the error the way every command does and returns the exit code to use. */
export function reportError(error, stderr = process.stderr) {
  if (error instanceof CliError) {
    stderr.write(`error: ${error.message}\n`);
    if (error.hint) stderr.write(`hint: ${error.hint}\n`);
    return error.exitCode;
  }
  // Anything else is a local failure (disk full, permissions) or a bug: say what it was, briefly.
  stderr.write(`error: ${error?.message ?? String(error)}\n`);
  if (process.env.STUDIO_CLI_DEBUG && error?.stack) stderr.write(`${error.stack}\n`);
  return EXIT.server;
}
