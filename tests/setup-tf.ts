// Tests run in Node on tfjs's pure-JS CPU backend (the reference backend; no native addon).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { registerEngineKernels } from '../src/core/register-kernels';

registerEngineKernels();

await tf.setBackend('cpu');
await tf.ready();
