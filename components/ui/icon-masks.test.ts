import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { lucideIconData } from "@/scripts/lucide-icon-data";
import { iconDataUrl, iconMasksCss, maskIcons } from "./icon-masks";

const committed = readFileSync(path.join(import.meta.dirname, "../../app/icon-masks.css"), "utf8");

/** Opacity (0-255) of the mask at (x, y) of the 24 × 24 icon, drawn at 96 px. */
async function opacityAt(url: string, x: number, y: number): Promise<number> {
  const svg = decodeURIComponent(url.slice(url.indexOf(",") + 1));
  const { data, info } = await sharp(Buffer.from(svg), { density: 384 })
    .resize(96, 96)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return data[(y * 4 * info.width + x * 4) * info.channels + 3] ?? 0;
}

describe("icon masks", () => {
  it("app/icon-masks.css is what `npm run icon-masks` writes from the installed lucide-react", async () => {
    expect(committed).toBe(iconMasksCss(await lucideIconData()));
  });

  it("has a rule for every icon, and the CSS rule every icon uses", () => {
    expect(committed).toContain(".mask-icon {");
    for (const name of Object.keys(maskIcons)) expect(committed).toContain(`.mask-icon-${name} {`);
  });

  it("draws the bolt filled and the clock as an outline", async () => {
    const data = await lucideIconData();
    const bolt = iconDataUrl(data.zap ?? [], maskIcons.bolt);
    const clock = iconDataUrl(data.clock ?? [], maskIcons.clock);
    // The bolt's middle is inside its outline: filled. The clock's face beside the hands is empty,
    // its rim drawn.
    expect(await opacityAt(bolt, 12, 12)).toBeGreaterThan(200);
    expect(await opacityAt(clock, 8, 16)).toBe(0);
    expect(await opacityAt(clock, 12, 2)).toBeGreaterThan(200);
  });

  it("escapes what a CSS url() and a data URL cannot hold as is", () => {
    const url = iconDataUrl([["path", { d: "M1 1h2", fill: "#000", key: "k" }]], { strokeWidth: 2 });
    expect(url).not.toMatch(/[<>#"]/);
    expect(url).not.toContain("key=");
    expect(decodeURIComponent(url)).toContain("<path d='M1 1h2' fill='#000'/>");
  });
});
