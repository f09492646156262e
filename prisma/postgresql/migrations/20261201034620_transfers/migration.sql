-- CreateTable
CREATE TABLE "MultipartUpload" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "backendId" TEXT NOT NULL,
    "numParts" INTEGER NOT NULL,
    "createdAt" BIGINT NOT NULL,
    "updatedAt" BIGINT NOT NULL,

    CONSTRAINT "MultipartUpload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Upload" (
    "id" TEXT NOT NULL,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "createdAt" BIGINT NOT NULL,
    "updatedAt" BIGINT NOT NULL,

    CONSTRAINT "Upload_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MultipartUpload_updatedAt_idx" ON "MultipartUpload"("updatedAt");

-- CreateIndex
CREATE INDEX "Upload_updatedAt_idx" ON "Upload"("updatedAt");

