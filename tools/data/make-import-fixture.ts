/**
 * Writes tests/fixtures/data/own-images (tiny PNGs plus the junk a real upload
 * has: a non-image, a corrupt PNG, __MACOSX and .DS_Store). Rerun to regenerate the fixture.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encode } from 'fast-png';
import { fileURLToPath } from 'node:url';
const root = fileURLToPath(new URL('../../tests/fixtures/data/own-images/', import.meta.url));
const png = (r: number, g: number, b: number, w = 6, h = 4): Uint8Array => {
  const data = new Uint8Array(w * h * 3);
  for (let i = 0; i < w * h; i++) {
    data[i * 3] = r;
    data[i * 3 + 1] = g;
    data[i * 3 + 2] = b;
  }
  return encode({ width: w, height: h, data, channels: 3, depth: 8 });
};
const files: Record<string, Uint8Array | string> = {
  'my-pets/cats/a.png': png(200, 30, 30),
  'my-pets/cats/b.png': png(180, 40, 20, 8, 8),
  'my-pets/cats/notes.txt': 'not an image',
  'my-pets/cats/.DS_Store': 'junk',
  'my-pets/dogs/a.png': png(30, 30, 200),
  'my-pets/dogs/b.png': png(20, 60, 190, 3, 9),
  'my-pets/dogs/broken.png': 'this is not really a png',
  'my-pets/.DS_Store': 'junk',
  'my-pets/__MACOSX/dogs/._a.png': 'resource fork',
  'my-pets/README.md': '# my pets',
};
for (const [p, content] of Object.entries(files)) {
  const full = join(root, p);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, content);
}
