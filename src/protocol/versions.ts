/**
 * What made an exported file: this app's version and tfjs's, written into every export the
 * page (metrics) and the worker (weights) make. Read from the package files, so the page
 * learns tfjs's version without carrying tfjs.
 */
import { version as tfjsVersion } from '@tensorflow/tfjs-core/package.json';
import { name, version } from '../../package.json';

// Named imports: the bundler keeps these two fields, not the whole package.json.
export const VERSIONS = { app: `${name} ${version}`, tfjs: tfjsVersion } as const;
