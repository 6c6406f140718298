import {
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { AppError } from "@kreisnetz/shared/errors";
import { translate } from "@kreisnetz/shared/i18n";
import { Field, FormMessage, errorsOf } from "../components/form.tsx";
import { adminUsersTitle } from "../lib/admin-users.ts";
import { formString, runAction } from "../lib/forms.server.ts";
import { useT } from "../lib/i18n.ts";
import { requireActor } from "../lib/session.server.ts";
import stylesHref from "../styles/news.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];
export const meta: MetaFunction = ({ matches }) => adminUsersTitle(matches, "news.image.upload");

/** Slightly above the API's limit, so the API gives the translated "too large" answer. */
const MAX_PART_BYTES = 4 * 1024 * 1024 + 1;

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireActor(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireActor(request, context);
  const { locale, caller } = context;
  return runAction(
    locale,
    async () => {
      const form = await unstable_parseMultipartFormData(
        request,
        unstable_createMemoryUploadHandler({ maxPartSize: MAX_PART_BYTES }),
      ).catch(() => {
        throw new AppError("BAD_INPUT", "news.error.imageTooLarge", { max: 4 }, { file: "news.error.imageTooLarge" });
      });
      const file = form.get("file");
      const data = file && typeof file === "object" ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
      return caller.news.uploadImage({ data, alt: formString(form, "alt") ?? "" });
    },
    translate(locale, "news.image.uploaded"),
  );
}

export default function UploadImage() {
  const raw = useActionData<typeof action>();
  const t = useT();
  const errors = errorsOf(raw);
  const uploaded = raw && "ok" in raw && raw.ok ? (raw.result as { id: string; src: string; alt: string }) : null;
  return (
    <div className="page news">
      <h1>{t("news.image.upload")}</h1>
      <p>{t("news.image.hint")}</p>
      <FormMessage error={errors.message} success={uploaded ? t("news.image.uploaded") : undefined} />
      <Form method="post" encType="multipart/form-data" className="stack">
        <Field
          label={t("news.image.file")}
          name="file"
          type="file"
          accept="image/jpeg,image/png,image/gif,image/webp"
          required
          error={errors.fields.file}
        />
        <Field label={t("news.image.alt")} name="alt" required error={errors.fields.alt} />
        <div>
          <button type="submit" className="button primary">
            {t("news.image.upload")}
          </button>
        </div>
      </Form>
      {uploaded && (
        <section className="card" aria-labelledby="uploaded-heading">
          <h2 id="uploaded-heading">{t("news.image.address")}</h2>
          <p>
            <code>{uploaded.src}</code>
          </p>
          <p className="muted">
            {t("news.image.id")}: <code>{uploaded.id}</code>
          </p>
          <img src={uploaded.src.replace("/large", "/medium")} alt={uploaded.alt} className="preview" />
        </section>
      )}
    </div>
  );
}
