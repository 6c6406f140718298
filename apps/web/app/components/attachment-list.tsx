import { Form } from "@remix-run/react";
import { formatDateTime, formatNumber } from "@kreisnetz/shared/format";
import { MAX_ATTACHMENT_BYTES } from "@kreisnetz/shared/schemas/task-details";
import { useT } from "../lib/i18n.ts";
import { Field } from "./form.tsx";

export type TAttachmentItem = {
  id: string;
  fileName: string;
  size: number;
  createdAt: Date | string;
  uploader: { name: string };
  canDelete: boolean;
};

export function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`
    : `${formatNumber(Math.ceil(bytes / 1024))} KB`;
}

/**
 * The attachments section of a task or a knowledge article: the files as
 * download links, a delete button where allowed (intent "attachment-delete"),
 * and the upload form (multipart, field "file") for those who may add files.
 */
export function AttachmentList({
  attachments,
  hrefFor,
  canUpload,
  busy,
  error,
  resetKey,
}: {
  attachments: readonly TAttachmentItem[];
  hrefFor: (id: string) => string;
  canUpload: boolean;
  busy: boolean;
  error?: string;
  resetKey: string | number;
}) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="attachments-heading">
      <h2 id="attachments-heading">{t("attachments.title")}</h2>
      {attachments.length === 0 ? (
        <p className="muted">{t("attachments.empty")}</p>
      ) : (
        <ul className="attachment-list">
          {attachments.map((a) => (
            <li key={a.id}>
              <a href={hrefFor(a.id)} download>
                {a.fileName}
              </a>
              <span className="muted">
                {fileSize(a.size)}, {t("attachments.by", { name: a.uploader.name })}, {formatDateTime(a.createdAt)}
              </span>
              {a.canDelete && (
                <Form method="post">
                  <input type="hidden" name="intent" value="attachment-delete" />
                  <input type="hidden" name="id" value={a.id} />
                  <button
                    type="submit"
                    className="button"
                    disabled={busy}
                    aria-label={t("attachments.delete", { name: a.fileName })}
                  >
                    ✕
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
      {canUpload && (
        <Form method="post" encType="multipart/form-data" className="stack" key={`file-${resetKey}`}>
          <Field
            label={t("attachments.file")}
            name="file"
            type="file"
            required
            hint={t("attachments.hint", { max: MAX_ATTACHMENT_BYTES / 1024 / 1024 })}
            error={error}
          />
          <button type="submit" className="button" disabled={busy}>
            {t("attachments.upload")}
          </button>
        </Form>
      )}
    </section>
  );
}
