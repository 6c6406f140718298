-- CreateTable
CREATE TABLE "knowledge_attachment" (
    "id" TEXT NOT NULL,
    "article_id" TEXT NOT NULL,
    "uploader_id" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "storage_key" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "knowledge_attachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "knowledge_attachment_storage_key_key" ON "knowledge_attachment"("storage_key");

-- CreateIndex
CREATE INDEX "knowledge_attachment_article_id_idx" ON "knowledge_attachment"("article_id");

-- AddForeignKey
ALTER TABLE "knowledge_attachment" ADD CONSTRAINT "knowledge_attachment_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "knowledge_article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_attachment" ADD CONSTRAINT "knowledge_attachment_uploader_id_fkey" FOREIGN KEY ("uploader_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

