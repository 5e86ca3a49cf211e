import { describe, expect, it } from "vitest";
import { detectStatus, parseFigures, parseMoney, parsePeriods } from "./entities.js";

describe("money", () => {
  it("parses amounts to integer pounds and keeps the text", () => {
    const m = parseMoney("£29 million, £500,000, £1.2bn and £7m but not 29 million");
    expect(m).toEqual([
      { text: "£29 million", pounds: 29_000_000 },
      { text: "£500,000", pounds: 500_000 },
      { text: "£1.2bn", pounds: 1_200_000_000 },
      { text: "£7m", pounds: 7_000_000 },
    ]);
  });
});

describe("periods", () => {
  it("finds ranges, financial years, quarters and deadlines", () => {
    const p = parsePeriods("strategy for 2025 – 2030, plan for 2026/27, go-live in Q3 2026, by April 2026 and to 2029");
    expect(p).toEqual(["2025 – 2030", "2026/27", "Q3 2026", "by April 2026", "to 2029"]);
  });
});

describe("figures", () => {
  it("keeps percentages and counted things", () => {
    expect(parseFigures("38 percent of inpatients and 690,000 visits over 5 years")).toEqual(["38 percent", "690,000 visits"]);
  });
});

describe("status", () => {
  it("chooses the most advanced stage asserted", () => {
    expect(detectStatus("The trust plans to procure an EPR").status).toBe("planned");
    expect(detectStatus("The strategy has been submitted for board approval").status).toBe("submitted-for-approval");
    expect(detectStatus("After a pilot, the tool went live in May").status).toBe("live");
    expect(detectStatus("A tender is being prepared").status).toBe("procuring");
    expect(detectStatus("Deployments have been pushed back").status).toBe("delayed");
    expect(detectStatus("Nothing to see").status).toBeNull();
  });
});
