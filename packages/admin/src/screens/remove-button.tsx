import { t } from "../i18n.ts";

/**
 * The "Remove" button under one reward or tier of the program form: `label` names the item for a
 * screen reader (the visible word is the same for every item).
 */
export function RemoveButton(props: { label: string; onRemove: () => void }) {
  return (
    <div class="actions">
      <button type="button" class="danger" aria-label={props.label} onClick={props.onRemove}>
        {t("programRemove")}
      </button>
    </div>
  );
}
