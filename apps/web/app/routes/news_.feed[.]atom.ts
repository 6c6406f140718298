import type { LoaderFunctionArgs } from "@remix-run/node";

const escape = (value: string) =>
  value.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);

/**
 * Atom feed of published news meant for the whole administration. It needs the
 * session cookie like every page (ADR 0010): unit-only news never appear in it.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!context.actor || !context.session?.secondFactorOk) return new Response("Unauthorized", { status: 401 });
  const entries = await context.caller.news.atomEntries().catch(() => null);
  if (!entries) return new Response("Forbidden", { status: 403 });
  const origin = new URL(request.url).origin;
  const updated = (entries[0]?.updatedAt ?? new Date(0)).toISOString();
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
  <id>${origin}/news</id>
  <title>Kreisnetz – News</title>
  <link rel="self" href="${origin}/news/feed.atom"/>
  <link rel="alternate" href="${origin}/news"/>
  <updated>${updated}</updated>
${entries
  .map(
    (e) => `  <entry>
    <id>urn:uuid:${e.id}</id>
    <title>${escape(e.title)}</title>
    <link rel="alternate" href="${origin}/news/${e.id}"/>
    <published>${e.publishedAt.toISOString()}</published>
    <updated>${e.updatedAt.toISOString()}</updated>
    <author><name>${escape(e.authorName)}</name></author>
    <summary>${escape(e.teaser)}</summary>
  </entry>`,
  )
  .join("\n")}
</feed>
`;
  return new Response(xml, {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}
