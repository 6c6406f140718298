-- CreateTable
CREATE TABLE "coop_method_version" (
    "version" INTEGER NOT NULL,
    "config" JSONB NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "coop_method_version_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "coop_snapshot" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "quarter" INTEGER NOT NULL,
    "unit_level" "OrgUnitKind" NOT NULL,
    "method_version" INTEGER NOT NULL,
    "frozen_at" TIMESTAMP(3),
    "computed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "result" JSONB NOT NULL,

    CONSTRAINT "coop_snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "coop_snapshot_year_quarter_unit_level_method_version_key" ON "coop_snapshot"("year", "quarter", "unit_level", "method_version");

-- AddForeignKey
ALTER TABLE "coop_snapshot" ADD CONSTRAINT "coop_snapshot_method_version_fkey" FOREIGN KEY ("method_version") REFERENCES "coop_method_version"("version") ON DELETE RESTRICT ON UPDATE CASCADE;

