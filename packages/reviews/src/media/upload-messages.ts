// Words the review form needs only once a file was added (progress, failures, the reasons a
// review cannot be sent yet): they load with the upload code, keeping the form's chunk small.
import type { Catalogs, Messages } from "@plaudit/core";

const en: Messages = {
  "media.listLabel": "Added photos and videos",
  "media.progress": "Uploading {name}",
  "media.preparing": "Preparing…",
  "media.uploading": "Uploading… {percent}",
  "media.done": "Uploaded",
  "media.remove": "Remove",
  "media.removeName": "Remove {name}",
  "media.retry": "Retry",
  "media.retryName": "Retry {name}",
  "media.announceDone": "{name} uploaded.",
  "media.announceFailed": "{name} could not be uploaded.",
  "media.full": "A review can have up to {max} photos and videos. Remove one to add another.",
  "media.wait": "Your photos and videos are still uploading. Send your review once they are done.",
  "media.fix": "Some files could not be uploaded. Retry or remove them, then send your review.",
  "media.failed.generic": "Could not be uploaded.",
  "media.failed.network": "Upload interrupted: check your connection, then retry.",
  "media.failed.type": "This file type is not supported. Use JPEG, PNG, WebP, MP4 or WebM.",
  "media.failed.size": "Too large: videos can be up to 100 MB.",
  "media.failed.busy": "Too many uploads at once. Wait a moment, then retry.",
  "media.failed.unreadable": "This file could not be read.",
  "media.failed.expired": "This upload expired. Retry to upload it again.",
  "media.failed.photoSize": "Too large: photos can be up to 15 MB and 40 megapixels.",
  "media.failed.heic":
    "HEIC photos cannot be read here. Add it as a JPEG (iPhone: Settings › Camera › Formats › Most Compatible).",
  "media.failed.long": "Too long: videos can be up to 5 minutes.",
  "media.failed.storeFull":
    "This shop is not taking photos or videos right now. Remove the file to send your review.",
};

const de: Messages = {
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

const he: Messages = {
  "media.listLabel": "תמונות וסרטונים שנוספו",
  "media.progress": "{name} בהעלאה",
  "media.preparing": "בהכנה…",
  "media.uploading": "בהעלאה… {percent}",
  "media.done": "הועלה",
  "media.remove": "הסרה",
  "media.removeName": "הסרה: {name}",
  "media.retry": "ניסיון נוסף",
  "media.retryName": "ניסיון נוסף: {name}",
  "media.announceDone": "{name} הועלה.",
  "media.announceFailed": "לא ניתן היה להעלות את {name}.",
  "media.full": "ביקורת יכולה לכלול עד {max} תמונות וסרטונים. יש להסיר אחד כדי להוסיף אחר.",
  "media.wait": "התמונות והסרטונים עדיין בהעלאה. אפשר לשלוח את הביקורת כשההעלאה תסתיים.",
  "media.fix": "חלק מהקבצים לא הועלו. יש לנסות שוב או להסיר אותם, ואז לשלוח את הביקורת.",
  "media.failed.generic": "לא ניתן היה להעלות.",
  "media.failed.network": "ההעלאה נקטעה: יש לבדוק את החיבור ולנסות שוב.",
  "media.failed.type": "סוג הקובץ אינו נתמך. אפשר להשתמש ב-JPEG,‏ PNG,‏ WebP,‏ MP4 או WebM.",
  "media.failed.size": "גדול מדי: סרטון יכול להיות עד 100MB.",
  "media.failed.busy": "יותר מדי העלאות בבת אחת. יש להמתין רגע ולנסות שוב.",
  "media.failed.unreadable": "לא ניתן לקרוא את הקובץ.",
  "media.failed.expired": "תוקף ההעלאה פג. יש לנסות שוב כדי להעלות אותה מחדש.",
  "media.failed.photoSize": "גדול מדי: תמונה יכולה להיות עד 15MB ועד 40 מגה-פיקסל.",
  "media.failed.heic":
    "לא ניתן לקרוא כאן תמונות HEIC. יש להוסיף אותה כ-JPEG (באייפון: הגדרות › מצלמה › תבניות › התאימות הגבוהה ביותר).",
  "media.failed.long": "ארוך מדי: סרטון יכול להיות עד 5 דקות.",
  "media.failed.storeFull": "החנות לא מקבלת כרגע תמונות או סרטונים. יש להסיר את הקובץ כדי לשלוח את הביקורת.",
};

export const uploadMessages: Catalogs = { en, de, he };
