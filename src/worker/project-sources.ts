/**
 * The PyTorch twin's files an exported project bundles (src/project/python-files.ts), compiled
 * into the worker as text by Vite's ?raw imports: the twin stays the one definition of the
 * models and optimizers, and the export works offline. The CLI reads the same files from disk.
 */
import type { TwinSources } from '../project/python-files';
import blocks from '../../tools/torch_twin/models/blocks.py?raw';
import twinModel from '../../tools/torch_twin/models/twin_model.py?raw';
import vit from '../../tools/torch_twin/models/vit.py?raw';
import convnext from '../../tools/torch_twin/models/convnext.py?raw';
import resnet from '../../tools/torch_twin/models/resnet.py?raw';
import modelsInit from '../../tools/torch_twin/models/__init__.py?raw';
import specs from '../../tools/torch_twin/specs.py?raw';
import optim from '../../tools/torch_twin/optim.py?raw';
import stIo from '../../tools/torch_twin/st_io.py?raw';
import engineRng from '../../tools/torch_twin/engine_rng.py?raw';
import engineBatches from '../../tools/torch_twin/engine_batches.py?raw';
import train from '../../tools/torch_twin/project/train.py?raw';
import realScale from '../../tools/torch_twin/project/real_scale.py?raw';
import readme from '../../tools/torch_twin/project/README.md?raw';

export const TWIN_SOURCES: TwinSources = {
  'models/blocks.py': blocks,
  'models/twin_model.py': twinModel,
  'models/vit.py': vit,
  'models/convnext.py': convnext,
  'models/resnet.py': resnet,
  'models/__init__.py': modelsInit,
  'specs.py': specs,
  'optim.py': optim,
  'st_io.py': stIo,
  'engine_rng.py': engineRng,
  'engine_batches.py': engineBatches,
  'project/train.py': train,
  'project/real_scale.py': realScale,
  'project/README.md': readme,
};
