import type { TActor, TSessionInfo } from "@kreisnetz/api/context";
import type { TCaller } from "@kreisnetz/api/router";
import type { TLoginResult } from "@kreisnetz/api/session";
import type { TLocale } from "@kreisnetz/shared/i18n";

/** Login steps bound to the current request (IP, user agent, cookie). */
export type TAuthActions = {
  login(input: { email: string; password: string }): Promise<TLoginResult>;
  completeSecondFactor(code: string): Promise<void>;
  logout(): Promise<void>;
};

/**
 * What every Remix loader and action receives. Server packages reach the routes
 * only through here, so the Remix bundle imports no database code; all reads and
 * writes go through tRPC procedures (`caller`), which check permissions.
 */
export type TLoadContext = {
  caller: TCaller;
  actor: TActor | null;
  session: TSessionInfo | null;
  /** A session cookie came with the request but matched no valid session (expired, ended). */
  staleSessionCookie: boolean;
  locale: TLocale;
  cspNonce: string;
  secureCookies: boolean;
  auth: TAuthActions;
};

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- module augmentation must be an interface
  interface AppLoadContext extends TLoadContext {}
}
