import { articleSource } from "./article.ts";
import { minutesSource } from "./minutes.ts";
import { newsSource, storySource } from "./news.ts";
import { personSource } from "./person.ts";
import { projectSource } from "./project.ts";
import { taskSource } from "./task.ts";
import type { TSearchSource } from "./types.ts";
import { unitSource } from "./unit.ts";

export type { TIndexJob, TSearchSource, TSourceReader } from "./types.ts";

/**
 * Every searchable object type. A feature adds its type by writing one source
 * file (see sources/article.ts) and listing it here; the indexer, reindex,
 * drift check and the permission re-check pick it up from this list.
 */
export const SEARCH_SOURCES: readonly TSearchSource[] = [
  articleSource,
  projectSource,
  taskSource,
  personSource,
  unitSource,
  newsSource,
  storySource,
  minutesSource,
];
