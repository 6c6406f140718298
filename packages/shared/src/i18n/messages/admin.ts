import { defineMessages } from "../define.ts";

export const admin = defineMessages({
  de: {
    "admin.title": "Verwaltung",
    "admin.units": "Organisationseinheiten",
    "admin.users": "Benutzerkonten",
    "admin.import": "Personalliste importieren (CSV)",
    "admin.audit": "Protokoll der Verwaltungsaktionen",
  },
  dsb: {
    "admin.title": "Zastojnstwo",
    "admin.units": "Organizaciske jadnotki",
    "admin.users": "Wužywarske konta",
  },
  en: {
    "admin.title": "Administration",
    "admin.units": "Organisational units",
    "admin.users": "User accounts",
    "admin.import": "Import staff list (CSV)",
    "admin.audit": "Audit log of admin actions",
  },
});
