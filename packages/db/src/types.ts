// Types and enums only: safe to import from browser code (no Prisma runtime).
export type { OrgUnitKind, Role, Locale, DeliveryStatus } from "./generated/prisma/enums.ts";
export { OrgUnitKind as OrgUnitKinds, Role as Roles } from "./generated/prisma/enums.ts";
