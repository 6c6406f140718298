-- CreateEnum
CREATE TYPE "KnowledgeTemplate" AS ENUM ('ANLEITUNG', 'PROZESS', 'LESSONS_LEARNED', 'FAQ', 'FREI');

-- CreateEnum
CREATE TYPE "KnowledgeSpaceAccess" AS ENUM ('OPEN', 'UNIT');

-- CreateTable
CREATE TABLE "knowledge_space" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_dsb" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "unit_id" TEXT,
    "access" "KnowledgeSpaceAccess" NOT NULL DEFAULT 'OPEN',
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "knowledge_space_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "knowledge_article" (
    "id" TEXT NOT NULL,
    "space_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "body_text" TEXT NOT NULL DEFAULT '',
    "title_dsb" TEXT,
    "content_dsb" JSONB,
    "template" "KnowledgeTemplate" NOT NULL DEFAULT 'FREI',
    "owner_unit_id" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "review_due_at" DATE,
    "verified_at" TIMESTAMP(3),
    "verified_by_id" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "archived_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "knowledge_article_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "knowledge_article_version" (
    "id" TEXT NOT NULL,
    "article_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "body_text" TEXT NOT NULL DEFAULT '',
    "title_dsb" TEXT,
    "content_dsb" JSONB,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "author_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "knowledge_article_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "knowledge_link" (
    "from_id" TEXT NOT NULL,
    "to_id" TEXT NOT NULL,

    CONSTRAINT "knowledge_link_pkey" PRIMARY KEY ("from_id","to_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "knowledge_space_key_key" ON "knowledge_space"("key");

-- CreateIndex
CREATE INDEX "knowledge_article_space_id_idx" ON "knowledge_article"("space_id");

-- CreateIndex
CREATE INDEX "knowledge_article_owner_id_idx" ON "knowledge_article"("owner_id");

-- CreateIndex
CREATE INDEX "knowledge_article_review_due_at_idx" ON "knowledge_article"("review_due_at");

-- CreateIndex
CREATE UNIQUE INDEX "knowledge_article_version_article_id_version_key" ON "knowledge_article_version"("article_id", "version");

-- CreateIndex
CREATE INDEX "knowledge_link_to_id_idx" ON "knowledge_link"("to_id");

-- AddForeignKey
ALTER TABLE "knowledge_space" ADD CONSTRAINT "knowledge_space_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "org_unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_article" ADD CONSTRAINT "knowledge_article_space_id_fkey" FOREIGN KEY ("space_id") REFERENCES "knowledge_space"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_article" ADD CONSTRAINT "knowledge_article_owner_unit_id_fkey" FOREIGN KEY ("owner_unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_article" ADD CONSTRAINT "knowledge_article_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_article" ADD CONSTRAINT "knowledge_article_verified_by_id_fkey" FOREIGN KEY ("verified_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_article_version" ADD CONSTRAINT "knowledge_article_version_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "knowledge_article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_article_version" ADD CONSTRAINT "knowledge_article_version_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_link" ADD CONSTRAINT "knowledge_link_from_id_fkey" FOREIGN KEY ("from_id") REFERENCES "knowledge_article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_link" ADD CONSTRAINT "knowledge_link_to_id_fkey" FOREIGN KEY ("to_id") REFERENCES "knowledge_article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

