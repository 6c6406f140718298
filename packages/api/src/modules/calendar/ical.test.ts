import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildCalendar, escapeText, foldLine } from "./ical.ts";

describe("iCalendar writer", () => {
  it("escapes TEXT values", () => {
    expect(escapeText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne");
  });

  it("folds at 75 octets without splitting UTF-8 characters", () => {
    const folded = foldLine(`SUMMARY:${"Straßenbaumaßnahme ".repeat(10)}`);
    const lines = folded.split("\r\n");
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(lines.slice(1).every((l) => l.startsWith(" "))).toBe(true);
    expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join("")).toBe(
      `SUMMARY:${"Straßenbaumaßnahme ".repeat(10)}`,
    );
  });

  it("writes a calendar an independent parser reads back", () => {
    const summary = "DIGI-7 Ausschreibung, Teil 1; Prüfung \\ Abnahme – sehr langer Titel mit Umlauten äöü";
    const text = buildCalendar("Kreisnetz: Fristen", [
      {
        uid: "task-1@kreisnetz",
        summary,
        description: "Zeile 1\nZeile 2",
        date: "2026-03-31",
        stamp: new Date("2026-03-01T10:00:00Z"),
        url: "https://kreisnetz.example/projects/p/tasks/1",
      },
    ]);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "").includes("\n")).toBe(false);
    const component = new ICAL.Component(ICAL.parse(text));
    const [vevent] = component.getAllSubcomponents("vevent");
    const event = new ICAL.Event(vevent);
    expect(event.uid).toBe("task-1@kreisnetz");
    expect(event.summary).toBe(summary);
    expect(event.description).toBe("Zeile 1\nZeile 2");
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe("2026-03-31");
    expect(event.endDate.toString()).toBe("2026-04-01");
    expect(vevent!.getFirstPropertyValue("dtstamp")).toBeTruthy();
  });
});
