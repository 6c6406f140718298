import { defineMessages } from "../define.ts";

export const adminUnits = defineMessages({
  de: {
    "admin-units.placeholder": "",
  },
  dsb: {},
  en: {
    "admin-units.placeholder": "",
  },
});
