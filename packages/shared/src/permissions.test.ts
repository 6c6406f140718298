import { describe, expect, it } from "vitest";
import { hasPermission, PERMISSIONS, permissionsOf, requiresTotp, ROLE_PERMISSIONS } from "./permissions.ts";

describe("permission registry", () => {
  it("keeps administration and the cooperation index away from staff and editors", () => {
    for (const role of ["STAFF", "EDITOR"] as const) {
      expect(hasPermission([role], "manage:users")).toBe(false);
      expect(hasPermission([role], "read:coop-index")).toBe(false);
    }
    expect(hasPermission(["LEADERSHIP"], "read:coop-index")).toBe(true);
    expect(hasPermission(["LEADERSHIP"], "manage:users")).toBe(false);
    expect(hasPermission(["STAFF", "ADMIN"], "manage:org-units")).toBe(true);
  });

  it("grants only registered permissions, and admins all administrative ones", () => {
    const all = new Set(PERMISSIONS);
    for (const grants of Object.values(ROLE_PERMISSIONS)) for (const p of grants) expect(all.has(p)).toBe(true);
    expect(permissionsOf(["ADMIN"])).toEqual(
      new Set(PERMISSIONS.filter((p) => !["publish:news", "review:knowledge"].includes(p))),
    );
  });

  it("requires TOTP for admins only", () => {
    expect(requiresTotp(["STAFF", "ADMIN"])).toBe(true);
    expect(requiresTotp(["STAFF", "EDITOR", "LEADERSHIP"])).toBe(false);
  });
});
