/** What made an exported file: this app's version and tfjs's (written into every export). */
import { version_core } from '@tensorflow/tfjs-core';
import pkg from '../../../package.json';

export const VERSIONS = { app: `${pkg.name} ${pkg.version}`, tfjs: version_core } as const;
