/**
 * Where a pretrained checkpoint, by name, is listed: the shipped checkpoints' manifest
 * (public/models/manifest.json) first, then the checkpoint family's (public/models/family/,
 * issue #20), which is fetched only when a name is not a shipped one, so a page that never uses
 * the family never downloads a byte of it. A family entry must carry its SHA-256 (the loader
 * checks the file against it before reading) and name a plain .safetensors file in its folder.
 */
import type { ModelConfig } from '../spec/model-config';
import { BadCheckpointError } from './faults';

export interface ManifestEntry {
  name: string;
  file: string;
  config: ModelConfig;
  /** The file's SHA-256 (hex); checked before the file is read. */
  sha256?: string;
}

export interface PretrainedLocation {
  entry: ManifestEntry;
  /** The folder its file is relative to. */
  root: URL;
  /** The manifest's path as messages name it (models/manifest.json, models/family/manifest.json). */
  manifest: string;
}

const SHIPPED = 'models/';
const FAMILY = 'models/family/';
const PLAIN_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*\.safetensors$/;

export async function fetchJson(url: URL): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new BadCheckpointError(`GET ${url.pathname} failed with HTTP ${res.status}`);
  try {
    return await res.json();
  } catch {
    // e.g. a static server answering a missing file with its index.html
    throw new BadCheckpointError(
      `${url.pathname} is not a JSON model manifest: are the pretrained models deployed with the app?`,
    );
  }
}

async function entries(root: URL): Promise<ManifestEntry[]> {
  const manifest = (await fetchJson(new URL('manifest.json', root))) as {
    models?: ManifestEntry[];
  };
  return Array.isArray(manifest.models) ? manifest.models : [];
}

/** A family entry as strict as the loader needs it: a SHA-256 to check, a file inside the folder. */
function checkFamilyEntry(e: ManifestEntry, manifest: string): void {
  if (typeof e.sha256 !== 'string' || !/^[0-9a-f]{64}$/i.test(e.sha256))
    throw new BadCheckpointError(
      `${manifest} lists "${e.name}" without a SHA-256 (64 hex digits): refused, since its download could not be checked`,
    );
  if (typeof e.file !== 'string' || !PLAIN_FILE.test(e.file))
    throw new BadCheckpointError(
      `${manifest} lists "${e.name}" with the file "${String(e.file)}": only a plain .safetensors file name in models/family/ is allowed`,
    );
}

export async function findPretrained(name: string, baseUrl: string): Promise<PretrainedLocation> {
  const shippedRoot = new URL(SHIPPED, baseUrl);
  const shipped = (await entries(shippedRoot)).find((m) => m.name === name);
  if (shipped) return { entry: shipped, root: shippedRoot, manifest: `${SHIPPED}manifest.json` };
  const familyRoot = new URL(FAMILY, baseUrl);
  const manifest = `${FAMILY}manifest.json`;
  const member = (await entries(familyRoot).catch(() => [])).find((m) => m.name === name);
  if (!member)
    throw new BadCheckpointError(
      `No pretrained model named "${name}" in ${SHIPPED}manifest.json or ${manifest}`,
    );
  checkFamilyEntry(member, manifest);
  return { entry: member, root: familyRoot, manifest };
}
