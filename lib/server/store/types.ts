import "server-only";
import type { Sql } from "sql-template-tag";
import type { ModelVersionData, RegisteredModelData } from "@/lib/registry-types";
import type { DatasetData, ExperimentData, KeyValue, LoggedModelData, MetricPoint, RunData, RunInfoData } from "@/lib/tracking-types";

/**
 * The store seam: every service reaches the database only through these interfaces. They are
 * plain data operations (no MLflow rules, no messages); the services in lib/server/tracking and
 * lib/server/registry decide what is allowed and what to answer. A unit of work is a callback:
 * `store.write(async ({ tracking }) => …)` commits everything inside it together or nothing.
 *
 * Search queries arrive compiled (lib/server/search) as portable SQL: both engines run them.
 */
export type Engine = "sqlite" | "postgres";

export type MetricRow = {
  key: string;
  value: number;
  timestamp: number;
  step: number;
  modelId?: string | null;
  datasetName?: string | null;
  datasetDigest?: string | null;
};

export type NewRun = Omit<RunInfoData, "lifecycleStage" | "endTime"> & { sourceType: string; sourceName: string };
export type NewLoggedModel = {
  id: string;
  experimentId: number;
  name: string;
  artifactLocation: string;
  modelType: string | null;
  sourceRunId: string | null;
  params: KeyValue[];
  tags: KeyValue[];
  now: number;
};
export type NewModelVersion = {
  registeredModelId: number;
  source: string;
  runId: string | null;
  runLink: string | null;
  modelId: string | null;
  modelType: string;
  storageLocation: string | null;
  sizeBytes: number | null;
  description: string;
  userId: string;
  tags: KeyValue[];
  now: number;
};
export type ModelRow = { id: number; name: string; lastVersion: number; modelType: string };

export interface TrackingStore {
  // Experiments
  insertExperiment(e: { name: string; artifactLocation: string | null; tags: KeyValue[]; now: number }): Promise<number | null>;
  loadExperiments(ids: number[]): Promise<ExperimentData[]>;
  findExperiment(name: string): Promise<{ id: number; lifecycleStage: string } | null>;
  renameExperiment(id: number, name: string, now: number): Promise<boolean>;
  setExperimentLifecycle(id: number, stage: "active" | "deleted", now: number): Promise<void>;
  setExperimentTag(id: number, tag: KeyValue): Promise<void>;
  deleteExperimentTag(id: number, key: string): Promise<number>;
  /** Experiments matching a compiled filter (table alias `e`), in its order, one page. */
  searchExperiments(q: { where: Sql; orderBy: Sql; page: Sql }): Promise<ExperimentData[]>;
  listExperiments(opts: { activeOnly: boolean; limit: number }): Promise<{ id: number; name: string }[]>;
  experimentNames(ids: number[]): Promise<Map<number, string>>;

  // Runs
  insertRun(run: NewRun, tags: KeyValue[]): Promise<void>;
  getRunInfo(id: string): Promise<RunInfoData | null>;
  loadRuns(ids: string[]): Promise<RunData[]>;
  updateRun(id: string, fields: { status: string; endTime: number | null; name: string }): Promise<void>;
  setRunLifecycle(id: string, stage: "active" | "deleted", deletedTime: number | null): Promise<number>;
  searchRunIds(query: Sql): Promise<string[]>;
  /** Params already logged under these keys. */
  getParams(runId: string, keys: string[]): Promise<KeyValue[]>;
  /** Inserts params whose key is new; returns the keys that already existed (to compare values). */
  insertParams(runId: string, params: KeyValue[]): Promise<string[]>;
  /** Metric history rows, the per-key latest value, and logged-model metrics for known model ids. */
  insertMetrics(runId: string, metrics: MetricRow[]): Promise<void>;
  /** Upserts tags; the last value for a key wins; keeps the run's name in step with mlflow.runName. */
  setRunTags(runId: string, tags: KeyValue[]): Promise<void>;
  getRunTag(runId: string, key: string): Promise<string | null>;
  deleteRunTag(runId: string, key: string): Promise<number>;
  metricHistory(runId: string, key: string, limit: number, offset: number): Promise<MetricPoint[]>;
  metricHistories(runId: string, keys: string[], perKeyLimit: number): Promise<Record<string, MetricPoint[]>>;
  /** log-inputs: datasets deduplicated per experiment (name + digest); a run keeps its first logging. */
  logDatasetInput(runId: string, experimentId: number, dataset: DatasetData, tags: KeyValue[]): Promise<void>;
  logModelInput(runId: string, modelId: string): Promise<void>;
  logModelOutput(runId: string, modelId: string, step: number): Promise<void>;

  // Logged models (MLflow 3)
  insertLoggedModel(m: NewLoggedModel): Promise<void>;
  loadLoggedModels(ids: string[], opts?: { includeDeleted?: boolean }): Promise<LoggedModelData[]>;
  setLoggedModelStatus(id: string, status: string, now: number): Promise<void>;
  setLoggedModelTags(id: string, tags: KeyValue[]): Promise<void>;
  deleteLoggedModelTag(id: string, key: string): Promise<number>;
  setLoggedModelParams(id: string, params: KeyValue[]): Promise<void>;
  deleteLoggedModel(id: string, now: number): Promise<void>;
  searchLoggedModelIds(query: Sql): Promise<string[]>;
  /** Active logged models a run produced, newest first. */
  loggedModelsOfRun(
    runId: string,
    limit: number,
  ): Promise<{ id: string; name: string; status: string; modelType: string | null; artifactLocation: string; creationTimestamp: number }[]>;

  counts(): Promise<{ experiments: number; jobs: number }>;
  hasRuns(): Promise<boolean>;
}

export interface RegistryStore {
  /** Creates the model unless the name is taken; returns its id, or null when taken. */
  insertRegisteredModel(m: { name: string; description: string; modelType: string; tags: KeyValue[]; now: number }): Promise<number | null>;
  getModelRow(name: string): Promise<ModelRow | null>;
  loadRegisteredModels(ids: number[]): Promise<RegisteredModelData[]>;
  updateModelDescription(id: number, description: string, now: number): Promise<void>;
  /** Renames unless the new name is taken; false when taken. */
  renameModel(id: number, name: string, now: number): Promise<boolean>;
  setModelType(id: number, modelType: string): Promise<void>;
  setModelTag(id: number, tag: KeyValue): Promise<void>;
  deleteModelTag(id: number, key: string): Promise<number>;
  getAliases(modelId: number): Promise<{ alias: string; version: number }[]>;
  setAlias(modelId: number, alias: string, version: number): Promise<void>;
  deleteAlias(modelId: number, alias: string): Promise<number>;
  /** Deletes the model, its versions, tags and aliases; returns the versions' storage locations. */
  deleteModel(id: number): Promise<string[]>;
  /** Removes a model that never got a version (a failed first registration). */
  deleteModelIfEmpty(id: number): Promise<void>;
  searchModelIds(query: Sql): Promise<number[]>;
  modelNames(prefix: string, limit: number): Promise<string[]>;
  hasModels(): Promise<boolean>;
  counts(): Promise<{ models: number; versions: number }>;

  /**
   * Takes the model's next version number: the counter moves only inside this unit of work, and
   * the row stays locked until it commits (PostgreSQL) or the writer holds the database (SQLite),
   * so numbers are gap-free across processes.
   */
  takeNextVersion(modelId: number, now: number): Promise<number>;
  insertVersion(version: number, v: NewModelVersion): Promise<void>;
  versionId(modelId: number, version: number): Promise<number | null>;
  newestVersionId(modelId: number): Promise<number | null>;
  /** The newest version id in each of the given stages. */
  latestVersionIds(modelId: number, stages: string[]): Promise<number[]>;
  loadVersions(ids: number[]): Promise<ModelVersionData[]>;
  updateVersionDescription(versionId: number, description: string, now: number): Promise<void>;
  setVersionTag(versionId: number, tag: KeyValue): Promise<void>;
  deleteVersionTag(versionId: number, key: string): Promise<number>;
  /** Moves a version to a stage; with `archiveOthers`, other versions in that stage go to Archived. */
  setVersionStage(versionId: number, modelId: number, stage: string, archiveOthers: boolean, now: number): Promise<void>;
  /** Deletes a version and the aliases pointing at it; returns its storage location. */
  deleteVersion(versionId: number, now: number): Promise<string | null>;
  searchVersionIds(query: Sql): Promise<number[]>;
  versionsOfRun(runId: string, limit: number): Promise<{ name: string; version: number }[]>;
  /** Every version's storage location (the orphan-snapshot sweep). */
  storageLocations(): Promise<Set<string>>;
}

/** Transfers in progress, kept in the database so any replica can continue what another began. */
export type MultipartSession = { id: string; key: string; backendId: string; numParts: number; createdAt: number; updatedAt: number };

export interface TransferStore {
  insertMultipart(s: Omit<MultipartSession, "updatedAt">): Promise<void>;
  getMultipart(id: string): Promise<MultipartSession | null>;
  touchMultipart(id: string, now: number): Promise<void>;
  deleteMultipart(id: string): Promise<number>;
  /** Sessions nobody touched since `before` (ms). */
  staleMultiparts(before: number, limit: number): Promise<MultipartSession[]>;

  insertUpload(id: string, now: number): Promise<void>;
  uploadExists(id: string): Promise<boolean>;
  /**
   * Adds `delta` bytes to the upload's total (negative releases), unless that takes it past
   * `limit`: one atomic statement, so replicas receiving files of one upload share one quota.
   * Returns false (and changes nothing) when the upload is gone or the limit would be passed.
   */
  chargeUpload(id: string, delta: number, limit: number, now: number): Promise<boolean>;
  deleteUpload(id: string): Promise<number>;
  staleUploads(before: number, limit: number): Promise<string[]>;
}

export type UserRow = {
  id: number;
  username: string;
  passwordHash: string | null;
  role: string;
  disabledAt: number | null;
  createdAt: number;
  updatedAt: number;
};
export type TokenRow = {
  id: string;
  userId: number;
  username: string;
  name: string;
  prefix: string;
  createdAt: number;
  lastUsedAt: number | null;
  expiresAt: number | null;
  revokedAt: number | null;
};
export type GrantRow = {
  id: number;
  userId: number;
  username: string;
  resourceType: string;
  resourceKey: string;
  permission: string;
  createdAt: number;
};
export type AuditRow = {
  id: number;
  at: number;
  actor: string;
  via: string;
  action: string;
  resourceType: string;
  resourceKey: string;
  details: string;
};
export type AuditQuery = { resourceType?: string; resourceKey?: string; actor?: string; beforeId?: number; limit: number };

/** Accounts, sessions, API tokens, grants and the audit log. Secrets arrive already hashed. */
export interface AuthStore {
  countUsers(): Promise<number>;
  insertUser(u: { username: string; passwordHash: string | null; role: string; now: number }): Promise<number | null>;
  userByName(username: string): Promise<UserRow | null>;
  userById(id: number): Promise<UserRow | null>;
  listUsers(): Promise<UserRow[]>;
  updateUser(id: number, change: { role?: string; passwordHash?: string; disabledAt?: number | null }, now: number): Promise<boolean>;
  deleteUser(id: number): Promise<boolean>;

  insertSession(s: { id: string; userId: number; now: number; expiresAt: number }): Promise<void>;
  /** The active user behind a live session, or null. */
  sessionUser(id: string, now: number): Promise<UserRow | null>;
  deleteSession(id: string): Promise<void>;
  deleteUserSessions(userId: number): Promise<void>;
  deleteExpiredSessions(now: number, limit: number): Promise<number>;

  insertToken(t: {
    id: string;
    userId: number;
    name: string;
    prefix: string;
    hash: string;
    now: number;
    expiresAt: number | null;
  }): Promise<void>;
  /** The active user behind a live (not revoked, not expired) token, or null. */
  tokenUser(hash: string, now: number): Promise<{ user: UserRow; tokenId: string; prefix: string; lastUsedAt: number | null } | null>;
  touchToken(id: string, now: number): Promise<void>;
  listTokens(userId: number | null): Promise<TokenRow[]>;
  revokeToken(id: string, userId: number | null, now: number): Promise<TokenRow | null>;

  grantOf(userId: number, resourceType: string, resourceKey: string): Promise<string | null>;
  /** The keys of one type the user holds a given permission on (NO_PERMISSIONS: what searches hide). */
  grantKeys(userId: number, resourceType: string, permission: string): Promise<string[]>;
  listGrants(filter: { userId?: number; resourceType?: string; resourceKey?: string }): Promise<GrantRow[]>;
  upsertGrant(g: { userId: number; resourceType: string; resourceKey: string; permission: string; now: number }): Promise<void>;
  deleteGrant(userId: number, resourceType: string, resourceKey: string): Promise<boolean>;
  /** Grants follow a registered model when it is renamed. */
  renameGrants(resourceType: string, from: string, to: string): Promise<void>;

  insertAudit(e: Omit<AuditRow, "id">): Promise<void>;
  listAudit(q: AuditQuery): Promise<AuditRow[]>;
}

export interface StoreTx {
  tracking: TrackingStore;
  registry: RegistryStore;
  transfers: TransferStore;
  auth: AuthStore;
}

export interface Store {
  readonly engine: Engine;
  read<T>(fn: (s: StoreTx) => Promise<T>): Promise<T>;
  write<T>(fn: (s: StoreTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
