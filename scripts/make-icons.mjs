// Draws the Forex AI app icons (candles on a dark tile) as PNGs with no image library.
// Run once: node scripts/make-icons.mjs — the PNGs are committed as source assets.
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

function crc32(buf) {
  let c;
  const table = [];
  for (let n = 0; n < 256; n++) {
    c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  let crc = 0xffffffff;
  for (const b of buf) crc = table[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(size, maskable) {
  const px = Buffer.alloc(size * size * 4);
  const set = (x, y, [r, g, b]) => {
    if (x < 0 || y < 0 || x >= size || y >= size) return;
    const i = (y * size + x) * 4;
    px[i] = r;
    px[i + 1] = g;
    px[i + 2] = b;
    px[i + 3] = 255;
  };
  const bg = [15, 23, 42];
  const radius = maskable ? 0 : size * 0.18;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const dx = Math.max(radius - x, x - (size - 1 - radius), 0);
      const dy = Math.max(radius - y, y - (size - 1 - radius), 0);
      if (dx * dx + dy * dy <= radius * radius) set(x, y, bg);
    }
  const inset = maskable ? 0.2 : 0.12;
  const area = size * (1 - 2 * inset);
  const candles = [
    [0.55, 0.35, 0.6, 0.3, [34, 197, 94]],
    [0.5, 0.25, 0.65, 0.4, [239, 68, 68]],
    [0.4, 0.15, 0.5, 0.2, [34, 197, 94]],
    [0.3, 0.05, 0.38, 0.1, [34, 197, 94]],
  ];
  const w = area / candles.length;
  candles.forEach(([top, wickTop, bottom, wickBottom, color], k) => {
    const x0 = size * inset + k * w;
    const cx = Math.round(x0 + w / 2);
    const y = (f) => Math.round(size * inset + area * f);
    for (let yy = y(wickTop); yy <= y(1 - wickBottom); yy++)
      for (let t = -Math.max(1, size / 128); t <= Math.max(1, size / 128); t++)
        set(cx + Math.round(t), yy, color);
    for (let yy = y(top); yy <= y(bottom + 0.2); yy++)
      for (let xx = Math.round(x0 + w * 0.2); xx <= Math.round(x0 + w * 0.8); xx++) set(xx, yy, color);
  });
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) px.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const out = new URL("../app/public/icons/", import.meta.url);
writeFileSync(new URL("icon-192.png", out), png(192, false));
writeFileSync(new URL("icon-512.png", out), png(512, false));
writeFileSync(new URL("maskable-512.png", out), png(512, true));
writeFileSync(new URL("apple-touch-icon.png", out), png(180, true));
console.log("icons written to app/public/icons/");
