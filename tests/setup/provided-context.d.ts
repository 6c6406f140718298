// Values the integration global setup provides to every test file (vitest `inject`).
declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    /** Shared Meilisearch; each test file uses its own index prefix (`testSearchPrefix`). */
    meiliHost: string;
    meiliMasterKey: string;
  }
}
export {};
