import { describe, expect, it } from "vitest";
import { DEFAULT_METHOD_V1, goalpostScore, scoreComponents, trend, validateMethod } from "./method.ts";
import type { ComponentId, MethodConfig, RawComponent } from "./types.ts";

const ok = (raw: number): RawComponent => ({ status: "ok", raw, reason: null });
const na: RawComponent = { status: "n/a", raw: null, reason: "no-active-projects" };
const off: RawComponent = { status: "disabled", raw: null, reason: "disabled" };

describe("method v1", () => {
  it("is the published method, frozen and valid", () => {
    expect(DEFAULT_METHOD_V1.weights).toEqual({ K1: 25, K2: 25, K3: 15, K4: 15, K5: 20 });
    expect(DEFAULT_METHOD_V1.goalposts.K4).toEqual({ lower: 0, upper: 1 / 3 });
    expect(DEFAULT_METHOD_V1.goalposts.K5).toEqual({ lower: 0.5, upper: 0.95 });
    expect(DEFAULT_METHOD_V1.k5Enabled).toBe(false);
    expect(Object.isFrozen(DEFAULT_METHOD_V1.thresholds)).toBe(true);
    expect(() => validateMethod(DEFAULT_METHOD_V1)).not.toThrow();
  });

  it("rejects goalposts with upper <= lower and negative weights", () => {
    const bad: MethodConfig = {
      ...DEFAULT_METHOD_V1,
      goalposts: { ...DEFAULT_METHOD_V1.goalposts, K2: { lower: 0.5, upper: 0.5 } },
      weights: { ...DEFAULT_METHOD_V1.weights, K3: -1 },
    };
    expect(() => validateMethod(bad)).toThrow(/K2: goalpost.*K3: weight/);
  });
});

describe("goalpost scores", () => {
  it("scales linearly between the goalposts and clamps outside", () => {
    const g = DEFAULT_METHOD_V1.goalposts;
    expect(goalpostScore(0.25, g.K1)).toBe(50); // 100 * 0.25 / 0.5
    expect(goalpostScore(0.6, g.K1)).toBe(100);
    expect(goalpostScore(-0.1, g.K2)).toBe(0);
    expect(goalpostScore(1 / 6, g.K4)).toBeCloseTo(50, 12); // half of 1/3
    expect(goalpostScore(0.725, g.K5)).toBeCloseTo(50, 12); // (0.725 - 0.5) / 0.45
    expect(goalpostScore(0.4, g.K5)).toBe(0);
  });
});

describe("index from components", () => {
  it("renormalises the weights over the available components", () => {
    const raw: Record<ComponentId, RawComponent> = { K1: ok(0.25), K2: ok(0.1), K3: na, K4: ok(0.2), K5: off };
    const { components, index } = scoreComponents(raw, DEFAULT_METHOD_V1);
    // scores: K1 50, K2 20, K4 60; weights 25 + 25 + 15 = 65
    // index = (25*50 + 25*20 + 15*60) / 65 = 2650 / 65 = 40.769...
    expect(index.value).toBeCloseTo(2650 / 65, 10);
    expect(index.availableComponents).toBe(3);
    expect(components.K1.effectiveWeight).toBeCloseTo(25 / 65, 12);
    expect(components.K1.points).toBeCloseTo((25 / 65) * 50, 10); // 19.23
    expect(components.K4.points).toBeCloseTo((15 / 65) * 60, 10); // 13.85
    expect(components.K3).toMatchObject({ status: "n/a", score: null, points: null, effectiveWeight: null });
    expect(components.K5).toMatchObject({ status: "disabled", score: null });
    const sum = (["K1", "K2", "K4"] as const).reduce((s, id) => s + components[id].points!, 0);
    expect(sum).toBeCloseTo(index.value!, 10);
  });

  it("treats n/a differently from 0", () => {
    const withNa = scoreComponents({ K1: ok(0.5), K2: ok(0.5), K3: na, K4: ok(1 / 3), K5: off }, DEFAULT_METHOD_V1);
    const withZero = scoreComponents(
      { K1: ok(0.5), K2: ok(0.5), K3: ok(0), K4: ok(1 / 3), K5: off },
      DEFAULT_METHOD_V1,
    );
    expect(withNa.index.value).toBe(100);
    expect(withZero.index.value).toBeCloseTo((100 * 65) / 80, 10); // 81.25
  });

  it("gives no index with fewer than three available components", () => {
    const { components, index } = scoreComponents(
      { K1: na, K2: ok(0.5), K3: ok(0.5), K4: na, K5: off },
      DEFAULT_METHOD_V1,
    );
    expect(index).toEqual({ value: null, availableComponents: 2, reason: "too-few-components" });
    expect(components.K2.score).toBe(100);
    expect(components.K2.points).toBeNull();
  });

  it("uses 31.25/31.25/18.75/18.75 without K5", () => {
    const { components } = scoreComponents({ K1: ok(0), K2: ok(0), K3: ok(0), K4: ok(0), K5: off }, DEFAULT_METHOD_V1);
    expect(components.K1.effectiveWeight! * 100).toBeCloseTo(31.25, 12);
    expect(components.K3.effectiveWeight! * 100).toBeCloseTo(18.75, 12);
  });
});

describe("trend", () => {
  it("draws an arrow only from 5 points on", () => {
    expect(trend(60, 55)).toEqual({ delta: 5, direction: "up" });
    expect(trend(50, 56)).toEqual({ delta: -6, direction: "down" });
    expect(trend(60, 55.5)).toEqual({ delta: 4.5, direction: "stabil" });
    expect(trend(62.5, 57.5000000001)?.direction).toBe("up"); // floating-point noise is not a threshold
    expect(trend(60, 60, { minDelta: 0 })).toEqual({ delta: 0, direction: "stabil" });
  });

  it("respects a wider noise band and missing values", () => {
    expect(trend(61, 55, { noiseBand: 7 })?.direction).toBe("stabil");
    expect(trend(null, 55)).toBeNull();
    expect(trend(55, null)).toBeNull();
  });
});
