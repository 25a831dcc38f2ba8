// JSON.stringify that a page's Array.prototype.toJSON cannot change. Prototype.js 1.6 (still on
// Magento 1 and other long-lived stores) defines one that turns every array into a string of JSON
// inside JSON.stringify: a review's mediaIds reached the server as "[\"…\"]" (422), the JSON-LD's
// reviews became one string, a painted widget's state read back with strings for lists.
// JSON.stringify calls toJSON before the replacer; the replacer puts the array itself back.
export function toJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, serialized: unknown) {
    const own = this[key];
    return Array.isArray(own) ? own : serialized;
  });
}
