// Renders the catalog thumbnails (public/thumbnails/models/*.webp, public/thumbnails/themes/*.webp)
// from SVG built here, with sharp. Deterministic: every "random" detail comes from a seeded
// generator, so running it again produces the same pictures.
//
//   node scripts/make-thumbnails.mjs
//
// The slugs must match the catalog migration, supabase/migrations/20261203000200_catalog.sql
// (thumbnail_url = /thumbnails/<kind>/<slug>.webp).

import { mkdir, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";

const W = 640;
const H = 360;
const FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.join(root, "public", "thumbnails");

// ---------------------------------------------------------------------------------------------
// helpers

/** Small seeded PRNG (mulberry32) so scenes are identical on every run. */
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
const pick = (r, list) => list[Math.floor(r() * list.length) % list.length];

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

function stars(r, count, { yMax = H * 0.6, color = "#ffffff", maxR = 1.4 } = {}) {
  let out = "";
  for (let i = 0; i < count; i++) {
    const x = r() * W;
    const y = r() * yMax;
    const rad = 0.4 + r() * maxR;
    out += `<circle cx="${f1(x)}" cy="${f1(y)}" r="${f1(rad)}" fill="${color}" opacity="${f1(0.3 + r() * 0.7)}"/>`;
  }
  return out;
}

/** Five-pointed star polygon points. */
function starPoints(cx, cy, outer, inner, rot = -90) {
  const pts = [];
  for (let i = 0; i < 10; i++) {
    const rad = i % 2 === 0 ? outer : inner;
    const a = ((rot + i * 36) * Math.PI) / 180;
    pts.push(`${f1(cx + rad * Math.cos(a))},${f1(cy + rad * Math.sin(a))}`);
  }
  return pts.join(" ");
}

/** A skyline as one path; returns {path, windows} with lit windows as small rects. */
function skyline(r, { base, minH, maxH, minW, maxW, windowColors, litChance = 0.45, x0 = -10, x1 = W + 10 }) {
  let x = x0;
  let d = `M${x0},${base}`;
  let windows = "";
  while (x < x1) {
    const w = minW + r() * (maxW - minW);
    const h = minH + r() * (maxH - minH);
    const top = base - h;
    d += ` L${f1(x)},${f1(top)} L${f1(x + w)},${f1(top)}`;
    if (windowColors) {
      for (let wy = top + 8; wy < base - 8; wy += 11) {
        for (let wx = x + 5; wx < x + w - 7; wx += 9) {
          if (r() < litChance) {
            windows += `<rect x="${f1(wx)}" y="${f1(wy)}" width="4" height="5" fill="${pick(r, windowColors)}" opacity="${f1(0.55 + r() * 0.45)}"/>`;
          }
        }
      }
    }
    x += w;
  }
  d += ` L${x1},${base} Z`;
  return { path: d, windows };
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
// themes: small illustrated scenes, no text (the app shows the localized name)

function christmas() {
  const r = rng(101);
  const defs = [
    linear("sky", [
      [0, "#071233"],
      [0.6, "#1b3a73"],
      [1, "#4a72b0"],
    ]),
    linear("snowA", [
      [0, "#e9f2ff"],
      [1, "#b9cdea"],
    ]),
    linear("snowB", [
      [0, "#ffffff"],
      [1, "#d5e3f7"],
    ]),
    linear("tree", [
      [0, "#2f8f4e"],
      [1, "#0f4a27"],
    ]),
    radial("warm", [
      [0, "#ffd27a", 0.55],
      [1, "#ffd27a", 0],
    ]),
    radial("moonGlow", [
      [0, "#fdf6dd", 0.45],
      [1, "#fdf6dd", 0],
    ]),
  ].join("\n");
  let b = `<rect width="${W}" height="${H}" fill="url(#sky)"/>`;
  b += stars(r, 70, { yMax: 200 });
  b += `<circle cx="540" cy="70" r="80" fill="url(#moonGlow)"/><circle cx="540" cy="70" r="26" fill="#fdf6dd"/>`;
  // far hills
  b += `<path d="M0,250 C90,215 170,230 250,238 C340,246 420,210 520,222 C580,229 620,240 640,236 L640,360 L0,360 Z" fill="url(#snowA)"/>`;
  // cottages
  const house = (x, y, s, lit) => {
    let h = `<g transform="translate(${x} ${y}) scale(${s})">`;
    h += `<rect x="0" y="0" width="70" height="46" fill="#6b3a2a"/>`;
    h += `<polygon points="-8,2 35,-32 78,2" fill="#3d2119"/>`;
    h += `<path d="M-10,4 L35,-34 L80,4 L74,6 L35,-26 L-4,6 Z" fill="#ffffff"/>`;
    h += `<rect x="10" y="14" width="16" height="16" fill="${lit}"/><rect x="44" y="14" width="16" height="16" fill="${lit}"/>`;
    h += `<circle cx="18" cy="22" r="20" fill="url(#warm)"/><circle cx="52" cy="22" r="20" fill="url(#warm)"/>`;
    h += `<rect x="50" y="-30" width="9" height="18" fill="#4a2a20"/><rect x="48" y="-33" width="13" height="5" fill="#ffffff"/>`;
    return `${h}</g>`;
  };
  b += house(52, 214, 0.9, "#ffcf6b");
  b += house(470, 206, 1.05, "#ffc45a");
  // near snow
  b += `<path d="M0,292 C120,270 230,300 330,292 C440,283 540,268 640,285 L640,360 L0,360 Z" fill="url(#snowB)"/>`;
  // tree
  const tx = 300;
  b += `<circle cx="${tx}" cy="190" r="120" fill="url(#warm)" opacity="0.6"/>`;
  b += `<rect x="${tx - 9}" y="272" width="18" height="24" fill="#5a3420"/>`;
  const tiers = [
    [86, 280, 200],
    [72, 232, 150],
    [56, 186, 104],
  ];
  for (const [hw, base, top] of tiers) {
    b += `<polygon points="${tx - hw},${base} ${tx},${top} ${tx + hw},${base}" fill="url(#tree)"/>`;
    b += `<path d="M${tx - hw},${base} Q${tx - hw / 2},${base - 10} ${tx},${base - 4} Q${tx + hw / 2},${base - 10} ${tx + hw},${base} Z" fill="#ffffff" opacity="0.9"/>`;
  }
  // garlands of lights
  const colors = ["#ff5a5a", "#ffd24d", "#5ad1ff", "#7dff8a", "#ff8ad8"];
  const garlands = [
    [tx - 46, 184, tx + 44, 206],
    [tx - 62, 226, tx + 64, 246],
    [tx - 78, 262, tx + 80, 274],
  ];
  let lights = "";
  for (const [x1, y1, x2, y2] of garlands) {
    b += `<path d="M${x1},${y1} Q${tx},${(y1 + y2) / 2 + 16} ${x2},${y2}" fill="none" stroke="#f3e6b0" stroke-width="1.2" opacity="0.7"/>`;
    for (let t = 0.05; t < 1; t += 0.11) {
      const my = (y1 + y2) / 2 + 16;
      const x = (1 - t) * (1 - t) * x1 + 2 * (1 - t) * t * tx + t * t * x2;
      const y = (1 - t) * (1 - t) * y1 + 2 * (1 - t) * t * my + t * t * y2;
      const c = pick(r, colors);
      lights += `<circle cx="${f1(x)}" cy="${f1(y)}" r="7" fill="${c}" opacity="0.45" filter="url(#blur2)"/>`;
      lights += `<circle cx="${f1(x)}" cy="${f1(y)}" r="3.2" fill="${c}"/>`;
    }
  }
  b += lights;
  // star
  b += `<polygon points="${starPoints(tx, 98, 26, 11)}" fill="#ffd84d" opacity="0.5" filter="url(#blur6)"/>`;
  b += `<polygon points="${starPoints(tx, 98, 20, 8)}" fill="#ffe27a" stroke="#fff4c2" stroke-width="1.5"/>`;
  // presents
  const gift = (x, w, h, c, rib) =>
    `<rect x="${x}" y="${296 - h}" width="${w}" height="${h}" fill="${c}"/><rect x="${x + w / 2 - 3}" y="${296 - h}" width="6" height="${h}" fill="${rib}"/><rect x="${x}" y="${296 - h + h / 2 - 3}" width="${w}" height="6" fill="${rib}"/>`;
  b +=
    gift(222, 34, 26, "#c7283a", "#ffd24d") +
    gift(350, 28, 34, "#2a6fd1", "#ffffff") +
    gift(384, 24, 20, "#2f9e58", "#ffd24d");
  // snowfall
  for (let i = 0; i < 140; i++) {
    const x = r() * W;
    const y = r() * H;
    const rad = 0.8 + r() * 2.6;
    b += `<circle cx="${f1(x)}" cy="${f1(y)}" r="${f1(rad)}" fill="#ffffff" opacity="${f1(0.45 + r() * 0.5)}"/>`;
  }
  return svg(defs, b);
}

function thanksgiving() {
  const r = rng(202);
  const defs = [
    linear("wall", [
      [0, "#3a1a0c"],
      [1, "#7a3414"],
    ]),
    linear("win", [
      [0, "#ffb347"],
      [0.6, "#ff7b39"],
      [1, "#c2452a"],
    ]),
    linear("table", [
      [0, "#8a4a22"],
      [1, "#4a220e"],
    ]),
    radial(
      "turkey",
      [
        [0, "#f3b257"],
        [0.6, "#c06a22"],
        [1, "#7a3a12"],
      ],
      { cx: 0.4, cy: 0.35, r: 0.7 },
    ),
    radial(
      "pumpkin",
      [
        [0, "#ffb14a"],
        [1, "#d1580e"],
      ],
      { cx: 0.4, cy: 0.35, r: 0.7 },
    ),
    radial("glow", [
      [0, "#ffcf7a", 0.7],
      [1, "#ffcf7a", 0],
    ]),
  ].join("\n");
  let b = `<rect width="${W}" height="${H}" fill="url(#wall)"/>`;
  // window with sunset
  b += `<rect x="396" y="26" width="200" height="150" rx="6" fill="url(#win)"/>`;
  b += `<circle cx="496" cy="150" r="34" fill="#ffe2a1" opacity="0.9"/>`;
  b += `<path d="M396,150 C440,136 470,146 500,140 C540,132 570,146 596,138 L596,176 L396,176 Z" fill="#7a2e1c" opacity="0.75"/>`;
  b += `<rect x="396" y="26" width="200" height="150" rx="6" fill="none" stroke="#2a1208" stroke-width="8"/>`;
  b += `<line x1="496" y1="26" x2="496" y2="176" stroke="#2a1208" stroke-width="6"/><line x1="396" y1="100" x2="596" y2="100" stroke="#2a1208" stroke-width="6"/>`;
  b += `<rect x="380" y="0" width="240" height="200" fill="url(#glow)" opacity="0.35"/>`;
  // hanging garland of leaves
  const leafColors = ["#e8742a", "#c7352a", "#f2b233", "#a8501c"];
  const leaf = (x, y, s, rot, c) =>
    `<path transform="translate(${f1(x)} ${f1(y)}) rotate(${f1(rot)}) scale(${f1(s)})" d="M0,-12 C7,-8 9,-2 6,4 C10,5 9,9 4,8 C3,12 0,14 0,14 C0,14 -3,12 -4,8 C-9,9 -10,5 -6,4 C-9,-2 -7,-8 0,-12 Z" fill="${c}"/>`;
  for (let x = 10; x < 380; x += 22) {
    const y = 28 + Math.sin(x / 60) * 12;
    b += leaf(x, y, 1, r() * 60 - 30, pick(r, leafColors));
  }
  // table
  b += `<path d="M0,236 L640,236 L640,360 L0,360 Z" fill="url(#table)"/>`;
  b += `<path d="M0,236 L640,236 L640,246 L0,246 Z" fill="#b36a36" opacity="0.6"/>`;
  b += `<path d="M180,236 L460,236 L520,360 L120,360 Z" fill="#e9d5b0" opacity="0.85"/>`;
  // candles
  const candle = (x, h) => {
    let c = `<circle cx="${x}" cy="${236 - h - 12}" r="30" fill="url(#glow)"/>`;
    c += `<rect x="${x - 7}" y="${236 - h}" width="14" height="${h}" rx="3" fill="#f7ecd2"/>`;
    c += `<path d="M${x},${236 - h - 22} C${x + 7},${236 - h - 10} ${x + 5},${236 - h - 2} ${x},${236 - h - 2} C${x - 5},${236 - h - 2} ${x - 7},${236 - h - 10} ${x},${236 - h - 22} Z" fill="#ffd15a"/>`;
    return c;
  };
  b += candle(150, 70) + candle(490, 84) + candle(520, 56);
  // platter + turkey
  b += `<ellipse cx="320" cy="272" rx="150" ry="34" fill="#d9d2c2"/><ellipse cx="320" cy="268" rx="134" ry="27" fill="#f1ece0"/>`;
  b += `<ellipse cx="320" cy="236" rx="96" ry="50" fill="url(#turkey)"/>`;
  b += `<path d="M248,226 C236,214 232,234 248,246" fill="#b85f1f"/>`;
  b += `<ellipse cx="236" cy="258" rx="30" ry="15" fill="#c06a22" transform="rotate(-18 236 258)"/>`;
  b += `<ellipse cx="404" cy="258" rx="30" ry="15" fill="#c06a22" transform="rotate(18 404 258)"/>`;
  b += `<circle cx="208" cy="266" r="7" fill="#fff6e6"/><circle cx="432" cy="266" r="7" fill="#fff6e6"/>`;
  b += `<path d="M268,206 C300,192 344,192 372,206" fill="none" stroke="#ffe0a3" stroke-width="5" stroke-linecap="round" opacity="0.7"/>`;
  // garnish
  for (let i = 0; i < 10; i++) {
    const a = (i / 10) * Math.PI;
    b += `<circle cx="${f1(320 + Math.cos(a) * 128)}" cy="${f1(282 - Math.sin(a) * 4)}" r="5" fill="${i % 2 ? "#b3122e" : "#5b8c2a"}"/>`;
  }
  // pumpkins
  const pumpkin = (x, y, s) => {
    let p = `<g transform="translate(${x} ${y}) scale(${s})">`;
    p += `<ellipse cx="-14" cy="0" rx="18" ry="22" fill="url(#pumpkin)"/><ellipse cx="14" cy="0" rx="18" ry="22" fill="url(#pumpkin)"/>`;
    p += `<ellipse cx="0" cy="0" rx="18" ry="24" fill="url(#pumpkin)"/>`;
    p += `<rect x="-3" y="-30" width="6" height="10" rx="2" fill="#4d6b1f"/>`;
    return `${p}</g>`;
  };
  b += pumpkin(70, 290, 1.15) + pumpkin(118, 306, 0.8) + pumpkin(576, 296, 1.25) + pumpkin(530, 314, 0.75);
  // pie
  b += `<ellipse cx="480" cy="330" rx="56" ry="16" fill="#8a4a22"/><ellipse cx="480" cy="326" rx="50" ry="13" fill="#d0792d"/>`;
  // falling leaves
  for (let i = 0; i < 10; i++) {
    b += leaf(r() * W, 60 + r() * 100, 0.8 + r() * 0.6, r() * 360, pick(r, leafColors));
  }
  return svg(defs, b);
}

function halloween() {
  const r = rng(303);
  const defs = [
    linear("sky", [
      [0, "#0c0418"],
      [0.55, "#341150"],
      [1, "#7a2c6e"],
    ]),
    radial(
      "moon",
      [
        [0, "#fff6cf"],
        [0.8, "#f5d77c"],
        [1, "#e9b949"],
      ],
      { cx: 0.4, cy: 0.4, r: 0.65 },
    ),
    radial("moonGlow", [
      [0, "#ffe79a", 0.55],
      [1, "#ffe79a", 0],
    ]),
    radial(
      "lantern",
      [
        [0, "#ffb545"],
        [0.7, "#f0700f"],
        [1, "#a83f06"],
      ],
      { cx: 0.45, cy: 0.4, r: 0.7 },
    ),
    radial("lanternGlow", [
      [0, "#ff9a2e", 0.7],
      [1, "#ff9a2e", 0],
    ]),
  ].join("\n");
  let b = `<rect width="${W}" height="${H}" fill="url(#sky)"/>`;
  b += stars(r, 60, { yMax: 220 });
  b += `<circle cx="430" cy="126" r="150" fill="url(#moonGlow)"/>`;
  b += `<circle cx="430" cy="126" r="86" fill="url(#moon)"/>`;
  b += `<circle cx="404" cy="104" r="13" fill="#e2bf5e" opacity="0.55"/><circle cx="458" cy="150" r="18" fill="#e2bf5e" opacity="0.45"/><circle cx="452" cy="92" r="7" fill="#e2bf5e" opacity="0.5"/>`;
  // bats
  const bat = (x, y, s) =>
    `<path transform="translate(${f1(x)} ${f1(y)}) scale(${f1(s)})" d="M0,0 C-4,-6 -10,-8 -18,-6 C-14,-3 -14,1 -16,4 C-11,2 -7,3 -4,6 C-2,3 -1,2 0,2 C1,2 2,3 4,6 C7,3 11,2 16,4 C14,1 14,-3 18,-6 C10,-8 4,-6 0,0 Z" fill="#0b0512"/>`;
  for (let i = 0; i < 7; i++) b += bat(330 + r() * 230, 40 + r() * 130, 0.9 + r() * 1.1);
  // hill + haunted house
  b += `<path d="M0,250 C120,212 220,196 330,206 C430,214 520,236 640,226 L640,360 L0,360 Z" fill="#1a0a24"/>`;
  const hx = 470;
  b += `<g fill="#0d0514"><rect x="${hx}" y="162" width="86" height="64"/><polygon points="${hx - 8},166 ${hx + 43},120 ${hx + 94},166"/><rect x="${hx + 58}" y="128" width="22" height="50"/><polygon points="${hx + 54},132 ${hx + 69},102 ${hx + 84},132"/></g>`;
  b += `<rect x="${hx + 16}" y="178" width="14" height="16" fill="#ffce4d"/><rect x="${hx + 64}" y="142" width="9" height="12" fill="#ffb02e" opacity="0.85"/>`;
  b += `<rect x="${hx + 10}" y="172" width="26" height="28" fill="#ffce4d" opacity="0.25" filter="url(#blur6)"/>`;
  // bare tree
  b += `<g stroke="#0b0512" stroke-linecap="round" fill="none"><path d="M96,260 C92,210 100,170 84,120" stroke-width="14"/><path d="M90,170 C70,150 50,150 34,128" stroke-width="7"/><path d="M88,140 C110,118 128,112 150,84" stroke-width="6"/><path d="M86,124 C80,96 60,84 62,58" stroke-width="5"/><path d="M140,96 C150,92 160,80 162,66" stroke-width="3"/><path d="M46,140 C36,138 24,132 18,118" stroke-width="3"/><path d="M66,70 C72,60 70,50 78,42" stroke-width="2.5"/></g>`;
  // path
  b += `<path d="M250,360 C280,300 330,260 470,228 L486,230 C372,268 330,310 330,360 Z" fill="#3b1d3f" opacity="0.8"/>`;
  // fog
  b += `<ellipse cx="200" cy="276" rx="220" ry="22" fill="#c9b3e6" opacity="0.16" filter="url(#blur14)"/>`;
  b += `<ellipse cx="520" cy="262" rx="200" ry="18" fill="#c9b3e6" opacity="0.14" filter="url(#blur14)"/>`;
  // jack-o'-lanterns
  const jack = (x, y, s) => {
    let j = `<g transform="translate(${x} ${y}) scale(${s})">`;
    j += `<circle cx="0" cy="0" r="62" fill="url(#lanternGlow)"/>`;
    j += `<ellipse cx="-22" cy="0" rx="26" ry="32" fill="url(#lantern)"/><ellipse cx="22" cy="0" rx="26" ry="32" fill="url(#lantern)"/><ellipse cx="0" cy="0" rx="28" ry="34" fill="url(#lantern)"/>`;
    j += `<path d="M-4,-32 C-4,-42 2,-46 8,-48" stroke="#3d5a1a" stroke-width="6" fill="none" stroke-linecap="round"/>`;
    j += `<polygon points="-24,-8 -12,-22 -2,-8" fill="#ffe36b"/><polygon points="2,-8 12,-22 24,-8" fill="#ffe36b"/>`;
    j += `<polygon points="-6,-2 0,-12 6,-2" fill="#ffe36b"/>`;
    j += `<path d="M-28,8 L-18,18 L-10,10 L-2,20 L6,10 L14,20 L22,10 L28,8 C20,26 -20,26 -28,8 Z" fill="#ffe36b"/>`;
    return `${j}</g>`;
  };
  b += jack(196, 302, 1.05) + jack(96, 322, 0.75) + jack(560, 318, 0.85);
  return svg(defs, b);
}

function beach() {
  const r = rng(404);
  const defs = [
    linear("sky", [
      [0, "#1572d3"],
      [0.6, "#54bdf0"],
      [1, "#c4f1ff"],
    ]),
    linear("sea", [
      [0, "#0aa3b8"],
      [0.5, "#18c5c2"],
      [1, "#6fe3d2"],
    ]),
    linear("sand", [
      [0, "#f4dca3"],
      [1, "#e4bd78"],
    ]),
    radial("sun", [
      [0, "#fffbe0"],
      [0.45, "#ffe36b"],
      [1, "#ffb43b"],
    ]),
    radial("sunGlow", [
      [0, "#fff2a8", 0.7],
      [1, "#fff2a8", 0],
    ]),
    linear(
      "trunk",
      [
        [0, "#8a5a2b"],
        [1, "#5e3a19"],
      ],
      { x1: 0, y1: 0, x2: 1, y2: 0 },
    ),
  ].join("\n");
  let b = `<rect width="${W}" height="${H}" fill="url(#sky)"/>`;
  b += `<circle cx="520" cy="78" r="120" fill="url(#sunGlow)"/>`;
  for (let i = 0; i < 16; i++) {
    const a = (i * 22.5 * Math.PI) / 180;
    b += `<line x1="${f1(520 + Math.cos(a) * 52)}" y1="${f1(78 + Math.sin(a) * 52)}" x2="${f1(520 + Math.cos(a) * 76)}" y2="${f1(78 + Math.sin(a) * 76)}" stroke="#fff3a6" stroke-width="4" stroke-linecap="round" opacity="0.75"/>`;
  }
  b += `<circle cx="520" cy="78" r="42" fill="url(#sun)"/>`;
  // clouds
  const cloud = (x, y, s) =>
    `<g transform="translate(${x} ${y}) scale(${s})" fill="#ffffff" opacity="0.92"><ellipse cx="0" cy="0" rx="34" ry="16"/><ellipse cx="26" cy="-10" rx="26" ry="20"/><ellipse cx="54" cy="0" rx="30" ry="15"/><ellipse cx="-24" cy="4" rx="20" ry="10"/></g>`;
  b += cloud(120, 70, 1) + cloud(330, 46, 0.7) + cloud(250, 120, 0.55);
  // gulls
  for (let i = 0; i < 4; i++) {
    const x = 250 + r() * 200;
    const y = 90 + r() * 60;
    const s = 0.7 + r() * 0.6;
    b += `<path transform="translate(${f1(x)} ${f1(y)}) scale(${f1(s)})" d="M-12,0 C-8,-6 -3,-6 0,0 C3,-6 8,-6 12,0" fill="none" stroke="#1d3a57" stroke-width="2.2" stroke-linecap="round"/>`;
  }
  // sea
  b += `<rect x="0" y="196" width="${W}" height="90" fill="url(#sea)"/>`;
  b += `<rect x="0" y="196" width="${W}" height="3" fill="#0b7f9a" opacity="0.6"/>`;
  for (let row = 0; row < 5; row++) {
    const y = 208 + row * 15;
    let d = `M-20,${y}`;
    for (let x = -20; x <= W + 20; x += 40) d += ` q10,-5 20,0 t20,0`;
    b += `<path d="${d}" fill="none" stroke="#ffffff" stroke-width="${f1(1.2 + row * 0.4)}" opacity="${f1(0.25 + row * 0.08)}"/>`;
  }
  // sun sparkle on water
  for (let i = 0; i < 24; i++) {
    const x = 440 + r() * 160;
    const y = 202 + r() * 40;
    b += `<rect x="${f1(x)}" y="${f1(y)}" width="${f1(6 + r() * 14)}" height="2" rx="1" fill="#fffbe0" opacity="${f1(0.5 + r() * 0.5)}"/>`;
  }
  // sand + foam
  b += `<path d="M0,276 C120,266 240,284 360,274 C470,266 560,280 640,272 L640,360 L0,360 Z" fill="url(#sand)"/>`;
  b += `<path d="M0,276 C120,266 240,284 360,274 C470,266 560,280 640,272" fill="none" stroke="#ffffff" stroke-width="5" opacity="0.85"/>`;
  for (let i = 0; i < 60; i++) {
    b += `<circle cx="${f1(r() * W)}" cy="${f1(290 + r() * 70)}" r="${f1(0.6 + r() * 1.2)}" fill="#c9a061" opacity="0.6"/>`;
  }
  // palm tree
  b += `<path d="M92,340 C98,280 112,220 150,158 L162,164 C128,224 116,284 112,340 Z" fill="url(#trunk)"/>`;
  for (let i = 0; i < 9; i++) {
    const y = 320 - i * 18;
    const x = 100 + i * 5.4;
    b += `<path d="M${f1(x - 8)},${f1(y)} L${f1(x + 12)},${f1(y - 4)}" stroke="#4a2d12" stroke-width="2" opacity="0.5"/>`;
  }
  const frond = (rot, len, c) =>
    `<path transform="translate(156 160) rotate(${rot})" d="M0,0 C${len * 0.3},-18 ${len * 0.7},-16 ${len},6 C${len * 0.7},-4 ${len * 0.3},-4 0,0 Z" fill="${c}"/>`;
  b += frond(-160, 110, "#1f7a3a") + frond(-120, 96, "#2a9a48") + frond(-60, 100, "#2a9a48");
  b +=
    frond(-20, 118, "#1f7a3a") +
    frond(20, 96, "#27903f") +
    frond(160, 92, "#27903f") +
    frond(-90, 80, "#33ad52");
  b += `<circle cx="150" cy="168" r="7" fill="#6b4a1f"/><circle cx="162" cy="170" r="7" fill="#7a5624"/>`;
  // umbrella + towel
  b += `<line x1="472" y1="336" x2="494" y2="214" stroke="#6b4a2a" stroke-width="4" stroke-linecap="round"/>`;
  let canopy = "";
  for (let i = 0; i < 6; i++) {
    const x0 = -78 + i * 26;
    const x1 = x0 + 26;
    canopy += `<path d="M0,-44 L${x0},0 Q${x0 + 13},-9 ${x1},0 Z" fill="${i % 2 ? "#ffffff" : "#ff4f5e"}"/>`;
  }
  b += `<g transform="translate(494 216) rotate(-10)">${canopy}<circle cx="0" cy="-45" r="4" fill="#6b4a2a"/></g>`;
  b += `<rect x="400" y="318" width="110" height="30" rx="4" fill="#2e8bff" transform="rotate(-4 455 333)"/>`;
  b += `<rect x="400" y="326" width="110" height="6" fill="#ffd34d" transform="rotate(-4 455 333)"/>`;
  // beach ball
  b += `<circle cx="300" cy="318" r="16" fill="#ffffff"/><path d="M284,318 A16,16 0 0 1 300,302 L300,318 Z" fill="#ff4f5e"/><path d="M300,334 A16,16 0 0 1 284,318 L300,318 Z" fill="#2e8bff"/><path d="M316,318 A16,16 0 0 1 300,334 L300,318 Z" fill="#ffd34d"/>`;
  return svg(defs, b);
}

function city() {
  const r = rng(505);
  const defs = [
    linear("sky", [
      [0, "#070726"],
      [0.55, "#2a0f57"],
      [1, "#c2306d"],
    ]),
    linear("water", [
      [0, "#1b0a38"],
      [1, "#06061a"],
    ]),
    linear("fade", [
      [0, "#06061a", 0.2],
      [1, "#06061a", 0.9],
    ]),
    radial("haze", [
      [0, "#ff4fa0", 0.45],
      [1, "#ff4fa0", 0],
    ]),
  ].join("\n");
  let b = `<rect width="${W}" height="${H}" fill="url(#sky)"/>`;
  b += stars(r, 80, { yMax: 160 });
  b += `<circle cx="110" cy="64" r="20" fill="#fff0f7"/><circle cx="118" cy="58" r="18" fill="#2a0f57" opacity="0.0"/>`;
  b += `<ellipse cx="320" cy="250" rx="360" ry="90" fill="url(#haze)"/>`;
  const base = 258;
  const far = skyline(r, { base, minH: 60, maxH: 140, minW: 26, maxW: 52 });
  b += `<path d="${far.path}" fill="#3a1763" opacity="0.85"/>`;
  const near = skyline(r, {
    base,
    minH: 40,
    maxH: 175,
    minW: 30,
    maxW: 64,
    windowColors: ["#ffd66b", "#ffe9a8", "#6ff3ff", "#ff7ad1"],
    litChance: 0.38,
  });
  // signature tower
  b += `<path d="${near.path}" fill="#0f0824"/>`;
  b += `<g fill="#0f0824"><rect x="300" y="58" width="40" height="200"/><polygon points="300,58 320,22 340,58"/><rect x="318" y="4" width="4" height="20"/></g>`;
  b += `<circle cx="320" cy="4" r="3" fill="#ff3b5c"/><circle cx="320" cy="4" r="9" fill="#ff3b5c" opacity="0.35"/>`;
  for (let y = 70; y < 250; y += 12) {
    for (let x = 305; x < 336; x += 8) {
      if (r() < 0.55)
        b += `<rect x="${x}" y="${y}" width="4" height="6" fill="${pick(r, ["#6ff3ff", "#ffe9a8"])}" opacity="0.85"/>`;
    }
  }
  b += near.windows;
  // neon signs
  const neon = (x, y, w, h, c) =>
    `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="6" fill="none" stroke="${c}" stroke-width="6" opacity="0.45" filter="url(#blur2)"/><rect x="${x}" y="${y}" width="${w}" height="${h}" rx="6" fill="none" stroke="${c}" stroke-width="2.2"/>`;
  b +=
    neon(150, 206, 58, 20, "#ff4fd8") + neon(430, 190, 44, 28, "#44f2ff") + neon(560, 214, 50, 16, "#ffe14d");
  // river with reflections
  b += `<rect x="0" y="${base}" width="${W}" height="${H - base}" fill="url(#water)"/>`;
  b += `<g transform="translate(0 ${base * 2}) scale(1 -1)" opacity="0.35"><path d="${near.path}" fill="#2a1250"/>${near.windows}</g>`;
  b += `<rect x="0" y="${base}" width="${W}" height="${H - base}" fill="url(#fade)"/>`;
  for (let i = 0; i < 40; i++) {
    const x = r() * W;
    const y = base + 6 + r() * 90;
    const c = pick(r, ["#ff4fd8", "#44f2ff", "#ffd66b", "#ffffff"]);
    b += `<rect x="${f1(x)}" y="${f1(y)}" width="${f1(10 + r() * 40)}" height="1.6" fill="${c}" opacity="${f1(0.25 + r() * 0.5)}"/>`;
  }
  // light trails on the embankment
  b += `<path d="M0,${base + 2} C200,${base - 6} 420,${base + 8} 640,${base}" fill="none" stroke="#ff4f7a" stroke-width="3" opacity="0.85"/>`;
  b += `<path d="M0,${base + 6} C220,${base} 430,${base + 12} 640,${base + 4}" fill="none" stroke="#ffe9a8" stroke-width="2.2" opacity="0.8"/>`;
  return svg(defs, b);
}

function fireworks() {
  const r = rng(606);
  const defs = [
    linear("sky", [
      [0, "#03040f"],
      [0.6, "#12163d"],
      [1, "#2d2560"],
    ]),
    linear("water", [
      [0, "#0d0f2c"],
      [1, "#03040f"],
    ]),
  ].join("\n");
  let b = `<rect width="${W}" height="${H}" fill="url(#sky)"/>`;
  b += stars(r, 50, { yMax: 220, maxR: 1 });
  const burst = (cx, cy, rad, colors, rays) => {
    let g = `<circle cx="${cx}" cy="${cy}" r="${rad * 0.9}" fill="${colors[0]}" opacity="0.12" filter="url(#blur14)"/>`;
    for (let i = 0; i < rays; i++) {
      const a = (i / rays) * Math.PI * 2 + r() * 0.08;
      const len = rad * (0.75 + r() * 0.25);
      const x1 = cx + Math.cos(a) * rad * 0.18;
      const y1 = cy + Math.sin(a) * rad * 0.18;
      const x2 = cx + Math.cos(a) * len;
      const y2 = cy + Math.sin(a) * len + len * 0.06;
      const c = colors[i % colors.length];
      g += `<line x1="${f1(x1)}" y1="${f1(y1)}" x2="${f1(x2)}" y2="${f1(y2)}" stroke="${c}" stroke-width="1.6" stroke-linecap="round" opacity="0.85"/>`;
      g += `<circle cx="${f1(x2)}" cy="${f1(y2)}" r="2.6" fill="${c}"/>`;
      g += `<circle cx="${f1(x2)}" cy="${f1(y2)}" r="6" fill="${c}" opacity="0.35" filter="url(#blur2)"/>`;
    }
    g += `<circle cx="${cx}" cy="${cy}" r="5" fill="#ffffff"/>`;
    return g;
  };
  b += burst(180, 104, 86, ["#ffd54a", "#fff1a6"], 30);
  b += burst(430, 82, 74, ["#ff4fc1", "#ff9ee0"], 26);
  b += burst(560, 168, 56, ["#4ff2ff", "#b5fbff"], 22);
  b += burst(300, 178, 50, ["#9dff6b", "#e2ffb8"], 20);
  b += burst(70, 190, 40, ["#ff7a3d", "#ffc29a"], 18);
  // rising rockets
  for (const [x, y] of [
    [250, 250],
    [508, 236],
  ]) {
    b += `<path d="M${x},${y} q4,-30 2,-60" fill="none" stroke="#ffe9b0" stroke-width="2" opacity="0.7"/><circle cx="${x + 2}" cy="${y - 60}" r="2.5" fill="#ffffff"/>`;
  }
  // skyline + reflection
  const base = 276;
  const line = skyline(r, {
    base,
    minH: 22,
    maxH: 86,
    minW: 20,
    maxW: 46,
    windowColors: ["#ffd66b", "#ffe9a8"],
    litChance: 0.3,
  });
  b += `<path d="${line.path}" fill="#060714"/>${line.windows}`;
  b += `<rect x="0" y="${base}" width="${W}" height="${H - base}" fill="url(#water)"/>`;
  for (let i = 0; i < 60; i++) {
    const pal = pick(r, ["#ffd54a", "#ff4fc1", "#4ff2ff", "#9dff6b"]);
    const x = r() * W;
    const y = base + 6 + r() * 76;
    b += `<rect x="${f1(x)}" y="${f1(y)}" width="${f1(6 + r() * 26)}" height="1.5" fill="${pal}" opacity="${f1(0.2 + r() * 0.45)}"/>`;
  }
  // confetti
  for (let i = 0; i < 40; i++) {
    const c = pick(r, ["#ffd54a", "#ff4fc1", "#4ff2ff", "#9dff6b", "#ffffff"]);
    b += `<rect x="${f1(r() * W)}" y="${f1(r() * 260)}" width="4" height="2" fill="${c}" opacity="0.7" transform="rotate(${f1(r() * 180)})"/>`;
  }
  return svg(defs, b);
}

function blossom() {
  const r = rng(707);
  const defs = [
    linear("sky", [
      [0, "#ffd9e6"],
      [0.6, "#ffeef3"],
      [1, "#fff7f0"],
    ]),
    linear("mtn", [
      [0, "#b8a6d9"],
      [1, "#d9cdef"],
    ]),
    linear("pond", [
      [0, "#bfe3f0"],
      [1, "#8fc6dc"],
    ]),
    linear("grass", [
      [0, "#b9dd9a"],
      [1, "#8fc276"],
    ]),
    radial("sun", [
      [0, "#fff6f0", 1],
      [1, "#ffd1dd", 0],
    ]),
  ].join("\n");
  let b = `<rect width="${W}" height="${H}" fill="url(#sky)"/>`;
  b += `<circle cx="470" cy="92" r="90" fill="url(#sun)"/>`;
  // mountain
  b += `<path d="M250,226 L392,110 C404,100 416,100 428,110 L580,226 Z" fill="url(#mtn)"/>`;
  b += `<path d="M366,132 L392,110 C404,100 416,100 428,110 L452,130 L436,126 L424,138 L410,126 L396,138 L382,128 Z" fill="#ffffff"/>`;
  // far tree line
  for (let x = -10; x < W + 20; x += 28) {
    b += `<ellipse cx="${x}" cy="${f1(224 - r() * 10)}" rx="${f1(20 + r() * 10)}" ry="${f1(14 + r() * 8)}" fill="#f3b5c8" opacity="0.9"/>`;
  }
  // ground and pond
  b += `<rect x="0" y="224" width="${W}" height="136" fill="url(#grass)"/>`;
  b += `<ellipse cx="380" cy="300" rx="300" ry="52" fill="url(#pond)"/>`;
  b += `<path d="M110,300 C200,290 300,310 420,298 C520,288 600,306 660,298" fill="none" stroke="#ffffff" stroke-width="2" opacity="0.5"/>`;
  // red bridge
  b += `<path d="M230,300 Q330,244 430,300" fill="none" stroke="#d8343f" stroke-width="7"/>`;
  b += `<path d="M230,288 Q330,232 430,288" fill="none" stroke="#d8343f" stroke-width="3.5"/>`;
  for (let i = 1; i < 8; i++) {
    const t = i / 8;
    const x = 230 + 200 * t;
    const yTop = (1 - t) * (1 - t) * 288 + 2 * (1 - t) * t * 232 + t * t * 288;
    const yBot = (1 - t) * (1 - t) * 300 + 2 * (1 - t) * t * 244 + t * t * 300;
    b += `<line x1="${f1(x)}" y1="${f1(yTop)}" x2="${f1(x)}" y2="${f1(yBot)}" stroke="#d8343f" stroke-width="2.5"/>`;
  }
  b += `<path d="M240,306 Q330,336 420,306" fill="none" stroke="#d8343f" stroke-width="3" opacity="0.25"/>`;
  // branch from the top-left
  b += `<g fill="none" stroke="#5a3a36" stroke-linecap="round"><path d="M-20,40 C60,60 120,70 200,58 C250,52 300,64 340,40" stroke-width="13"/><path d="M110,66 C130,100 170,116 200,150" stroke-width="7"/><path d="M210,58 C240,30 270,24 300,8" stroke-width="6"/><path d="M40,52 C40,90 60,120 50,160" stroke-width="6"/><path d="M260,56 C280,80 310,90 330,96" stroke-width="4"/></g>`;
  const flower = (x, y, s, c) => {
    let fl = `<g transform="translate(${f1(x)} ${f1(y)}) scale(${f1(s)}) rotate(${f1(r() * 72)})">`;
    for (let i = 0; i < 5; i++) {
      fl += `<ellipse cx="0" cy="-7" rx="5" ry="7.5" fill="${c}" transform="rotate(${i * 72})"/>`;
    }
    fl += `<circle r="2.6" fill="#e0527a"/>`;
    return `${fl}</g>`;
  };
  const clusters = [
    [0, 40, 60],
    [120, 70, 80],
    [200, 58, 80],
    [300, 30, 70],
    [330, 60, 70],
    [190, 140, 60],
    [50, 150, 50],
    [80, 90, 60],
    [260, 10, 50],
  ];
  for (const [cx, cy, spread] of clusters) {
    for (let i = 0; i < 14; i++) {
      const x = cx + (r() - 0.5) * spread;
      const y = cy + (r() - 0.5) * spread * 0.7;
      b += flower(x, y, 0.8 + r() * 0.7, pick(r, ["#ffc2d4", "#ffd6e2", "#ffb0c8", "#ffffff"]));
    }
  }
  // drifting petals
  for (let i = 0; i < 40; i++) {
    const x = r() * W;
    const y = 60 + r() * 290;
    b += `<ellipse cx="${f1(x)}" cy="${f1(y)}" rx="4" ry="2.4" fill="${pick(r, ["#ffb0c8", "#ffc2d4", "#ffd6e2"])}" transform="rotate(${f1(r() * 180)} ${f1(x)} ${f1(y)})" opacity="0.9"/>`;
  }
  return svg(defs, b);
}

function birthday() {
  const r = rng(808);
  const defs = [
    linear("bg", [
      [0, "#1c0f45"],
      [0.6, "#4a1a6e"],
      [1, "#a3306c"],
    ]),
    radial("glow", [
      [0, "#ffd48a", 0.65],
      [1, "#ffd48a", 0],
    ]),
    linear("cakeA", [
      [0, "#ffd1e3"],
      [1, "#ff9cc4"],
    ]),
    linear("cakeB", [
      [0, "#fff2d6"],
      [1, "#ffd89a"],
    ]),
    linear("cakeC", [
      [0, "#c7f0ff"],
      [1, "#8ed6f5"],
    ]),
    linear("table", [
      [0, "#2b1245"],
      [1, "#150822"],
    ]),
  ].join("\n");
  let b = `<rect width="${W}" height="${H}" fill="url(#bg)"/>`;
  // string lights
  b += `<path d="M-10,20 Q160,80 320,28 Q480,-10 650,44" fill="none" stroke="#f5e6c0" stroke-width="1.4" opacity="0.6"/>`;
  for (let t = 0.04; t < 1; t += 0.06) {
    const seg = t < 0.5 ? t * 2 : (t - 0.5) * 2;
    const [x0, y0, cx, cy, x1, y1] = t < 0.5 ? [-10, 20, 160, 80, 320, 28] : [320, 28, 480, -10, 650, 44];
    const x = (1 - seg) ** 2 * x0 + 2 * (1 - seg) * seg * cx + seg ** 2 * x1;
    const y = (1 - seg) ** 2 * y0 + 2 * (1 - seg) * seg * cy + seg ** 2 * y1;
    b += `<circle cx="${f1(x)}" cy="${f1(y + 5)}" r="8" fill="#ffe08a" opacity="0.35" filter="url(#blur2)"/><circle cx="${f1(x)}" cy="${f1(y + 5)}" r="3.5" fill="#fff0b8"/>`;
  }
  // balloons
  const balloon = (x, y, s, c) => {
    let g = `<path d="M${x},${y + 46 * s} C${x - 10},${y + 90 * s} ${x + 14},${y + 120 * s} ${x},${y + 170 * s}" fill="none" stroke="#ffffff" stroke-width="1.2" opacity="0.6"/>`;
    g += `<ellipse cx="${x}" cy="${y}" rx="${34 * s}" ry="${42 * s}" fill="${c}"/>`;
    g += `<polygon points="${x - 5 * s},${y + 44 * s} ${x + 5 * s},${y + 44 * s} ${x},${y + 37 * s}" fill="${c}"/>`;
    g += `<ellipse cx="${x - 12 * s}" cy="${y - 16 * s}" rx="${8 * s}" ry="${13 * s}" fill="#ffffff" opacity="0.45" transform="rotate(-20 ${x - 12 * s} ${y - 16 * s})"/>`;
    return g;
  };
  b += balloon(80, 120, 1, "#ff4f7b") + balloon(140, 92, 0.8, "#ffd23f") + balloon(40, 200, 0.7, "#4fd1ff");
  b +=
    balloon(560, 110, 1, "#7c5cff") + balloon(504, 150, 0.8, "#3ee08f") + balloon(606, 200, 0.7, "#ff8a3d");
  // table
  b += `<rect x="0" y="292" width="${W}" height="68" fill="url(#table)"/>`;
  b += `<rect x="0" y="290" width="${W}" height="4" fill="#ffb3d9" opacity="0.35"/>`;
  // cake with glow
  b += `<circle cx="320" cy="180" r="150" fill="url(#glow)"/>`;
  b += `<ellipse cx="320" cy="296" rx="140" ry="14" fill="#e8e0f0"/>`;
  b += `<rect x="200" y="236" width="240" height="58" rx="10" fill="url(#cakeA)"/>`;
  b += `<rect x="226" y="190" width="188" height="50" rx="10" fill="url(#cakeB)"/>`;
  b += `<rect x="252" y="150" width="136" height="44" rx="10" fill="url(#cakeC)"/>`;
  const drips = (x, y, w, c) => {
    const n = Math.round(w / 17);
    const step = w / n;
    let d = `M${x},${y} L${x + w},${y} L${x + w},${y + 8}`;
    for (let i = 0; i < n; i++) {
      const xx = x + w - i * step;
      const depth = 8 + ((i * 7) % 3) * 5;
      d += ` Q${f1(xx - step * 0.25)},${y + 8} ${f1(xx - step / 2)},${y + depth} Q${f1(xx - step * 0.75)},${y + 8} ${f1(xx - step)},${y + 8}`;
    }
    return `<path d="${d} L${x},${y} Z" fill="${c}"/>`;
  };
  b += drips(200, 236, 240, "#ffffff") + drips(226, 190, 188, "#ff6fa5") + drips(252, 150, 136, "#ffffff");
  for (let i = 0; i < 22; i++) {
    b += `<rect x="${f1(206 + r() * 228)}" y="${f1(256 + r() * 32)}" width="6" height="2.4" rx="1" fill="${pick(r, ["#ffd23f", "#4fd1ff", "#7c5cff", "#3ee08f"])}" transform="rotate(${f1(r() * 180)} 320 270)" opacity="0.9"/>`;
  }
  // candles
  for (let i = 0; i < 5; i++) {
    const x = 268 + i * 26;
    b += `<rect x="${x - 4}" y="118" width="8" height="32" rx="2" fill="${["#ff4f7b", "#ffd23f", "#4fd1ff", "#3ee08f", "#7c5cff"][i]}"/>`;
    b += `<circle cx="${x}" cy="104" r="14" fill="#ffcf5a" opacity="0.5" filter="url(#blur6)"/>`;
    b += `<path d="M${x},92 C${x + 6},102 ${x + 5},112 ${x},114 C${x - 5},112 ${x - 6},102 ${x},92 Z" fill="#ffd45a"/>`;
    b += `<path d="M${x},100 C${x + 3},106 ${x + 2},111 ${x},112 C${x - 2},111 ${x - 3},106 ${x},100 Z" fill="#fff6cf"/>`;
  }
  // confetti
  for (let i = 0; i < 70; i++) {
    const x = r() * W;
    const y = r() * 290;
    const c = pick(r, ["#ff4f7b", "#ffd23f", "#4fd1ff", "#3ee08f", "#7c5cff", "#ffffff"]);
    b += `<rect x="${f1(x)}" y="${f1(y)}" width="${f1(4 + r() * 4)}" height="${f1(2 + r() * 2)}" fill="${c}" opacity="${f1(0.6 + r() * 0.4)}" transform="rotate(${f1(r() * 180)} ${f1(x)} ${f1(y)})"/>`;
  }
  return svg(defs, b);
}

const THEMES = [
  ["christmas-magic", christmas],
  ["thanksgiving-feast", thanksgiving],
  ["halloween-spooky", halloween],
  ["summer-beach", beach],
  ["city-nightlife", city],
  ["new-year-fireworks", fireworks],
  ["cherry-blossom-spring", blossom],
  ["birthday-party", birthday],
];

// ---------------------------------------------------------------------------------------------

async function render(svgText, file) {
  await sharp(Buffer.from(svgText), { density: 72 })
    .resize(W, H)
    .webp({ quality: 80, effort: 6, smartSubsample: true })
    .toFile(file);
  const { size } = await stat(file);
  return size;
}

async function main() {
  const jobs = [
    ...MODELS.map((m) => ({ kind: "models", slug: m.slug, make: () => modelSvg(m) })),
    ...THEMES.map(([slug, make]) => ({ kind: "themes", slug, make })),
  ];
  for (const kind of ["models", "themes"]) await mkdir(path.join(outDir, kind), { recursive: true });
  for (const job of jobs) {
    const file = path.join(outDir, job.kind, `${job.slug}.webp`);
    const size = await render(job.make(), file);
    console.log(`${path.relative(root, file)}  ${(size / 1024).toFixed(1)} KB`);
  }
}

// Renders only when run as a script (the unit test imports modelSvg).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
