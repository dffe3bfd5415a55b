// Renders the install icons and iOS launch screens from the brand mark (app/icon.svg,
// components/ui/brand-mark.tsx) with sharp. Deterministic; the PNGs are committed.
//
//   npm run icons      (tsx, because the launch screen list is lib/pwa/startup-images.ts)
//
// public/icons/icon-192.png, icon-512.png   the rounded mark, transparent corners ("any")
// public/icons/maskable-512.png             full-bleed gradient, play symbol inside the 80 % safe zone
// public/apple-touch-icon.png               180×180, opaque (iOS rounds the corners itself)
// public/splash/{light,dark}-WxH.png        the mark centred on the app background, per iPhone

import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { startupBackground, startupImages } from "../lib/pwa/startup-images.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const publicDir = path.join(root, "public");

// The mark's geometry, in its 40×40 box (same path as app/icon.svg).
const PLAY = "M16 12.5v15a1 1 0 0 0 1.5.86l12.2-7.5a1 1 0 0 0 0-1.72l-12.2-7.5A1 1 0 0 0 16 12.5Z";
const GRADIENT = `<linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
  <stop offset="0" stop-color="#6b4fff"/><stop offset="1" stop-color="#ff3d71"/></linearGradient>`;

/** The 40×40 mark drawn at `size` px with its top-left corner at (x, y). */
function mark({ x = 0, y = 0, size }) {
  return `<g transform="translate(${x} ${y}) scale(${size / 40})">
  <rect width="40" height="40" rx="11" fill="url(#g)"/><path d="${PLAY}" fill="#fff"/></g>`;
}

/** A full-bleed square: the gradient everywhere, the play symbol placed as in a 40-unit box. */
function fullBleed(canvas, box = canvas, offset = 0) {
  return `<rect width="${canvas}" height="${canvas}" fill="url(#g)"/>
  <path transform="translate(${offset} ${offset}) scale(${box / 40})" d="${PLAY}" fill="#fff"/>`;
}

function svg(width, height, body, background) {
  const fill = background ? `<rect width="${width}" height="${height}" fill="${background}"/>` : "";
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><defs>${GRADIENT}</defs>${fill}${body}</svg>`,
  );
}

async function write(file, image, { opaque = false } = {}) {
  const target = path.join(publicDir, file);
  await mkdir(path.dirname(target), { recursive: true });
  let pipeline = sharp(image);
  // An opaque PNG has no alpha channel at all (colour type 2), which iOS wants for its icons.
  if (opaque) pipeline = pipeline.flatten({ background: "#ffffff" }).removeAlpha();
  await pipeline.png({ compressionLevel: 9, palette: false }).toFile(target);
  console.log(file);
}

async function icons() {
  for (const size of [192, 512]) {
    await write(`icons/icon-${size}.png`, svg(size, size, mark({ size })));
  }
  // Maskable: the gradient fills the canvas; the mark's 40-unit box is scaled into the central
  // 80 %, so the play symbol keeps its proportion to whatever shape the launcher cuts.
  await write("icons/maskable-512.png", svg(512, 512, fullBleed(512, 512 * 0.8, 512 * 0.1)), {
    opaque: true,
  });
  await write("apple-touch-icon.png", svg(180, 180, fullBleed(180)), { opaque: true });
}

async function splashes() {
  for (const image of startupImages()) {
    const { width, height, scheme, ratio } = image;
    // A 128 pt mark, like a native launch screen's centred logo.
    const size = 128 * ratio;
    const body = mark({ x: (width - size) / 2, y: (height - size) / 2, size });
    await write(image.url.slice(1), svg(width, height, body, startupBackground[scheme]), { opaque: true });
  }
}

await icons();
await splashes();
