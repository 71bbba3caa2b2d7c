/**
 * The worker's loadModel checks a shipped checkpoint against the SHA-256 its manifest lists,
 * over real HTTP (a local server in front of public/, with one file damaged in transit).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckpointError } from '../../../src/core/checkpoint/checkpoint-error';
import { classify } from '../../../src/worker/faults';
import { loadModel } from '../../../src/worker/load-model';

const DAMAGED = '/models/vit-adamw.safetensors';

describe('loadModel verifies the manifest SHA-256', () => {
  let server: Server;
  let base = '';

  beforeAll(async () => {
    const damaged = new Uint8Array(readFileSync(`public${DAMAGED}`));
    damaged.set([(damaged.at(-5) as number) ^ 0x40], damaged.length - 5); // one flipped bit deep in the last tensor's data
    server = createServer((req, res) => {
      try {
        res.end(req.url === DAMAGED ? damaged : readFileSync(`public${req.url ?? ''}`));
      } catch {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('refuses a damaged download, naming the file', async () => {
    const e = await loadModel({ kind: 'pretrained', name: 'vit-adamw', seed: 1 }, 10, base).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(CheckpointError);
    const err = e as CheckpointError;
    expect([err.rule, err.file]).toEqual(['sha256', 'vit-adamw.safetensors']);
    expect(err.message).toMatch(
      /^vit-adamw\.safetensors: the download is damaged: its SHA-256 is [0-9a-f]{64}, models\/manifest\.json lists b657ef16/,
    );
    expect(classify(err)).toBe('bad-checkpoint');
  });

  it('loads an intact one', async () => {
    const m = await loadModel({ kind: 'pretrained', name: 'resnet-sgd', seed: 1 }, 10, base);
    expect(m.weights.size).toBe(m.def.specs.length);
    expect(m.weights.get('fc.weight')?.length).toBe(64 * 10);
  });
});
