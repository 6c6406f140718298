import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { clearSessionCookie } from "../lib/session.server.ts";

export async function loader() {
  return redirect("/");
}

export async function action({ context }: ActionFunctionArgs) {
  await context.auth.logout();
  return redirect("/login?loggedOut=1", { headers: { "Set-Cookie": clearSessionCookie(context) } });
}
