import { fitsUpload, fitWithin, UPLOAD_ATTEMPTS } from "./image-size";

/** The picture could not be decoded (a corrupt file, or a format the browser cannot read). */
export class ImageReadError extends Error {
  constructor() {
    super("image_unreadable");
    this.name = "ImageReadError";
  }
}

/** Even the smallest encoding is over the upload limit. */
export class ImageTooLargeError extends Error {
  constructor() {
    super("image_too_large");
    this.name = "ImageTooLargeError";
  }
}

type Drawable = { source: CanvasImageSource; width: number; height: number; close(): void };

async function decode(file: Blob): Promise<Drawable> {
  if (typeof createImageBitmap === "function") {
    try {
      // from-image applies the EXIF orientation, so portrait phone photos stay upright.
      const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
      return { source: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
    } catch {
      // Older Safari rejects the options bag; fall through to an <img>.
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.decoding = "async";
    img.src = url;
    await img.decode();
    return { source: img, width: img.naturalWidth, height: img.naturalHeight, close: () => undefined };
  } catch {
    throw new ImageReadError();
  } finally {
    URL.revokeObjectURL(url);
  }
}

function canvas(width: number, height: number): HTMLCanvasElement {
  const c = document.createElement("canvas");
  c.width = width;
  c.height = height;
  return c;
}

/**
 * Re-encodes a picked picture as JPEG with the long edge at most 2048 px, within the upload limit
 * (lower quality, then fewer pixels, when a very detailed photo needs it). Always re-encoding also
 * strips EXIF metadata (location, camera) before the picture leaves the device. Transparent areas
 * become white (JPEG has no alpha).
 */
export async function downscaleImage(file: Blob): Promise<Blob> {
  const image = await decode(file);
  try {
    if (image.width === 0 || image.height === 0) throw new ImageReadError();
    for (const attempt of UPLOAD_ATTEMPTS) {
      const target = fitWithin(image.width, image.height, attempt.maxEdge);
      const blob = await encode(draw(image, target), attempt.quality);
      if (fitsUpload(blob.size)) return blob;
    }
    throw new ImageTooLargeError();
  } finally {
    image.close();
  }
}

/** The picture at `target` size on a white canvas; large reductions go in halving steps for a sharper result. */
function draw(image: Drawable, target: { width: number; height: number }): HTMLCanvasElement {
  let source: CanvasImageSource = image.source;
  let width = image.width;
  let height = image.height;
  while (width / 2 >= target.width && height / 2 >= target.height) {
    const step = canvas(Math.round(width / 2), Math.round(height / 2));
    const ctx = step.getContext("2d");
    if (!ctx) throw new ImageReadError();
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(source, 0, 0, step.width, step.height);
    source = step;
    width = step.width;
    height = step.height;
  }
  const out = canvas(target.width, target.height);
  const ctx = out.getContext("2d");
  if (!ctx) throw new ImageReadError();
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(source, 0, 0, out.width, out.height);
  return out;
}

async function encode(out: HTMLCanvasElement, quality: number): Promise<Blob> {
  const blob = await new Promise<Blob | null>((resolve) => out.toBlob(resolve, "image/jpeg", quality));
  if (!blob || blob.size === 0) throw new ImageReadError();
  return blob;
}
