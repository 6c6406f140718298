import { describe, expect, it } from "vitest";
import { ev, Q2_2025, unit } from "../testing.ts";
import { filterObjects, objectParticipants, type ObjectParticipants } from "./participants.ts";
import { prepareEvents } from "./prepare.ts";

const units = [unit("A", 5), unit("B", 5)];

function participantsOf(parts: ObjectParticipants, object: number, personIds: string[]) {
  const out: string[] = [];
  for (let k = parts.offsets[object]!; k < parts.offsets[object + 1]!; k++) out.push(personIds[parts.persons[k]!]!);
  return out.sort();
}

describe("objectParticipants", () => {
  it("collects the distinct persons S_o and n_o", () => {
    const t = prepareEvents(
      [ev("p1", "A", "o1"), ev("p1", "A", "o1"), ev("p2", "A", "o1"), ev("p3", "B", "o2"), ev("p2", "A", "o2")],
      units,
      Q2_2025,
    );
    const parts = objectParticipants(t);
    // persons indexed in order of first appearance: p1 0, p2 1, p3 2
    expect(participantsOf(parts, 0, ["p1", "p2", "p3"])).toEqual(["p1", "p2"]);
    expect(participantsOf(parts, 1, ["p1", "p2", "p3"])).toEqual(["p2", "p3"]);
    expect(Array.from(parts.offsets)).toEqual([0, 2, 4]); // n_o1 = 2, n_o2 = 2
  });

  it("counts a person who changed unit once, for the unit of their earliest event on the object", () => {
    const late = ev("p1", "B", "o1", { at: "2025-05-20T10:00:00+02:00" });
    const early = ev("p1", "A", "o1", { at: "2025-04-20T10:00:00+02:00" });
    for (const events of [
      [late, early],
      [early, late],
    ]) {
      const t = prepareEvents(events, units, Q2_2025);
      const parts = objectParticipants(t);
      expect(parts.offsets[1]).toBe(1);
      expect(t.unitIds[parts.units[0]!]).toBe("A");
    }
  });
});

describe("filterObjects", () => {
  const withSizes = (sizes: number[]): ObjectParticipants => {
    const offsets = new Int32Array(sizes.length + 1);
    sizes.forEach((n, o) => (offsets[o + 1] = offsets[o]! + n));
    const total = offsets[sizes.length]!;
    return { objectCount: sizes.length, offsets, persons: new Int32Array(total), units: new Int32Array(total) };
  };

  it("drops n_o < 2 as single-participant and n_o > 25 as broadcast", () => {
    const f = filterObjects(withSizes([1, 2, 25, 26, 1, 300]), { minParticipants: 2, maxParticipants: 25 });
    expect(Array.from(f.keep)).toEqual([0, 1, 1, 0, 0, 0]);
    expect(f).toMatchObject({ used: 2, singleParticipant: 2, broadcast: 2 });
  });
});
