-- CreateIndex
CREATE INDEX "Experiment_lifecycleStage_creationTime_idx" ON "Experiment"("lifecycleStage", "creationTime");

