// The upload's words in Hebrew (upload-messages.ts).
import type { Messages } from "@plaudit/core";

export const he: Messages = {
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
