import { defineMessages } from "../define.ts";

export const adminUsers = defineMessages({
  de: {
    "admin-users.placeholder": "",
  },
  dsb: {},
  en: {
    "admin-users.placeholder": "",
  },
});
