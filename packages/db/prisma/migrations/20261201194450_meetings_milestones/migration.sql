-- CreateEnum
CREATE TYPE "MeetingStatus" AS ENUM ('DRAFT', 'APPROVED');

-- CreateTable
CREATE TABLE "meeting" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "starts_at" TIMESTAMP(3) NOT NULL,
    "ends_at" TIMESTAMP(3),
    "location" TEXT,
    "online_url" TEXT,
    "status" "MeetingStatus" NOT NULL DEFAULT 'DRAFT',
    "template_key" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_by_id" TEXT NOT NULL,
    "updated_by_id" TEXT NOT NULL,
    "approved_by_id" TEXT,
    "approved_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meeting_participant" (
    "meeting_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "invited" BOOLEAN NOT NULL DEFAULT true,
    "attended" BOOLEAN,

    CONSTRAINT "meeting_participant_pkey" PRIMARY KEY ("meeting_id","user_id")
);

-- CreateTable
CREATE TABLE "meeting_unit" (
    "meeting_id" TEXT NOT NULL,
    "unit_id" TEXT NOT NULL,

    CONSTRAINT "meeting_unit_pkey" PRIMARY KEY ("meeting_id","unit_id")
);

-- CreateTable
CREATE TABLE "meeting_agenda_item" (
    "id" TEXT NOT NULL,
    "meeting_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "duration_minutes" INTEGER,
    "notes" TEXT NOT NULL DEFAULT '',
    "decision" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "meeting_agenda_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meeting_action_item" (
    "id" TEXT NOT NULL,
    "meeting_id" TEXT NOT NULL,
    "agenda_item_id" TEXT,
    "title" TEXT NOT NULL,
    "owner_id" TEXT,
    "due_date" DATE,
    "task_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "meeting_action_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "milestone" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "due_date" DATE NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "milestone_task" (
    "milestone_id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,

    CONSTRAINT "milestone_task_pkey" PRIMARY KEY ("milestone_id","task_id")
);

-- CreateIndex
CREATE INDEX "meeting_project_id_starts_at_idx" ON "meeting"("project_id", "starts_at");

-- CreateIndex
CREATE INDEX "meeting_participant_user_id_idx" ON "meeting_participant"("user_id");

-- CreateIndex
CREATE INDEX "meeting_agenda_item_meeting_id_position_idx" ON "meeting_agenda_item"("meeting_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "meeting_action_item_task_id_key" ON "meeting_action_item"("task_id");

-- CreateIndex
CREATE INDEX "meeting_action_item_meeting_id_idx" ON "meeting_action_item"("meeting_id");

-- CreateIndex
CREATE INDEX "milestone_project_id_due_date_idx" ON "milestone"("project_id", "due_date");

-- CreateIndex
CREATE INDEX "milestone_task_task_id_idx" ON "milestone_task"("task_id");

-- AddForeignKey
ALTER TABLE "meeting" ADD CONSTRAINT "meeting_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting" ADD CONSTRAINT "meeting_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting" ADD CONSTRAINT "meeting_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting" ADD CONSTRAINT "meeting_approved_by_id_fkey" FOREIGN KEY ("approved_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_participant" ADD CONSTRAINT "meeting_participant_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_participant" ADD CONSTRAINT "meeting_participant_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_unit" ADD CONSTRAINT "meeting_unit_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_unit" ADD CONSTRAINT "meeting_unit_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_agenda_item" ADD CONSTRAINT "meeting_agenda_item_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_action_item" ADD CONSTRAINT "meeting_action_item_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_action_item" ADD CONSTRAINT "meeting_action_item_agenda_item_id_fkey" FOREIGN KEY ("agenda_item_id") REFERENCES "meeting_agenda_item"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_action_item" ADD CONSTRAINT "meeting_action_item_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_action_item" ADD CONSTRAINT "meeting_action_item_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "milestone" ADD CONSTRAINT "milestone_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "milestone_task" ADD CONSTRAINT "milestone_task_milestone_id_fkey" FOREIGN KEY ("milestone_id") REFERENCES "milestone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "milestone_task" ADD CONSTRAINT "milestone_task_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

