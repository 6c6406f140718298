import type { DbOrTx, Prisma, Tx } from "@kreisnetz/db/client";

const PERSON = { select: { id: true, name: true } } as const;

export const ARTICLE_SELECT = {
  id: true,
  title: true,
  content: true,
  bodyText: true,
  titleDsb: true,
  contentDsb: true,
  template: true,
  tags: true,
  reviewDueAt: true,
  verifiedAt: true,
  version: true,
  isDemo: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
  space: { select: { id: true, key: true, name: true, access: true, unitId: true } },
  ownerUnit: { select: { id: true, code: true, name: true } },
  owner: PERSON,
  verifiedBy: PERSON,
} satisfies Prisma.KnowledgeArticleSelect;

export type TArticleRow = Prisma.KnowledgeArticleGetPayload<{ select: typeof ARTICLE_SELECT }>;

export const SPACE_SELECT = {
  id: true,
  key: true,
  name: true,
  nameDsb: true,
  description: true,
  access: true,
  unitId: true,
  unit: { select: { id: true, code: true, name: true } },
  isDemo: true,
  _count: { select: { articles: { where: { archivedAt: null } } } },
} satisfies Prisma.KnowledgeSpaceSelect;

export type TSpaceRow = Prisma.KnowledgeSpaceGetPayload<{ select: typeof SPACE_SELECT }>;

export function listSpaces(db: DbOrTx): Promise<TSpaceRow[]> {
  return db.knowledgeSpace.findMany({ select: SPACE_SELECT, orderBy: { name: "asc" } });
}

export function findSpaceByKey(db: DbOrTx, key: string): Promise<TSpaceRow | null> {
  return db.knowledgeSpace.findUnique({ where: { key }, select: SPACE_SELECT });
}

export function listArticlesInSpace(db: DbOrTx, spaceId: string) {
  return db.knowledgeArticle.findMany({
    where: { spaceId, archivedAt: null },
    select: {
      id: true,
      title: true,
      template: true,
      tags: true,
      updatedAt: true,
      verifiedAt: true,
      reviewDueAt: true,
      owner: PERSON,
    },
    orderBy: { title: "asc" },
  });
}

export function findArticle(db: DbOrTx, id: string): Promise<TArticleRow | null> {
  return db.knowledgeArticle.findUnique({ where: { id }, select: ARTICLE_SELECT });
}

export function backlinks(db: DbOrTx, id: string) {
  return db.knowledgeLink.findMany({
    where: { toId: id, from: { archivedAt: null } },
    select: { from: { select: { id: true, title: true } } },
    orderBy: { from: { title: "asc" } },
  });
}

/** Replaces the article's outgoing links; ids of articles that do not exist are ignored. */
export async function replaceLinks(tx: Tx, fromId: string, toIds: readonly string[]): Promise<void> {
  await tx.knowledgeLink.deleteMany({ where: { fromId } });
  const existing = await tx.knowledgeArticle.findMany({
    where: { id: { in: toIds.filter((id) => id !== fromId) } },
    select: { id: true },
  });
  if (existing.length > 0) {
    await tx.knowledgeLink.createMany({ data: existing.map((a) => ({ fromId, toId: a.id })), skipDuplicates: true });
  }
}

export function listVersions(db: DbOrTx, articleId: string) {
  return db.knowledgeArticleVersion.findMany({
    where: { articleId },
    select: { version: true, title: true, createdAt: true, author: PERSON },
    orderBy: { version: "desc" },
  });
}

export function findVersion(db: DbOrTx, articleId: string, version: number) {
  return db.knowledgeArticleVersion.findUnique({
    where: { articleId_version: { articleId, version } },
    select: { version: true, title: true, content: true, bodyText: true, titleDsb: true, contentDsb: true, tags: true },
  });
}

/** The article's space and version, locked for the rest of the transaction. */
export async function lockArticle(tx: Tx, id: string): Promise<{ version: number } | null> {
  const rows = await tx.$queryRaw<{ version: number }[]>`
    SELECT version FROM knowledge_article WHERE id = ${id} FOR UPDATE`;
  return rows[0] ?? null;
}

/** Active people of a unit with their roles (ownership hand-over). */
export function activePeopleOfUnit(db: DbOrTx, unitId: string) {
  return db.user.findMany({
    where: { unitId, deactivatedAt: null, isSystem: false },
    select: { id: true, name: true, roles: true },
  });
}

export function parentOf(db: DbOrTx, unitId: string) {
  return db.orgUnit.findUnique({ where: { id: unitId }, select: { parentId: true } });
}
