// The review form's photo and video field: a picker (and the phone camera), drag and drop, and
// one row per file with its progress, Remove, and Retry after a failure. It only renders; the
// uploads live in useUploads, whose code loads on the first interaction with this field.
import { createI18n, type I18n, MEDIA_PER_REVIEW } from "@plaudit/core";
import { Button, LiveRegion } from "@plaudit/ui";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { UploadItem } from "./upload-state.ts";
import type { Uploads } from "./use-uploads.ts";

export interface MediaFieldProps {
  /** Prefix of the field's ids (unique per dialog). */
  idBase: string;
  i18n: I18n;
  uploads: Uploads;
  /** Why the review cannot be sent yet ("media.wait": still uploading), shown as an alert. */
  noticeKey?: string | null;
}

const ACCEPT = "image/*,video/*";

export function MediaField({ idBase, i18n, uploads, noticeKey }: MediaFieldProps) {
  const { t } = i18n;
  // Rows and failures are worded from the catalog that came with the upload code.
  const { messages } = uploads;
  const words = useMemo(() => messages && createI18n(i18n.locale, messages), [messages, i18n.locale]);
  const picker = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const [dragging, setDragging] = useState(false);
  const [full, setFull] = useState(false);
  const announcement = useAnnouncements(uploads.items, words);
  const { items } = uploads;
  const room = MEDIA_PER_REVIEW - items.length;

  const add = (files: FileList | null | undefined) => {
    const picked = files ? [...files] : [];
    if (picked.length === 0) return;
    void uploads.add(picked).then(
      ({ overLimit }) => setFull(overLimit > 0),
      () => setFull(false),
    );
  };
  const onChange = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    add(input.files);
    input.value = ""; // picking the same file again (after removing it) fires change again
  };

  return (
    <fieldset
      class={`plaudit-write-review-field plaudit-media-field${dragging ? " is-dragging" : ""}`}
      onFocusIn={uploads.warm}
      onPointerEnter={uploads.warm}
      onDragOver={(event) => {
        if (!event.dataTransfer?.types.includes("Files")) return;
        event.preventDefault();
        uploads.warm();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (!(event.currentTarget as Node).contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        add(event.dataTransfer?.files);
      }}
    >
      <legend class="plaudit-write-review-label">{t("media.label")}</legend>
      <p class="plaudit-write-review-hint" id={`${idBase}-hint`}>
        {t("media.hint", { max: i18n.formatNumber(MEDIA_PER_REVIEW) })}
      </p>
      <div class="plaudit-media-field__drop">
        <button
          ref={addButton}
          type="button"
          class="plaudit-button plaudit-button--secondary"
          aria-describedby={`${idBase}-hint`}
          aria-disabled={room <= 0 ? "true" : undefined}
          onClick={() => room > 0 && picker.current?.click()}
        >
          {t("media.add")}
        </button>
        <Button
          class="plaudit-media-field__camera"
          aria-disabled={room <= 0 ? "true" : undefined}
          onClick={() => room > 0 && camera.current?.click()}
        >
          {t("media.camera")}
        </Button>
        <span class="plaudit-media-field__drop-hint">{t("media.drop")}</span>
        <input ref={picker} type="file" accept={ACCEPT} multiple hidden onChange={onChange} />
        {/* `capture` hints the phone to open its camera; desktops ignore it. Never forced on the picker. */}
        <input ref={camera} type="file" accept={ACCEPT} capture="environment" hidden onChange={onChange} />
      </div>
      {words && items.length > 0 && (
        <ul class="plaudit-media-field__list" aria-label={words.t("media.listLabel")}>
          {items.map((item) => (
            <UploadRow
              key={item.key}
              item={item}
              i18n={words}
              onRemove={() => {
                uploads.remove(item.key);
                setFull(false);
                // The row and its button go away: focus stays in the field, on "Add".
                addButton.current?.focus();
              }}
              onRetry={() => uploads.retry(item.key)}
            />
          ))}
        </ul>
      )}
      <p role="alert" class="plaudit-media-field__notice">
        {words && noticeKey
          ? words.t(noticeKey)
          : words && full
            ? words.t("media.full", { max: i18n.formatNumber(MEDIA_PER_REVIEW) })
            : ""}
      </p>
      {/* Present from the first file on, so it is in place before its first announcement. */}
      {items.length > 0 && <LiveRegion message={announcement} />}
    </fieldset>
  );
}

function UploadRow(props: { item: UploadItem; i18n: I18n; onRemove(): void; onRetry(): void }) {
  const { item, i18n, onRemove, onRetry } = props;
  const { t } = i18n;
  const busy = item.status === "preparing" || item.status === "uploading";
  const status =
    item.status === "failed"
      ? t(item.errorKey ?? "media.failed.generic")
      : item.status === "done"
        ? t("media.done")
        : item.status === "preparing"
          ? t("media.preparing")
          : t("media.uploading", { percent: i18n.formatNumber(item.progress, { style: "percent" }) });
  return (
    <li class={`plaudit-upload is-${item.status}`}>
      <span class="plaudit-upload__name" dir="auto">
        {item.name}
      </span>
      {busy && (
        <progress
          class="plaudit-upload__progress"
          max={1}
          // Indeterminate while the photo is resized on the device.
          value={item.status === "uploading" ? item.progress : undefined}
          aria-label={t("media.progress", { name: item.name })}
        />
      )}
      <span class="plaudit-upload__status">{status}</span>
      <span class="plaudit-upload__actions">
        {item.status === "failed" && item.retryable !== false && (
          <Button variant="quiet" aria-label={t("media.retryName", { name: item.name })} onClick={onRetry}>
            {t("media.retry")}
          </Button>
        )}
        <Button variant="quiet" aria-label={t("media.removeName", { name: item.name })} onClick={onRemove}>
          {t("media.remove")}
        </Button>
      </span>
    </li>
  );
}

/** "photo.jpg uploaded." once per file that finishes or fails, for screen-reader users. */
function useAnnouncements(items: readonly UploadItem[], i18n: I18n | undefined): string {
  const seen = useRef(new Map<string, string>());
  const [message, setMessage] = useState("");
  useEffect(() => {
    if (!i18n) return;
    for (const item of items) {
      const before = seen.current.get(item.key);
      seen.current.set(item.key, item.status);
      if (before === item.status) continue;
      if (item.status === "done") setMessage(i18n.t("media.announceDone", { name: item.name }));
      if (item.status === "failed") setMessage(i18n.t("media.announceFailed", { name: item.name }));
    }
  }, [items]);
  return message;
}
