-- CreateEnum
CREATE TYPE "NewsKind" AS ENUM ('NEWS', 'STORY');

-- CreateEnum
CREATE TYPE "NewsStatus" AS ENUM ('DRAFT', 'IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED', 'SCHEDULED', 'PUBLISHED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "NewsAudience" AS ENUM ('ALL', 'UNITS');

-- CreateEnum
CREATE TYPE "NewsReactionKind" AS ENUM ('LIKE', 'THANKS', 'CELEBRATE', 'INSIGHTFUL');

-- CreateTable
CREATE TABLE "news_post" (
    "id" TEXT NOT NULL,
    "kind" "NewsKind" NOT NULL DEFAULT 'NEWS',
    "status" "NewsStatus" NOT NULL DEFAULT 'DRAFT',
    "author_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "teaser" TEXT NOT NULL DEFAULT '',
    "body" JSONB NOT NULL,
    "body_html" TEXT NOT NULL DEFAULT '',
    "body_text" TEXT NOT NULL DEFAULT '',
    "title_dsb" TEXT,
    "teaser_dsb" TEXT,
    "body_dsb" JSONB,
    "body_dsb_html" TEXT,
    "body_dsb_text" TEXT,
    "category" TEXT,
    "cover_image_id" TEXT,
    "audience" "NewsAudience" NOT NULL DEFAULT 'ALL',
    "pinned_from" TIMESTAMP(3),
    "pinned_until" TIMESTAMP(3),
    "publish_at" TIMESTAMP(3),
    "unpublish_at" TIMESTAMP(3),
    "published_at" TIMESTAMP(3),
    "archived_at" TIMESTAMP(3),
    "review_note" TEXT,
    "must_read" BOOLEAN NOT NULL DEFAULT false,
    "must_read_deadline" TIMESTAMP(3),
    "story_situation" TEXT,
    "story_solution" TEXT,
    "story_result" TEXT,
    "project_id" TEXT,
    "contact_unit_id" TEXT,
    "team_of_month" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "news_post_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "news_post_unit" (
    "post_id" TEXT NOT NULL,
    "unit_id" TEXT NOT NULL,

    CONSTRAINT "news_post_unit_pkey" PRIMARY KEY ("post_id","unit_id")
);

-- CreateTable
CREATE TABLE "news_story_unit" (
    "post_id" TEXT NOT NULL,
    "unit_id" TEXT NOT NULL,

    CONSTRAINT "news_story_unit_pkey" PRIMARY KEY ("post_id","unit_id")
);

-- CreateTable
CREATE TABLE "news_revision" (
    "id" TEXT NOT NULL,
    "post_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "body_dsb" JSONB,
    "author_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "news_revision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "news_comment" (
    "id" TEXT NOT NULL,
    "post_id" TEXT NOT NULL,
    "author_id" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "edited_at" TIMESTAMP(3),
    "removed_at" TIMESTAMP(3),
    "removed_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "news_comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "news_reaction" (
    "post_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "kind" "NewsReactionKind" NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "news_reaction_pkey" PRIMARY KEY ("post_id","user_id","kind")
);

-- CreateTable
CREATE TABLE "news_acknowledgement" (
    "post_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "news_acknowledgement_pkey" PRIMARY KEY ("post_id","user_id")
);

-- CreateTable
CREATE TABLE "news_read" (
    "post_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "read_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "news_read_pkey" PRIMARY KEY ("post_id","user_id")
);

-- CreateTable
CREATE TABLE "news_image" (
    "id" TEXT NOT NULL,
    "uploader_id" TEXT NOT NULL,
    "alt" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "news_image_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "news_post_status_publish_at_idx" ON "news_post"("status", "publish_at");

-- CreateIndex
CREATE INDEX "news_post_kind_published_at_idx" ON "news_post"("kind", "published_at");

-- CreateIndex
CREATE INDEX "news_post_author_id_idx" ON "news_post"("author_id");

-- CreateIndex
CREATE INDEX "news_post_unit_unit_id_idx" ON "news_post_unit"("unit_id");

-- CreateIndex
CREATE INDEX "news_story_unit_unit_id_idx" ON "news_story_unit"("unit_id");

-- CreateIndex
CREATE UNIQUE INDEX "news_revision_post_id_version_key" ON "news_revision"("post_id", "version");

-- CreateIndex
CREATE INDEX "news_comment_post_id_created_at_idx" ON "news_comment"("post_id", "created_at");

-- CreateIndex
CREATE INDEX "news_acknowledgement_user_id_idx" ON "news_acknowledgement"("user_id");

-- CreateIndex
CREATE INDEX "news_read_user_id_idx" ON "news_read"("user_id");

-- AddForeignKey
ALTER TABLE "news_post" ADD CONSTRAINT "news_post_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "news_post" ADD CONSTRAINT "news_post_cover_image_id_fkey" FOREIGN KEY ("cover_image_id") REFERENCES "news_image"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "news_post" ADD CONSTRAINT "news_post_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "news_post" ADD CONSTRAINT "news_post_contact_unit_id_fkey" FOREIGN KEY ("contact_unit_id") REFERENCES "org_unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "news_post_unit" ADD CONSTRAINT "news_post_unit_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "news_post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "news_post_unit" ADD CONSTRAINT "news_post_unit_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "news_story_unit" ADD CONSTRAINT "news_story_unit_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "news_post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "news_story_unit" ADD CONSTRAINT "news_story_unit_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "news_revision" ADD CONSTRAINT "news_revision_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "news_post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "news_comment" ADD CONSTRAINT "news_comment_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "news_post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "news_comment" ADD CONSTRAINT "news_comment_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "news_reaction" ADD CONSTRAINT "news_reaction_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "news_post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "news_reaction" ADD CONSTRAINT "news_reaction_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "news_acknowledgement" ADD CONSTRAINT "news_acknowledgement_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "news_post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "news_acknowledgement" ADD CONSTRAINT "news_acknowledgement_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "news_read" ADD CONSTRAINT "news_read_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "news_post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "news_read" ADD CONSTRAINT "news_read_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "news_image" ADD CONSTRAINT "news_image_uploader_id_fkey" FOREIGN KEY ("uploader_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

