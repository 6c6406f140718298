-- CreateTable
CREATE TABLE "presence_preference" (
    "user_id" TEXT NOT NULL,
    "appear_offline" BOOLEAN NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "presence_preference_pkey" PRIMARY KEY ("user_id")
);

-- AddForeignKey
ALTER TABLE "presence_preference" ADD CONSTRAINT "presence_preference_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Socket.IO PostgreSQL adapter (@socket.io/postgres-adapter): payloads over NOTIFY's
-- 8000-byte limit go through this table. Not a Prisma model: only the adapter uses it.
CREATE TABLE IF NOT EXISTS "socket_io_attachments" (
    "id" BIGSERIAL UNIQUE,
    "created_at" TIMESTAMPTZ DEFAULT NOW(),
    "payload" BYTEA
);
