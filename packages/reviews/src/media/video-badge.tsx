import { formatDuration } from "./media-url.ts";

/** The play mark and length over a video's thumbnail (card strip and gallery tile alike). */
export function VideoBadge({ durationSeconds }: { durationSeconds: number | undefined }) {
  return (
    <span class="plaudit-media__video">
      <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M8 5v14l11-7z" fill="currentColor" />
      </svg>
      {durationSeconds !== undefined && formatDuration(durationSeconds)}
    </span>
  );
}
