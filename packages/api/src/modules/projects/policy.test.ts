import { describe, expect, it } from "vitest";
import {
  canBeAssigned,
  canEditProject,
  canEditTask,
  canManageMembers,
  canReadProject,
  hasLead,
  hasProjectRole,
  roleRank,
  type TProjectAccess,
} from "./policy.ts";

const staff = { roles: ["STAFF"] as const };
const admin = { roles: ["STAFF", "ADMIN"] as const };

function project(over: Partial<TProjectAccess> = {}): TProjectAccess {
  return { visibility: "ALL_STAFF", archivedAt: null, role: null, ...over };
}

describe("project roles", () => {
  it("are ordered GUEST < MEMBER < LEAD, with non-members below all", () => {
    expect(roleRank(null)).toBeLessThan(roleRank("GUEST"));
    expect(roleRank("GUEST")).toBeLessThan(roleRank("MEMBER"));
    expect(roleRank("MEMBER")).toBeLessThan(roleRank("LEAD"));
    expect(hasProjectRole("LEAD", "MEMBER")).toBe(true);
    expect(hasProjectRole("GUEST", "MEMBER")).toBe(false);
    expect(hasProjectRole(null, "GUEST")).toBe(false);
  });
});

describe("canReadProject", () => {
  it("lets everyone read ALL_STAFF projects and only members read MEMBERS projects", () => {
    expect(canReadProject(project())).toBe(true);
    expect(canReadProject(project({ visibility: "MEMBERS" }))).toBe(false);
    expect(canReadProject(project({ visibility: "MEMBERS", role: "GUEST" }))).toBe(true);
  });
});

describe("canEditProject / canEditTask", () => {
  it("lets leads edit the project, members edit tasks, guests and outsiders nothing", () => {
    expect(canEditProject(project({ role: "LEAD" }))).toBe(true);
    expect(canEditProject(project({ role: "MEMBER" }))).toBe(false);
    expect(canEditTask(project({ role: "MEMBER" }))).toBe(true);
    expect(canEditTask(project({ role: "LEAD" }))).toBe(true);
    expect(canEditTask(project({ role: "GUEST" }))).toBe(false);
    expect(canEditTask(project({ role: null }))).toBe(false);
  });

  it("freezes archived projects for everyone", () => {
    const archivedAt = new Date();
    expect(canEditProject(project({ role: "LEAD", archivedAt }))).toBe(false);
    expect(canEditTask(project({ role: "LEAD", archivedAt }))).toBe(false);
    expect(canManageMembers(admin, project({ role: "LEAD", archivedAt }))).toBe(false);
  });
});

describe("canManageMembers", () => {
  it("lets leads manage members, and admins only on projects they can read", () => {
    expect(canManageMembers(staff, project({ role: "LEAD" }))).toBe(true);
    expect(canManageMembers(staff, project({ role: "MEMBER" }))).toBe(false);
    expect(canManageMembers(admin, project())).toBe(true);
    expect(canManageMembers(admin, project({ visibility: "MEMBERS" }))).toBe(false);
    expect(canManageMembers(admin, project({ visibility: "MEMBERS", role: "GUEST" }))).toBe(true);
  });
});

describe("membership helpers", () => {
  it("assigns tasks to members and leads only, and detects a missing lead", () => {
    expect(canBeAssigned("MEMBER")).toBe(true);
    expect(canBeAssigned("GUEST")).toBe(false);
    expect(canBeAssigned(undefined)).toBe(false);
    expect(hasLead([{ role: "MEMBER" }, { role: "LEAD" }])).toBe(true);
    expect(hasLead([{ role: "MEMBER" }])).toBe(false);
  });
});
