// The upload's words in German (upload-messages.ts).
import type { Messages } from "@plaudit/core";

export const de: Messages = {
  "media.listLabel": "Hinzugefügte Fotos und Videos",
  "media.progress": "{name} wird hochgeladen",
  "media.preparing": "Wird vorbereitet…",
  "media.uploading": "Wird hochgeladen… {percent}",
  "media.done": "Hochgeladen",
  "media.remove": "Entfernen",
  "media.removeName": "Entfernen: {name}",
  "media.retry": "Erneut versuchen",
  "media.retryName": "Erneut versuchen: {name}",
  "media.announceDone": "{name} wurde hochgeladen.",
  "media.announceFailed": "{name} konnte nicht hochgeladen werden.",
  "media.full":
    "Eine Bewertung kann bis zu {max} Fotos und Videos haben. Entfernen Sie eines, um ein weiteres hinzuzufügen.",
  "media.wait":
    "Ihre Fotos und Videos werden noch hochgeladen. Senden Sie die Bewertung, sobald sie fertig sind.",
  "media.fix":
    "Einige Dateien konnten nicht hochgeladen werden. Versuchen Sie es erneut oder entfernen Sie sie, dann senden Sie die Bewertung.",
  "media.failed.generic": "Konnte nicht hochgeladen werden.",
  "media.failed.network": "Upload unterbrochen: Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
  "media.failed.type":
    "Dieser Dateityp wird nicht unterstützt. Verwenden Sie JPEG, PNG, WebP, MP4 oder WebM.",
  "media.failed.size": "Zu groß: Videos dürfen bis zu 100 MB haben.",
  "media.failed.busy": "Zu viele Uploads auf einmal. Warten Sie kurz und versuchen Sie es erneut.",
  "media.failed.unreadable": "Diese Datei konnte nicht gelesen werden.",
  "media.failed.expired":
    "Dieser Upload ist abgelaufen. Versuchen Sie es erneut, um ihn noch einmal hochzuladen.",
  "media.failed.photoSize": "Zu groß: Fotos dürfen bis zu 15 MB und 40 Megapixel haben.",
  "media.failed.heic":
    "HEIC-Fotos können hier nicht gelesen werden. Fügen Sie es als JPEG hinzu (iPhone: Einstellungen › Kamera › Formate › Maximale Kompatibilität).",
  "media.failed.long": "Zu lang: Videos dürfen bis zu 5 Minuten lang sein.",
  "media.failed.storeFull":
    "Dieser Shop nimmt gerade keine Fotos oder Videos an. Entfernen Sie die Datei, um Ihre Bewertung zu senden.",
};
