// Renders the catalog's model thumbnails (public/thumbnails/models/<slug>.webp) from SVG built
// here, with sharp: a model's colours, maker and name over an abstract lens, no words in a
// language. Deterministic (every "random" detail comes from a seeded generator): running it again
// writes the same bytes. A new model in the catalog gets its entry in MODELS, then:
//
//   node scripts/make-thumbnails.mjs
//
// The slugs must match the catalog migration, supabase/migrations/20261203000200_catalog.sql
// (thumbnail_url = /thumbnails/models/<slug>.webp). The theme pictures in
// public/thumbnails/themes/ are committed illustrations, not drawn here.
//
// Then every picture, models' and themes', gets a copy 384 px wide (<name>-384.webp, see
// components/home/thumbnail.tsx): what a card drawn under 384 device pixels wide loads instead.

import { mkdir, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";

const W = 640;
const H = 360;
const FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const thumbnailsDir = path.join(root, "public", "thumbnails");
const outDir = path.join(thumbnailsDir, "models");
const SMALL_W = 384;
const SMALL_H = 216;

// ---------------------------------------------------------------------------------------------
// helpers

/** Small seeded PRNG (mulberry32) so pictures are identical on every run. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const f1 = (n) => Number(n.toFixed(1));

function svg(defs, body) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<defs>
<filter id="blur2" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="2"/></filter>
<filter id="blur6" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="6"/></filter>
<filter id="blur14" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="14"/></filter>
${defs}
</defs>
${body}
</svg>`;
}

function linear(id, stops, { x1 = 0, y1 = 0, x2 = 0, y2 = 1 } = {}) {
  const s = stops
    .map(([o, c, a = 1]) => `<stop offset="${o}" stop-color="${c}" stop-opacity="${a}"/>`)
    .join("");
  return `<linearGradient id="${id}" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}">${s}</linearGradient>`;
}

function radial(id, stops, { cx = 0.5, cy = 0.5, r = 0.5 } = {}) {
  const s = stops
    .map(([o, c, a = 1]) => `<stop offset="${o}" stop-color="${c}" stop-opacity="${a}"/>`)
    .join("");
  return `<radialGradient id="${id}" cx="${cx}" cy="${cy}" r="${r}">${s}</radialGradient>`;
}

// ---------------------------------------------------------------------------------------------
// models: an abstract lens + film strip in the model's colours, with its name set large (a proper
// noun, the same in every language) and no other words: the kind is a pictogram, the app shows
// the localized "Text to video" / "Image to video" beside the picture

export const MODELS = [
  {
    slug: "veo-3-1-fast",
    lines: ["Veo 3.1", "Fast"],
    maker: "GOOGLE",
    kind: "text",
    colors: { deep: "#04132b", mid: "#0b4f8a", hot: "#2fd3ff", accent: "#7cf7d4" },
    seed: 11,
  },
  {
    slug: "veo-3-1-fast-image-to-video",
    lines: ["Veo 3.1", "Fast"],
    maker: "GOOGLE",
    kind: "image",
    colors: { deep: "#031d22", mid: "#0a6b74", hot: "#48f0d8", accent: "#a6f0ff" },
    seed: 12,
  },
  {
    slug: "sora-2-image-to-video",
    lines: ["Sora 2"],
    maker: "OPENAI",
    kind: "image",
    colors: { deep: "#14072b", mid: "#5a1f8f", hot: "#ff7ad9", accent: "#b9a4ff" },
    seed: 21,
  },
  {
    slug: "sora-2-text-to-video",
    lines: ["Sora 2"],
    maker: "OPENAI",
    kind: "text",
    colors: { deep: "#0f0a2e", mid: "#3b2a99", hot: "#9d8cff", accent: "#ff9fd1" },
    seed: 22,
  },
  {
    slug: "kling-2-5-turbo-pro",
    lines: ["Kling 2.5", "Turbo Pro"],
    maker: "KLING AI",
    kind: "text",
    colors: { deep: "#2a0805", mid: "#9c2a10", hot: "#ff8a2b", accent: "#ffd36b" },
    seed: 31,
  },
  {
    slug: "kling-2-5-turbo-pro-image-to-video",
    lines: ["Kling 2.5", "Turbo Pro"],
    maker: "KLING AI",
    kind: "image",
    colors: { deep: "#2b0616", mid: "#a3173f", hot: "#ff5a6e", accent: "#ffb38a" },
    seed: 32,
  },
  {
    slug: "ltx-2-fast",
    lines: ["LTX-2", "Fast"],
    maker: "LIGHTRICKS",
    kind: "text",
    colors: { deep: "#071f0c", mid: "#1f7a2e", hot: "#b6ff3b", accent: "#4dffa8" },
    seed: 41,
  },
  {
    slug: "wan-2-5-image-to-video",
    lines: ["Wan 2.5"],
    maker: "ALIBABA",
    kind: "image",
    colors: { deep: "#261503", mid: "#9a5a06", hot: "#ffc53d", accent: "#ff7a45" },
    seed: 51,
  },
];

export function modelSvg(m) {
  const r = rng(m.seed);
  const { deep, mid, hot, accent } = m.colors;
  const cx = 468;
  const cy = 168;
  const R = 132;

  const defs = [
    linear(
      "bg",
      [
        [0, deep],
        [0.55, mid],
        [1, deep],
      ],
      { x1: 0, y1: 0, x2: 1, y2: 1 },
    ),
    radial("glow", [
      [0, hot, 0.55],
      [0.5, mid, 0.25],
      [1, deep, 0],
    ]),
    radial(
      "glass",
      [
        [0, "#ffffff", 0.35],
        [0.25, hot, 0.55],
        [0.7, mid, 0.85],
        [1, deep, 1],
      ],
      { cx: 0.38, cy: 0.35, r: 0.75 },
    ),
    linear(
      "ring",
      [
        [0, "#ffffff", 0.9],
        [0.5, hot, 0.6],
        [1, "#000000", 0.6],
      ],
      { x1: 0, y1: 0, x2: 1, y2: 1 },
    ),
    linear(
      "shade",
      [
        [0, deep, 0.92],
        [0.45, deep, 0.55],
        [0.75, deep, 0],
      ],
      { x1: 0, y1: 0, x2: 1, y2: 0 },
    ),
    linear("film", [
      [0, "#000000", 0.75],
      [1, "#000000", 0.55],
    ]),
  ].join("\n");

  let body = `<rect width="${W}" height="${H}" fill="url(#bg)"/>`;
  body += `<circle cx="${cx}" cy="${cy}" r="250" fill="url(#glow)"/>`;

  // bokeh
  for (let i = 0; i < 26; i++) {
    const x = r() * W;
    const y = r() * H;
    const rad = 4 + r() * 22;
    const c = r() < 0.5 ? hot : accent;
    body += `<circle cx="${f1(x)}" cy="${f1(y)}" r="${f1(rad)}" fill="${c}" opacity="${f1(0.06 + r() * 0.16)}"/>`;
  }

  // film strip crossing the frame
  const strip = [];
  strip.push(`<rect x="-60" y="0" width="${W + 120}" height="74" fill="url(#film)"/>`);
  for (let x = -50; x < W + 60; x += 26) {
    strip.push(`<rect x="${x}" y="7" width="13" height="9" rx="2" fill="${accent}" opacity="0.55"/>`);
    strip.push(`<rect x="${x}" y="58" width="13" height="9" rx="2" fill="${accent}" opacity="0.55"/>`);
  }
  for (let x = -40, i = 0; x < W + 60; x += 92, i++) {
    const c = i % 2 === 0 ? hot : accent;
    strip.push(
      `<rect x="${x}" y="21" width="82" height="32" rx="3" fill="${c}" opacity="${f1(0.18 + r() * 0.22)}"/>`,
    );
  }
  body += `<g transform="translate(0 262) rotate(-9 ${W / 2} 37)">${strip.join("")}</g>`;

  // lens: outer barrel, rings, aperture blades, glass
  body += `<circle cx="${cx}" cy="${cy}" r="${R + 18}" fill="#000000" opacity="0.45" filter="url(#blur6)"/>`;
  body += `<circle cx="${cx}" cy="${cy}" r="${R + 10}" fill="${deep}" stroke="url(#ring)" stroke-width="6"/>`;
  for (let i = 0; i < 36; i++) {
    const a = (i * 10 * Math.PI) / 180;
    const x1 = cx + (R + 3) * Math.cos(a);
    const y1 = cy + (R + 3) * Math.sin(a);
    const x2 = cx + (R + 9) * Math.cos(a);
    const y2 = cy + (R + 9) * Math.sin(a);
    body += `<line x1="${f1(x1)}" y1="${f1(y1)}" x2="${f1(x2)}" y2="${f1(y2)}" stroke="${accent}" stroke-width="1.5" opacity="0.6"/>`;
  }
  body += `<circle cx="${cx}" cy="${cy}" r="${R - 6}" fill="none" stroke="${hot}" stroke-width="2" opacity="0.7"/>`;
  body += `<circle cx="${cx}" cy="${cy}" r="${R - 16}" fill="url(#glass)"/>`;
  // aperture blades
  const blades = 7;
  const open = 46;
  for (let i = 0; i < blades; i++) {
    const a0 = ((i * 360) / blades + m.seed * 7) * (Math.PI / 180);
    const a1 = a0 + (2 * Math.PI) / blades;
    const p1 = [cx + open * Math.cos(a0), cy + open * Math.sin(a0)];
    const p2 = [cx + (R - 16) * Math.cos(a0 - 0.35), cy + (R - 16) * Math.sin(a0 - 0.35)];
    const p3 = [cx + (R - 16) * Math.cos(a1 - 0.1), cy + (R - 16) * Math.sin(a1 - 0.1)];
    const p4 = [cx + open * Math.cos(a1), cy + open * Math.sin(a1)];
    const pts = [p1, p2, p3, p4].map((p) => `${f1(p[0])},${f1(p[1])}`).join(" ");
    body += `<polygon points="${pts}" fill="${deep}" opacity="${f1(0.55 + (i % 2) * 0.15)}" stroke="${hot}" stroke-opacity="0.35" stroke-width="1"/>`;
  }
  body += `<circle cx="${cx}" cy="${cy}" r="${open + 2}" fill="none" stroke="${accent}" stroke-width="1.5" opacity="0.5"/>`;
  // highlights on the glass
  body += `<path d="M${cx - 78},${cy - 30} A84,84 0 0 1 ${cx - 20},${cy - 84}" fill="none" stroke="#ffffff" stroke-width="7" stroke-linecap="round" opacity="0.45"/>`;
  body += `<circle cx="${cx - 36}" cy="${cy - 40}" r="9" fill="#ffffff" opacity="0.55"/>`;
  body += `<circle cx="${cx + 40}" cy="${cy + 44}" r="5" fill="#ffffff" opacity="0.3"/>`;
  // flare along a diagonal
  for (let i = 1; i <= 4; i++) {
    const t = i * 0.22;
    const x = cx + (120 - cx) * t * 0.9;
    const y = cy + (320 - cy) * t * 0.9;
    body += `<circle cx="${f1(x)}" cy="${f1(y)}" r="${6 + i * 5}" fill="${i % 2 ? hot : accent}" opacity="0.12"/>`;
  }

  // what goes in: a photo (image-to-video) or a prompt (text-to-video)
  if (m.kind === "image") {
    let p = `<rect x="3" y="5" width="86" height="98" rx="4" fill="#000000" opacity="0.45" filter="url(#blur2)"/>`;
    p += `<rect x="0" y="0" width="86" height="98" rx="4" fill="#f7f4ee"/>`;
    p += `<rect x="7" y="7" width="72" height="66" fill="${mid}"/>`;
    p += `<rect x="7" y="7" width="72" height="40" fill="${hot}" opacity="0.55"/>`;
    p += `<circle cx="58" cy="26" r="9" fill="${accent}"/>`;
    p += `<polygon points="7,73 30,40 46,60 56,48 79,73" fill="${deep}"/>`;
    body += `<g transform="translate(376 208) rotate(-9)">${p}</g>`;
  } else {
    let p = `<rect x="2" y="4" width="140" height="50" rx="12" fill="#000000" opacity="0.45" filter="url(#blur2)"/>`;
    p += `<rect x="0" y="0" width="140" height="50" rx="12" fill="${deep}" opacity="0.92" stroke="${hot}" stroke-width="2"/>`;
    p += `<rect x="14" y="14" width="84" height="6" rx="3" fill="${accent}" opacity="0.85"/>`;
    p += `<rect x="14" y="29" width="58" height="6" rx="3" fill="${accent}" opacity="0.55"/>`;
    p += `<rect x="78" y="26" width="3" height="13" fill="${hot}"/>`;
    p += `<circle cx="122" cy="25" r="9" fill="${hot}"/><path d="M118,25 L126,25 M123,21 L127,25 L123,29" stroke="${deep}" stroke-width="2.2" fill="none" stroke-linecap="round"/>`;
    body += `<g transform="translate(360 244) rotate(-9)">${p}</g>`;
  }

  // left shade for the type
  body += `<rect width="${W}" height="${H}" fill="url(#shade)"/>`;

  // type
  const size = m.lines.length === 1 ? 72 : 58;
  const lineGap = size * 1.02;
  const lastBaseline = 250;
  const firstBaseline = lastBaseline - (m.lines.length - 1) * lineGap;
  body += `<text x="36" y="${f1(firstBaseline - size - 18)}" font-family="${FONT}" font-size="15" font-weight="700" letter-spacing="4" fill="${accent}">${m.maker}</text>`;
  m.lines.forEach((line, i) => {
    const y = firstBaseline + i * lineGap;
    body += `<text x="38" y="${f1(y + 3)}" font-family="${FONT}" font-size="${size}" font-weight="700" fill="#000000" opacity="0.35">${line}</text>`;
    body += `<text x="36" y="${f1(y)}" font-family="${FONT}" font-size="${size}" font-weight="700" fill="#ffffff">${line}</text>`;
  });
  // kind pill, drawn without words so it reads the same in every language: what goes in (lines of
  // text, or a photo) → a play button
  let pill = `<rect x="0" y="0" width="104" height="30" rx="15" fill="${hot}" opacity="0.92"/>`;
  if (m.kind === "image") {
    pill += `<rect x="16" y="8" width="20" height="15" rx="2" fill="none" stroke="${deep}" stroke-width="2"/>`;
    pill += `<polygon points="18,21 24,14 28,18 30,16 34,21" fill="${deep}"/>`;
  } else {
    pill += `<path d="M16,10 H36 M16,15.5 H36 M16,21 H29" stroke="${deep}" stroke-width="2.4" stroke-linecap="round"/>`;
  }
  pill += `<path d="M45,15.5 H60 M55,10.5 L60,15.5 L55,20.5" stroke="${deep}" stroke-width="2.4" fill="none" stroke-linecap="round" stroke-linejoin="round"/>`;
  pill += `<rect x="68" y="7" width="22" height="17" rx="4" fill="${deep}"/><polygon points="76,11 76,20 84,15.5" fill="${hot}"/>`;
  body += `<g transform="translate(36 276)">${pill}</g>`;

  return svg(defs, body);
}

// ---------------------------------------------------------------------------------------------

async function render(svgText, file) {
  await sharp(Buffer.from(svgText), { density: 72 })
    .resize(W, H)
    .webp({ quality: 80, effort: 6, smartSubsample: true })
    .toFile(file);
  const { size } = await stat(file);
  return size;
}

/** `<name>-384.webp` beside every full-size picture in public/thumbnails/<folder>/. */
async function writeSmallCopies() {
  for (const folder of await readdir(thumbnailsDir)) {
    const dir = path.join(thumbnailsDir, folder);
    for (const name of await readdir(dir)) {
      if (!name.endsWith(".webp") || name.endsWith(`-${SMALL_W}.webp`)) continue;
      const file = path.join(dir, name.replace(/\.webp$/, `-${SMALL_W}.webp`));
      await sharp(path.join(dir, name))
        .resize(SMALL_W, SMALL_H)
        .webp({ quality: 80, effort: 6, smartSubsample: true })
        .toFile(file);
      const { size } = await stat(file);
      console.log(`${path.relative(root, file)}  ${(size / 1024).toFixed(1)} KB`);
    }
  }
}

async function main() {
  await mkdir(outDir, { recursive: true });
  for (const model of MODELS) {
    const file = path.join(outDir, `${model.slug}.webp`);
    const size = await render(modelSvg(model), file);
    console.log(`${path.relative(root, file)}  ${(size / 1024).toFixed(1)} KB`);
  }
  await writeSmallCopies();
}

// Renders only when run as a script (the unit test imports modelSvg).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
