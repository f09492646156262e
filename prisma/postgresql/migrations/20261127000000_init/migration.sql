-- CreateTable
CREATE TABLE "Experiment" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "artifactLocation" TEXT NOT NULL,
    "lifecycleStage" TEXT NOT NULL DEFAULT 'active',
    "creationTime" BIGINT NOT NULL,
    "lastUpdateTime" BIGINT NOT NULL,

    CONSTRAINT "Experiment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExperimentTag" (
    "experimentId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "ExperimentTag_pkey" PRIMARY KEY ("experimentId","key")
);

-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL,
    "experimentId" INTEGER NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "userId" TEXT NOT NULL DEFAULT '',
    "sourceType" TEXT NOT NULL DEFAULT '',
    "sourceName" TEXT NOT NULL DEFAULT '',
    "startTime" BIGINT NOT NULL,
    "endTime" BIGINT,
    "deletedTime" BIGINT,
    "lifecycleStage" TEXT NOT NULL DEFAULT 'active',
    "artifactUri" TEXT NOT NULL,

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Param" (
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "Param_pkey" PRIMARY KEY ("runId","key")
);

-- CreateTable
CREATE TABLE "RunTag" (
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "RunTag_pkey" PRIMARY KEY ("runId","key")
);

-- CreateTable
CREATE TABLE "Metric" (
    "id" SERIAL NOT NULL,
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "isNan" BOOLEAN NOT NULL DEFAULT false,
    "timestamp" BIGINT NOT NULL,
    "step" BIGINT NOT NULL DEFAULT 0,
    "modelId" TEXT,
    "datasetName" TEXT,
    "datasetDigest" TEXT,

    CONSTRAINT "Metric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LatestMetric" (
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "isNan" BOOLEAN NOT NULL DEFAULT false,
    "timestamp" BIGINT NOT NULL,
    "step" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "LatestMetric_pkey" PRIMARY KEY ("runId","key")
);

-- CreateTable
CREATE TABLE "Dataset" (
    "id" TEXT NOT NULL,
    "experimentId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "sourceType" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "schema" TEXT,
    "profile" TEXT,

    CONSTRAINT "Dataset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunDatasetInput" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,

    CONSTRAINT "RunDatasetInput_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InputTag" (
    "inputId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "InputTag_pkey" PRIMARY KEY ("inputId","key")
);

-- CreateTable
CREATE TABLE "RunModelInput" (
    "runId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,

    CONSTRAINT "RunModelInput_pkey" PRIMARY KEY ("runId","modelId")
);

-- CreateTable
CREATE TABLE "RunModelOutput" (
    "runId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "step" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "RunModelOutput_pkey" PRIMARY KEY ("runId","modelId","step")
);

-- CreateTable
CREATE TABLE "LoggedModel" (
    "id" TEXT NOT NULL,
    "experimentId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "artifactLocation" TEXT NOT NULL,
    "creationTimestamp" BIGINT NOT NULL,
    "lastUpdatedTimestamp" BIGINT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'LOGGED_MODEL_PENDING',
    "statusMessage" TEXT,
    "modelType" TEXT,
    "sourceRunId" TEXT,
    "lifecycleStage" TEXT NOT NULL DEFAULT 'active',

    CONSTRAINT "LoggedModel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoggedModelParam" (
    "modelId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "LoggedModelParam_pkey" PRIMARY KEY ("modelId","key")
);

-- CreateTable
CREATE TABLE "LoggedModelTag" (
    "modelId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "LoggedModelTag_pkey" PRIMARY KEY ("modelId","key")
);

-- CreateTable
CREATE TABLE "LoggedModelMetric" (
    "id" SERIAL NOT NULL,
    "modelId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "isNan" BOOLEAN NOT NULL DEFAULT false,
    "timestamp" BIGINT NOT NULL,
    "step" BIGINT NOT NULL DEFAULT 0,
    "runId" TEXT,
    "datasetName" TEXT,
    "datasetDigest" TEXT,

    CONSTRAINT "LoggedModelMetric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegisteredModel" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "modelType" TEXT NOT NULL DEFAULT 'MLFLOW',
    "lastVersion" INTEGER NOT NULL DEFAULT 0,
    "creationTimestamp" BIGINT NOT NULL,
    "lastUpdatedTimestamp" BIGINT NOT NULL,

    CONSTRAINT "RegisteredModel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegisteredModelTag" (
    "registeredModelId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "RegisteredModelTag_pkey" PRIMARY KEY ("registeredModelId","key")
);

-- CreateTable
CREATE TABLE "RegisteredModelAlias" (
    "registeredModelId" INTEGER NOT NULL,
    "alias" TEXT NOT NULL,
    "version" INTEGER NOT NULL,

    CONSTRAINT "RegisteredModelAlias_pkey" PRIMARY KEY ("registeredModelId","alias")
);

-- CreateTable
CREATE TABLE "ModelVersion" (
    "id" SERIAL NOT NULL,
    "registeredModelId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "runId" TEXT,
    "runLink" TEXT,
    "modelId" TEXT,
    "modelType" TEXT NOT NULL DEFAULT 'MLFLOW',
    "status" TEXT NOT NULL DEFAULT 'PENDING_REGISTRATION',
    "statusMessage" TEXT,
    "storageLocation" TEXT,
    "sizeBytes" BIGINT,
    "description" TEXT NOT NULL DEFAULT '',
    "currentStage" TEXT NOT NULL DEFAULT 'None',
    "userId" TEXT NOT NULL DEFAULT '',
    "creationTimestamp" BIGINT NOT NULL,
    "lastUpdatedTimestamp" BIGINT NOT NULL,

    CONSTRAINT "ModelVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelVersionTag" (
    "modelVersionId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "ModelVersionTag_pkey" PRIMARY KEY ("modelVersionId","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Experiment_name_key" ON "Experiment"("name");

-- CreateIndex
CREATE INDEX "Experiment_lifecycleStage_lastUpdateTime_idx" ON "Experiment"("lifecycleStage", "lastUpdateTime");

-- CreateIndex
CREATE INDEX "Run_experimentId_lifecycleStage_startTime_idx" ON "Run"("experimentId", "lifecycleStage", "startTime");

-- CreateIndex
CREATE INDEX "Run_lifecycleStage_startTime_idx" ON "Run"("lifecycleStage", "startTime");

-- CreateIndex
CREATE INDEX "Run_experimentId_name_idx" ON "Run"("experimentId", "name");

-- CreateIndex
CREATE INDEX "Run_status_idx" ON "Run"("status");

-- CreateIndex
CREATE INDEX "Param_key_value_idx" ON "Param"("key", "value");

-- CreateIndex
CREATE INDEX "RunTag_key_value_idx" ON "RunTag"("key", "value");

-- CreateIndex
CREATE UNIQUE INDEX "Metric_runId_key_step_timestamp_value_isNan_key" ON "Metric"("runId", "key", "step", "timestamp", "value", "isNan");

-- CreateIndex
CREATE INDEX "LatestMetric_key_value_idx" ON "LatestMetric"("key", "value");

-- CreateIndex
CREATE UNIQUE INDEX "Dataset_experimentId_name_digest_key" ON "Dataset"("experimentId", "name", "digest");

-- CreateIndex
CREATE UNIQUE INDEX "RunDatasetInput_runId_datasetId_key" ON "RunDatasetInput"("runId", "datasetId");

-- CreateIndex
CREATE INDEX "LoggedModel_experimentId_lifecycleStage_creationTimestamp_idx" ON "LoggedModel"("experimentId", "lifecycleStage", "creationTimestamp");

-- CreateIndex
CREATE INDEX "LoggedModel_sourceRunId_idx" ON "LoggedModel"("sourceRunId");

-- CreateIndex
CREATE INDEX "LoggedModel_experimentId_name_idx" ON "LoggedModel"("experimentId", "name");

-- CreateIndex
CREATE INDEX "LoggedModelMetric_modelId_key_idx" ON "LoggedModelMetric"("modelId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "RegisteredModel_name_key" ON "RegisteredModel"("name");

-- CreateIndex
CREATE INDEX "RegisteredModel_lastUpdatedTimestamp_idx" ON "RegisteredModel"("lastUpdatedTimestamp");

-- CreateIndex
CREATE INDEX "RegisteredModel_creationTimestamp_idx" ON "RegisteredModel"("creationTimestamp");

-- CreateIndex
CREATE INDEX "RegisteredModelTag_key_value_idx" ON "RegisteredModelTag"("key", "value");

-- CreateIndex
CREATE INDEX "ModelVersion_runId_idx" ON "ModelVersion"("runId");

-- CreateIndex
CREATE INDEX "ModelVersion_creationTimestamp_idx" ON "ModelVersion"("creationTimestamp");

-- CreateIndex
CREATE UNIQUE INDEX "ModelVersion_registeredModelId_version_key" ON "ModelVersion"("registeredModelId", "version");

-- CreateIndex
CREATE INDEX "ModelVersionTag_key_value_idx" ON "ModelVersionTag"("key", "value");

-- AddForeignKey
ALTER TABLE "ExperimentTag" ADD CONSTRAINT "ExperimentTag_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Param" ADD CONSTRAINT "Param_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunTag" ADD CONSTRAINT "RunTag_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Metric" ADD CONSTRAINT "Metric_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LatestMetric" ADD CONSTRAINT "LatestMetric_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dataset" ADD CONSTRAINT "Dataset_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunDatasetInput" ADD CONSTRAINT "RunDatasetInput_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunDatasetInput" ADD CONSTRAINT "RunDatasetInput_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InputTag" ADD CONSTRAINT "InputTag_inputId_fkey" FOREIGN KEY ("inputId") REFERENCES "RunDatasetInput"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunModelInput" ADD CONSTRAINT "RunModelInput_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunModelOutput" ADD CONSTRAINT "RunModelOutput_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoggedModel" ADD CONSTRAINT "LoggedModel_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoggedModelParam" ADD CONSTRAINT "LoggedModelParam_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "LoggedModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoggedModelTag" ADD CONSTRAINT "LoggedModelTag_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "LoggedModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoggedModelMetric" ADD CONSTRAINT "LoggedModelMetric_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "LoggedModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegisteredModelTag" ADD CONSTRAINT "RegisteredModelTag_registeredModelId_fkey" FOREIGN KEY ("registeredModelId") REFERENCES "RegisteredModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegisteredModelAlias" ADD CONSTRAINT "RegisteredModelAlias_registeredModelId_fkey" FOREIGN KEY ("registeredModelId") REFERENCES "RegisteredModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelVersion" ADD CONSTRAINT "ModelVersion_registeredModelId_fkey" FOREIGN KEY ("registeredModelId") REFERENCES "RegisteredModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelVersionTag" ADD CONSTRAINT "ModelVersionTag_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- MLflow clients log to experiment "0" when none is set.
INSERT INTO "Experiment" ("id", "name", "artifactLocation", "lifecycleStage", "creationTime", "lastUpdateTime")
VALUES (0, 'Default', 'mlflow-artifacts:/0', 'active', 0, 0);
