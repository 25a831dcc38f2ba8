// The write-a-review dialog. The reviews widget lazy-imports this file as its own chunk, so it
// imports only core, ui and its own folder. States: editing → sending → thanks, or → error with a
// Retry that sends the same draft again. Submitting goes through the page store, which emits
// `review:submitted` (the list, the summary and the loyalty widget refresh on it).
import {
  catalogsFor,
  createI18n,
  isPending,
  isPlauditError,
  type ReviewInput,
  type SubmitReviewResponse,
} from "@plaudit/core";
import { adoptStyles, baseCss, Dialog, dialogCss, ratingInputCss, themeCss } from "@plaudit/ui";
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { MediaField } from "../media/media-field.tsx";
import { mediaFieldCss } from "../media/media-field-styles.ts";
import { isBusy } from "../media/upload-state.ts";
import { type UploadMedia, useUploads } from "../media/use-uploads.ts";
import { writeReviewLoadable } from "./messages.ts";
import {
  checkDraft,
  checkField,
  type DraftField,
  type DraftProblems,
  emptyDraft,
  fieldsFromServer,
  fieldValue,
  firstProblemField,
  type ReviewDraft,
  toReviewInput,
} from "./review-draft.ts";
import { writeReviewCss } from "./styles.ts";
import { failureMessageKey } from "./submit-failure.ts";
import { WriteReviewForm } from "./write-review-form.tsx";

export interface WriteReviewDialogProps {
  productId: string;
  productName?: string;
  i18nLocale: string;
  /** Sends the review: the reviews controller's submitReview (the store the widget was given). */
  submit(input: ReviewInput): Promise<SubmitReviewResponse>;
  /** Uploads the form's photos and videos: the reviews controller's uploadMedia. */
  uploadMedia: UploadMedia;
  /** Sent with the review; default the page's shopper token (the store adds it). */
  customerToken?: string;
  returnFocusTo: HTMLElement | null;
  onClose(): void;
}

type Phase =
  | { name: "editing" }
  | { name: "sending" }
  | { name: "thanks"; status: "published" | "pending" }
  | { name: "error"; messageKey: string };

/**
 * Drafts of dialogs closed before sending, by product, for this page's life: closing by mistake
 * (Escape, the ×, Android's back) and opening again brings back what was typed. A sent review's
 * draft is dropped. Its files are kept the same way (use-uploads.ts).
 */
const unsentDrafts = new Map<string, ReviewDraft>();

/**
 * The dialog once its words in `locale` are at hand (a German page's come in their own chunk,
 * loaded with this one): it opens speaking them, in one render.
 */
export const writeReviewDialogIn = async (locale: string) => {
  await catalogsFor(locale, writeReviewLoadable);
  return WriteReviewDialog;
};

export function WriteReviewDialog(props: WriteReviewDialogProps) {
  const { productName, customerToken } = props;
  const i18n = useMemo(() => {
    const found = catalogsFor(props.i18nLocale, writeReviewLoadable);
    // At hand when opened through writeReviewDialogIn; else English (never blank).
    return createI18n(props.i18nLocale, isPending(found) ? { en: writeReviewLoadable.en } : found);
  }, [props.i18nLocale]);
  const idBase = `plaudit-wr${useId()}`;
  const contentRef = useRef<HTMLDivElement>(null);
  const thanksCloseRef = useRef<HTMLButtonElement>(null);
  const mounted = useRef(true);
  // Set before the first await: a second submit in the same task (before "sending" renders) sends nothing.
  const inFlight = useRef(false);

  const [draft, setDraft] = useState<ReviewDraft>(() => unsentDrafts.get(props.productId) ?? emptyDraft());
  const [phase, setPhase] = useState<Phase>({ name: "editing" });
  // Messages appear on the first submit; after it, leaving a field re-checks that field.
  const [attempted, setAttempted] = useState(false);
  const [problems, setProblems] = useState<DraftProblems>({});
  // Fields the server refused, with the value it refused: the message stays until that value changes.
  const [refused, setRefused] = useState<Partial<Record<DraftField, string>>>({});
  const [focusRequest, setFocusRequest] = useState<{ field: DraftField } | null>(null);
  const uploads = useUploads(props.uploadMedia, props.productId, props.i18nLocale);
  // Why the review cannot be sent yet because of its files; cleared once they settle.
  const [mediaNotice, setMediaNotice] = useState<"media.wait" | "media.fix" | null>(null);
  const uploadsBusy = uploads.items.some(isBusy);
  const uploadsFailed = uploads.items.some((item) => item.status === "failed");
  if (mediaNotice === "media.wait" && !uploadsBusy) setMediaNotice(uploadsFailed ? "media.fix" : null);
  if (mediaNotice === "media.fix" && !uploadsFailed) setMediaNotice(uploadsBusy ? "media.wait" : null);

  useLayoutEffect(() => {
    const root = contentRef.current?.getRootNode();
    if (root instanceof ShadowRoot)
      adoptStyles(root, [themeCss, baseCss, dialogCss, ratingInputCss, writeReviewCss, mediaFieldCss]);
    return () => {
      mounted.current = false;
    };
  }, []);

  // Focus moves after the render that shows the messages, so the field is read with its error.
  useEffect(() => {
    if (!focusRequest) return;
    const content = contentRef.current;
    const target =
      focusRequest.field === "rating"
        ? content?.querySelector<HTMLElement>('[role="radio"][tabindex="0"]')
        : content?.querySelector<HTMLElement>(`[name="${focusRequest.field}"]`);
    target?.focus();
  }, [focusRequest]);

  useEffect(() => {
    if (phase.name === "thanks") thanksCloseRef.current?.focus();
  }, [phase.name]);

  // In the commit itself: a dialog closed right after a render still leaves its latest draft.
  useLayoutEffect(() => {
    if (phase.name === "thanks") {
      unsentDrafts.delete(props.productId);
      uploads.forget();
    } else unsentDrafts.set(props.productId, draft);
  }, [draft, phase.name]);

  const errors: Partial<Record<DraftField, string>> = {};
  for (const field of Object.keys({ ...problems, ...refused }) as DraftField[]) {
    const problem = problems[field];
    if (problem) {
      const params = Object.fromEntries(
        Object.entries(problem.params ?? {}).map(([k, v]) => [k, i18n.formatNumber(v)]),
      );
      errors[field] = i18n.t(problem.key, params);
    } else if (refused[field] !== undefined && refused[field] === fieldValue(draft, field)) {
      errors[field] = i18n.t(`error.${field}.rejected`);
    }
  }

  const onDraft = <K extends keyof ReviewDraft>(field: K, value: ReviewDraft[K]) => {
    setDraft((current) => ({ ...current, [field]: value }));
    // Picking a star is its own "leaving the field": a fixed rating error goes away at once.
    if (field === "rating") setProblems((p) => ({ ...p, rating: undefined }));
  };

  const onLeaveField = (field: DraftField) => {
    if (attempted) setProblems((p) => ({ ...p, [field]: checkField(field, draft) }));
  };

  const submit = async () => {
    if (inFlight.current) return;
    setAttempted(true);
    const found = checkDraft(draft);
    setProblems(found);
    const firstInvalid = firstProblemField(found);
    if (firstInvalid) {
      setFocusRequest({ field: firstInvalid });
      return;
    }
    // A review sent now would go without the files still on their way (or the failed ones).
    if (uploadsBusy || uploadsFailed) {
      setMediaNotice(uploadsBusy ? "media.wait" : "media.fix");
      return;
    }
    inFlight.current = true;
    setPhase({ name: "sending" });
    try {
      const mediaIds = uploads.items.flatMap((item) => (item.media ? [item.media.id] : []));
      const input = toReviewInput(draft, customerToken, mediaIds);
      const result = await props.submit(input);
      if (mounted.current) setPhase({ name: "thanks", status: result.status });
    } catch (error) {
      if (!mounted.current) return;
      // Files the server no longer has (an upload not taken by a review within 45 minutes is
      // deleted): those rows fail with Retry, which uploads them again; the draft stays.
      const refusedMedia = isPlauditError(error) && error.fields?.mediaIds;
      if (refusedMedia) {
        const uploaded = uploads.items.flatMap((item) => (item.media ? [item.media.id] : []));
        const named = uploaded.filter((id) => refusedMedia.includes(id));
        await uploads.expire(named.length > 0 ? named : uploaded);
        if (!mounted.current) return;
        setPhase({ name: "editing" });
        setMediaNotice("media.fix");
        return;
      }
      const serverFields =
        isPlauditError(error) && error.code === "validation_failed" && error.fields
          ? fieldsFromServer(error.fields)
          : [];
      const first = serverFields[0];
      if (first) {
        setRefused(Object.fromEntries(serverFields.map((field) => [field, fieldValue(draft, field)])));
        setPhase({ name: "editing" });
        setFocusRequest({ field: first });
        return;
      }
      setPhase({ name: "error", messageKey: failureMessageKey(error) });
    } finally {
      inFlight.current = false;
    }
  };

  const thanks = phase.name === "thanks" ? phase : null;
  const status = thanks
    ? i18n.t(`thanks.${thanks.status}`)
    : phase.name === "sending"
      ? i18n.t("status.sending")
      : "";

  return (
    <Dialog
      open
      title={productName ? i18n.t("dialog.titleFor", { product: productName }) : i18n.t("dialog.title")}
      closeLabel={i18n.t("dialog.close")}
      onClose={props.onClose}
      dir={i18n.dir}
      lang={i18n.locale}
      returnFocusTo={props.returnFocusTo}
      initialFocus={() => contentRef.current?.querySelector<HTMLElement>('[role="radio"][tabindex="0"]')}
      class="plaudit-write-review-dialog"
    >
      <div ref={contentRef} class="plaudit-write-review">
        {!thanks && (
          <WriteReviewForm
            idBase={idBase}
            i18n={i18n}
            draft={draft}
            errors={errors}
            sending={phase.name === "sending"}
            failure={phase.name === "error" ? i18n.t(phase.messageKey) : ""}
            onDraft={onDraft}
            onLeaveField={onLeaveField}
            onSubmit={() => void submit()}
            media={
              <MediaField idBase={`${idBase}-media`} i18n={i18n} uploads={uploads} noticeKey={mediaNotice} />
            }
          />
        )}
        {/* Always in the DOM: screen readers announce changes to a live region, not its insertion. */}
        <p role="status" class={`plaudit-write-review-status${thanks ? " is-done" : ""}`}>
          {status}
        </p>
        {thanks && (
          <div class="plaudit-write-review-actions">
            <button
              ref={thanksCloseRef}
              type="button"
              class="plaudit-button plaudit-button--primary"
              onClick={props.onClose}
            >
              {i18n.t("thanks.close")}
            </button>
          </div>
        )}
      </div>
    </Dialog>
  );
}
