import { defineConfig } from "vitest/config";

/**
 * Two projects: `unit` (pure logic, *.test.ts next to the code) and `integration`
 * (*.integration.test.ts against a real PostgreSQL started by the global setup).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["{packages,apps,seeds}/**/*.test.{ts,tsx}"],
          exclude: ["**/node_modules/**", "**/*.integration.test.ts", "**/build/**"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["{packages,apps,seeds}/**/*.integration.test.ts"],
          exclude: ["**/node_modules/**", "**/build/**"],
          globalSetup: ["./tests/setup/integration-global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: "forks",
        },
      },
    ],
  },
});
