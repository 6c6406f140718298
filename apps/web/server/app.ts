import { createServer, type Server as HttpServer } from "node:http";
import path from "node:path";
import { createContext, type TContext, type TServices } from "@kreisnetz/api/context";
import { createCaller, appRouter } from "@kreisnetz/api/router";
import {
  completeSecondFactor,
  login,
  logout,
  resolveSession,
  SESSION_COOKIE,
  type TResolvedSession,
} from "@kreisnetz/api/session";
import { isLocale, localeFromAcceptLanguage, type TLocale } from "@kreisnetz/shared/i18n";
import { LOCALE_COOKIE } from "@kreisnetz/shared/session";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import * as trpcExpress from "@trpc/server/adapters/express";
import compression from "compression";
import { parse as parseCookie } from "cookie";
import express, { type Request, type Response } from "express";
import type { ViteDevServer } from "vite";
import type { TLoadContext } from "./load-context.ts";
import { cspNonce, limitBodySize, MAX_BODY_BYTES, sameOriginOnly, securityHeaders } from "./security.ts";
import { createRealtimeBroadcaster } from "@kreisnetz/api/realtime";
import type pg from "pg";
import { attachSocketServer, type TRealtimeServer } from "./socket.ts";

export type TAppOptions = {
  services: TServices;
  /** Vite dev server (hot reload) or the built Remix server bundle. */
  mode: { dev: true; vite: ViteDevServer } | { dev: false; buildDir: string };
  publicUrl?: string;
  /** Share Socket.IO rooms and presence with other instances through PostgreSQL (scale-out). */
  socketAdapterPool?: pg.Pool;
};

type TRequestAuth = { token: string | undefined; resolved: TResolvedSession | null };

export type TApp = { app: express.Express; httpServer: HttpServer; sockets: TRealtimeServer };

/** One HTTP server: Remix SSR, tRPC at /api/trpc and Socket.IO. */
export async function createApp(options: TAppOptions): Promise<TApp> {
  const { services } = options;
  const secureCookies = options.publicUrl?.startsWith("https://") ?? false;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  const httpServer = createServer(app);
  const sockets = attachSocketServer(httpServer, services, {
    publicUrl: options.publicUrl,
    adapterPool: options.socketAdapterPool,
  });
  services.realtime = sockets.realtime;
  services.events.register(createRealtimeBroadcaster(sockets.target));

  app.use(compression());
  app.use(cspNonce);
  app.use(securityHeaders(options.mode.dev));

  // A route with no session or rendering work: the baseline of the start-page benchmark.
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });

  if (options.mode.dev) {
    app.use(options.mode.vite.middlewares);
  } else {
    const clientDir = path.join(options.mode.buildDir, "client");
    app.use("/assets", express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "1y" }));
    // Root files from public/ (favicon.ico, robots.txt, …) all have an extension; page
    // URLs do not, so they skip the file-system lookup that would end in ENOENT on every
    // page request (≈2–3 % of the start page's server CPU, bench/README.md).
    const publicFiles = express.static(clientDir, { maxAge: "1h" });
    app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));
  }

  app.use(sameOriginOnly(options.publicUrl));
  app.use(limitBodySize(MAX_BODY_BYTES));

  // The session is looked up once per request (one statement, see resolveSession),
  // however many of the handlers below ask for it.
  const authByRequest = new WeakMap<Request, Promise<TRequestAuth>>();
  const authOf = (req: Request): Promise<TRequestAuth> => {
    let auth = authByRequest.get(req);
    if (!auth) {
      const token = parseCookie(req.headers.cookie ?? "")[SESSION_COOKIE];
      auth = resolveSession(services.db, token).then((resolved) => ({ token, resolved }));
      authByRequest.set(req, auth);
    }
    return auth;
  };

  const contextFor = (req: Request, auth: TRequestAuth): TContext => {
    const cookieLocale = parseCookie(req.headers.cookie ?? "")[LOCALE_COOKIE];
    const locale: TLocale =
      auth.resolved?.actor.locale ??
      (isLocale(cookieLocale) ? cookieLocale : localeFromAcceptLanguage(req.get("accept-language")));
    return createContext(services, {
      actor: auth.resolved?.actor ?? null,
      session: auth.resolved?.session ?? null,
      locale,
      ip: req.ip ?? "unknown",
      userAgent: req.get("user-agent") ?? null,
    });
  };

  app.use(
    "/api/trpc",
    trpcExpress.createExpressMiddleware({
      router: appRouter,
      createContext: async ({ req }) => contextFor(req, await authOf(req)),
      onError: ({ error, path: procedure }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[trpc] ${procedure}:`, error.cause ?? error);
      },
    }),
  );

  const getLoadContext = async (req: Request, res: Response): Promise<TLoadContext> => {
    const auth = await authOf(req);
    const ctx = contextFor(req, auth);
    return {
      caller: createCaller(ctx),
      actor: ctx.actor,
      session: ctx.session,
      staleSessionCookie: Boolean(auth.token) && !auth.resolved,
      locale: ctx.locale,
      cspNonce: res.locals.cspNonce as string,
      secureCookies,
      auth: {
        login: (input) => login(services, { ...input, ip: ctx.ip, userAgent: ctx.userAgent }),
        completeSecondFactor: (code) => completeSecondFactor(services, { token: auth.token ?? "", code, ip: ctx.ip }),
        logout: () => logout(services, auth.token),
      },
    };
  };

  const build = options.mode.dev
    ? () =>
        (options.mode as { vite: ViteDevServer }).vite.ssrLoadModule(
          "virtual:remix/server-build",
        ) as Promise<ServerBuild>
    : ((await import(path.join(options.mode.buildDir, "server", "index.js"))) as ServerBuild);

  app.all("*", createRequestHandler({ build, getLoadContext, mode: options.mode.dev ? "development" : "production" }));

  return { app, httpServer, sockets };
}
