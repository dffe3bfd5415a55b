import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { lucideIconData } from "@/scripts/lucide-icon-data";
import { iconMasksCss, maskIcons, spriteDataUrl, spritePosition } from "./icon-masks";

const committed = readFileSync(path.join(import.meta.dirname, "../../app/icon-masks.css"), "utf8");

/** Opacity (0-255) of the sprite at (x, y) of cell `cell` (24 × 24 units), drawn at 4 px per unit. */
async function opacityAt(url: string, cell: number, x: number, y: number): Promise<number> {
  const svg = decodeURIComponent(url.slice(url.indexOf(",") + 1));
  const { data, info } = await sharp(Buffer.from(svg), { density: 72 * 4 })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  expect(info.height).toBe(96);
  return data[(y * 4 * info.width + (cell * 24 + x) * 4) * info.channels + 3] ?? 0;
}

describe("icon masks", () => {
  it("app/icon-masks.css is what `npm run icon-masks` writes from the installed lucide-react", async () => {
    expect(committed).toBe(iconMasksCss(await lucideIconData()));
  });

  it("has a rule for every icon, and the CSS rule every icon uses", () => {
    expect(committed).toContain(".mask-icon {");
    for (const name of Object.keys(maskIcons)) expect(committed).toContain(`.mask-icon-${name} {`);
  });

  it("draws every icon in its own cell of one sprite: the bolt filled, the clock an outline", async () => {
    const data = await lucideIconData();
    const sprite = spriteDataUrl([
      { ...maskIcons.clock, node: data.clock ?? [] },
      { ...maskIcons.bolt, node: data.zap ?? [] },
      { ...maskIcons.clock, node: data.clock ?? [] },
    ]);
    // The bolt's middle is inside its outline: filled. The clock's face beside the hands is empty,
    // its rim drawn; in the bolt's cell the same point is the bolt's empty corner.
    expect(await opacityAt(sprite, 1, 12, 12)).toBeGreaterThan(200);
    for (const cell of [0, 2]) {
      expect(await opacityAt(sprite, cell, 8, 16)).toBe(0);
      expect(await opacityAt(sprite, cell, 12, 2)).toBeGreaterThan(200);
    }
    // Nothing of a neighbour spills over a cell's edge.
    for (const cell of [0, 1, 2])
      for (const y of [4, 12, 20]) expect(await opacityAt(sprite, cell, 0, y)).toBe(0);
  });

  it("positions each icon's cell in the box: the first at 0 %, the last at 100 %", () => {
    expect(spritePosition(0, 11)).toBe("0%");
    expect(spritePosition(3, 11)).toBe("30%");
    expect(spritePosition(10, 11)).toBe("100%");
    expect(spritePosition(1, 4)).toBe("33.3333%");
    expect(spritePosition(0, 1)).toBe("0%");
  });

  it("escapes what a CSS url() and a data URL cannot hold as is", () => {
    const url = spriteDataUrl([
      { node: [["path", { d: "M1 1h2", fill: "#000", key: "k" }]], strokeWidth: 2 },
    ]);
    expect(url).not.toMatch(/[<>#"]/);
    expect(url).not.toContain("key=");
    expect(decodeURIComponent(url)).toContain("<path d='M1 1h2' fill='#000'/>");
  });
});
