/**
 * The worker's loadModel finds a checkpoint of the family (public/models/family, issue #20) by
 * name after the shipped ones, over real HTTP (a local server in front of public/), and holds it
 * to its own manifest's SHA-256, which a family entry must carry; an entry whose file leaves the
 * folder is refused; an unknown name names both manifests.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckpointError } from '../../../src/core/checkpoint/checkpoint-error';
import { classify } from '../../../src/worker/faults';
import { loadModel } from '../../../src/worker/load-model';

const MEMBER = 'fam-vit-sgd-e1';
type Entry = { name: string; file: string; sha256?: string };

/** Serves public/ at /good/, and at /bad/ the same with the family's manifest and one file altered. */
function serve(): Server {
  const manifest = JSON.parse(readFileSync('public/models/family/manifest.json', 'utf8')) as {
    models: Entry[];
  };
  const altered = {
    ...manifest,
    models: manifest.models.map((m) =>
      m.name === 'fam-vit-adamw-e1'
        ? { ...m, sha256: undefined }
        : m.name === 'fam-vit-p14-adamw'
          ? { ...m, file: '../vit-adamw.safetensors' }
          : m,
    ),
  };
  const damaged = new Uint8Array(readFileSync(`public/models/family/${MEMBER}.safetensors`));
  damaged.set([(damaged.at(-9) as number) ^ 0x10], damaged.length - 9);
  return createServer((req, res) => {
    const url = req.url ?? '';
    const path = url.replace(/^\/(good|bad)\//, '');
    try {
      if (url === '/bad/models/family/manifest.json') return void res.end(JSON.stringify(altered));
      if (url === `/bad/models/family/${MEMBER}.safetensors`) return void res.end(damaged);
      res.end(readFileSync(`public/${path}`));
    } catch {
      res.statusCode = 404;
      res.end();
    }
  });
}

const failure = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('loadModel and the checkpoint family', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = serve();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('loads a family member from models/family/ with a fresh head', async () => {
    const m = await loadModel({ kind: 'pretrained', name: MEMBER, seed: 1 }, 5, `${base}good/`);
    expect(m.config.family).toBe('vit');
    expect(m.weights.size).toBe(m.def.specs.length);
    expect(m.weights.get('head.weight')?.length).toBe(64 * 5);
    // Its own pretrained weights, not the shipped ViT's of the same shape.
    const shipped = await loadModel(
      { kind: 'pretrained', name: 'vit-adamw', seed: 1 },
      5,
      `${base}good/`,
    );
    const a = m.weights.get('patch_embed.proj.weight') as Float32Array;
    const b = shipped.weights.get('patch_embed.proj.weight') as Float32Array;
    expect(a.length).toBe(b.length);
    expect(a.some((v, i) => v !== b[i])).toBe(true);
  });

  it('refuses a damaged download against the family manifest, naming it', async () => {
    const e = (await failure(
      loadModel({ kind: 'pretrained', name: MEMBER, seed: 1 }, 5, `${base}bad/`),
    )) as CheckpointError;
    expect(e).toBeInstanceOf(CheckpointError);
    expect([e.rule, e.file]).toEqual(['sha256', `${MEMBER}.safetensors`]);
    expect(e.message).toMatch(
      /the download is damaged: its SHA-256 is [0-9a-f]{64}, models\/family\/manifest\.json lists 0143ce69/,
    );
    expect(classify(e)).toBe('bad-checkpoint');
  });

  it('refuses a family entry without a SHA-256, or with a file outside its folder', async () => {
    const noSha = (await failure(
      loadModel({ kind: 'pretrained', name: 'fam-vit-adamw-e1', seed: 1 }, 5, `${base}bad/`),
    )) as Error;
    expect(noSha.message).toMatch(
      /models\/family\/manifest\.json lists "fam-vit-adamw-e1" without a SHA-256/,
    );
    expect(classify(noSha)).toBe('bad-checkpoint');
    const escape = (await failure(
      loadModel({ kind: 'pretrained', name: 'fam-vit-p14-adamw', seed: 1 }, 5, `${base}bad/`),
    )) as Error;
    expect(escape.message).toMatch(
      /"\.\.\/vit-adamw\.safetensors": only a plain \.safetensors file name/,
    );
  });

  it('names both manifests for an unknown name', async () => {
    const e = (await failure(
      loadModel({ kind: 'pretrained', name: 'fam-nope', seed: 1 }, 5, `${base}good/`),
    )) as Error;
    expect(e.message).toBe(
      'No pretrained model named "fam-nope" in models/manifest.json or models/family/manifest.json',
    );
  });
});
