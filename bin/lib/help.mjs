// Help texts, one per command, printed by `--help` (stdout, exit 0) and after usage errors.
const GLOBAL = `Options for every command:
  --url URL     The studio's address (default: $MLFLOW_TRACKING_URI, else http://127.0.0.1:3000)
  --token TOKEN An API token (default: $MLFLOW_TRACKING_TOKEN; or $MLFLOW_TRACKING_USERNAME and
                $MLFLOW_TRACKING_PASSWORD), for a studio with accounts
  --json        Print the studio's JSON objects instead of tables and messages
  -h, --help    Show help`;

const EXIT_CODES = `Exit codes: 0 done, 1 the studio refused or failed, 2 usage error,
3 the studio could not be reached, 130 interrupted.`;

export const HELP = {
  main: `Usage: studio <command> [options]

Registers models in a Model Studio and gets them back out.

Commands:
  register --name NAME --path PATH     Register a local folder or file, or a job output, as a new version
  models list                          List registered models
  models versions NAME                 List the versions of a model
  models download REF --out DIR        Download a version's files (REF: NAME, NAME/VERSION or NAME@ALIAS)

${GLOBAL}

Run 'studio <command> --help' for a command's options.
${EXIT_CODES}`,

  register: `Usage: studio register --name NAME --path PATH [options]

Registers PATH as the next version of model NAME (the model is created on first use).

PATH is one of:
  ./local/folder or ./file    uploaded to the studio, keeping relative paths (symlinks that point
                              outside the folder are skipped)
  runs:/<job>/<path>          a job's output
  azureml://jobs/<job>/outputs/artifacts/paths/<path>/
  models:/<logged-model-id>   an MLflow 3 logged model (m-…)
  mlflow-artifacts:/<path>    a path in the studio's artifact store

Options:
  --name NAME           Registered model name (required)
  --path PATH           What to register (required)
  --type TYPE           mlflow, custom or triton (default: detected from the files)
  --description TEXT    Version description (Markdown)
  --tag KEY=VALUE       Version tag; repeat for more

${GLOBAL}

Example:
  studio register --name churn --path ./model --type mlflow --tag stage=candidate`,

  models: `Usage: studio models <list|versions|download> [options]

  models list [--filter EXPR]          List registered models
  models versions NAME                 List the versions of a model, newest first
  models download REF --out DIR        Download a version's files

Run 'studio models <subcommand> --help' for details.`,

  list: `Usage: studio models list [--filter EXPR]

Lists every registered model (all pages), with its latest version, aliases, tags and description.

Options:
  --filter EXPR    MLflow search filter, e.g. "name LIKE 'churn%'" or "tags.team = 'risk'"

${GLOBAL}`,

  versions: `Usage: studio models versions NAME

Lists every version of model NAME, newest first.

${GLOBAL}`,

  download: `Usage: studio models download REF --out DIR

Downloads the files of one model version into DIR (created if missing; files with the same
names are replaced). REF is one of:
  NAME            the newest version
  NAME/VERSION    that version, e.g. churn/3
  NAME@ALIAS      the version the alias points at, e.g. churn@champion

Options:
  -o, --out DIR   Where to put the files (required)

${GLOBAL}`,
};
