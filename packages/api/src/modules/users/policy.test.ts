import { describe, expect, it } from "vitest";
import { checkAccountChange, checkPasswordReset, type TAccountChange } from "./policy.ts";

const ADMIN = ["STAFF", "ADMIN"] as const;
const STAFF = ["STAFF"] as const;

function change(over: Partial<TAccountChange> & Pick<TAccountChange, "next">): TAccountChange {
  return {
    actorId: "actor",
    target: { id: "other", roles: [...ADMIN], deactivated: false },
    activeAdminCount: 3,
    ...over,
  };
}

describe("checkAccountChange", () => {
  it("allows ordinary changes to other accounts", () => {
    expect(checkAccountChange(change({ next: { roles: [...STAFF], deactivated: false } }))).toBeNull();
    expect(checkAccountChange(change({ next: { roles: [...ADMIN], deactivated: true } }))).toBeNull();
    expect(
      checkAccountChange(
        change({
          target: { id: "other", roles: [...STAFF], deactivated: false },
          next: { roles: [...STAFF], deactivated: true },
          activeAdminCount: 1,
        }),
      ),
    ).toBeNull();
  });

  it("lets admins edit their own details but not drop their own ADMIN role", () => {
    const self = { id: "actor", roles: [...ADMIN], deactivated: false };
    expect(
      checkAccountChange(change({ target: self, next: { roles: ["STAFF", "EDITOR", "ADMIN"], deactivated: false } })),
    ).toBeNull();
    expect(checkAccountChange(change({ target: self, next: { roles: [...STAFF], deactivated: false } }))).toEqual({
      code: "FORBIDDEN",
      key: "adminUsers.error.ownAdminRole",
      field: "roles",
    });
  });

  it("refuses self-deactivation even when other admins remain", () => {
    const self = { id: "actor", roles: [...ADMIN], deactivated: false };
    expect(checkAccountChange(change({ target: self, next: { roles: [...ADMIN], deactivated: true } }))).toEqual({
      code: "FORBIDDEN",
      key: "adminUsers.error.selfDeactivate",
    });
  });

  it("keeps the last active admin an active admin", () => {
    expect(
      checkAccountChange(change({ next: { roles: [...STAFF], deactivated: false }, activeAdminCount: 1 })),
    ).toEqual({
      code: "CONFLICT",
      key: "adminUsers.error.lastAdmin",
      field: "roles",
    });
    expect(checkAccountChange(change({ next: { roles: [...ADMIN], deactivated: true }, activeAdminCount: 1 }))).toEqual(
      {
        code: "CONFLICT",
        key: "adminUsers.error.lastAdmin",
      },
    );
    expect(
      checkAccountChange(change({ next: { roles: [...STAFF], deactivated: false }, activeAdminCount: 2 })),
    ).toBeNull();
  });

  it("does not count a deactivated admin as the last one", () => {
    const dormant = { id: "other", roles: [...ADMIN], deactivated: true };
    expect(
      checkAccountChange(
        change({ target: dormant, next: { roles: [...STAFF], deactivated: true }, activeAdminCount: 1 }),
      ),
    ).toBeNull();
  });
});

describe("checkPasswordReset", () => {
  it("refuses resetting one's own password here", () => {
    expect(checkPasswordReset("a", "a")).toEqual({ code: "FORBIDDEN", key: "adminUsers.error.selfReset" });
    expect(checkPasswordReset("a", "b")).toBeNull();
  });
});
