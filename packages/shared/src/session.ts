/** Cookie names and lifetimes, shared by the server and the Remix routes. */
export const SESSION_COOKIE = "kn_session";
export const LOCALE_COOKIE = "kn_locale";
/** Absolute session lifetime; an idle intranet tab is logged out after a working day. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
