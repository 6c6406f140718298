import { Link } from "@remix-run/react";
import { formatDate } from "@kreisnetz/shared/format";
import { useT } from "../lib/i18n.ts";

export type TNewsListItem = {
  id: string;
  kind: "NEWS" | "STORY";
  status: string;
  title: string;
  teaser: string;
  category: string | null;
  authorName: string;
  publishedAt: Date | string | null;
  pinned: boolean;
  unread: boolean;
  mustRead: boolean;
  acknowledged: boolean;
  teamOfMonth: boolean;
};

/** Post teasers; headings at `level` so each page keeps its outline. */
export function NewsList({
  items,
  level = 2,
  showStatus = false,
}: {
  items: TNewsListItem[];
  level?: 2 | 3;
  showStatus?: boolean;
}) {
  const t = useT();
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <ul className="post-list">
      {items.map((item) => (
        <li key={item.id} className="post-item">
          <ul className="tags" aria-label={t("news.filter")}>
            {item.pinned && <li className="tag">{t("news.pinned")}</li>}
            {item.unread && !showStatus && <li className="tag unread">{t("news.unread")}</li>}
            {item.mustRead && !item.acknowledged && <li className="tag must">{t("news.mustRead")}</li>}
            {item.teamOfMonth && <li className="tag">{t("news.story.teamOfMonth")}</li>}
            {item.category && <li className="tag">{t(`news.category.${item.category}` as never)}</li>}
            {showStatus && <li className="tag">{t(`news.status.${item.status}` as never)}</li>}
          </ul>
          <Heading>
            <Link to={`/news/${item.id}`}>{item.title}</Link>
          </Heading>
          {item.teaser && <p>{item.teaser}</p>}
          <p className="muted">
            {t("news.by", { name: item.authorName })}
            {item.publishedAt && ` · ${formatDate(item.publishedAt)}`}
          </p>
        </li>
      ))}
    </ul>
  );
}
