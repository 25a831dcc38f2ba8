/** This copy of @plaudit/core; a page shares its store and events only between copies of the same major. */
export const CORE_VERSION = "0.1.0";
