/**
 * The WGSL body shared by the fused norm backward passes (layer-norm-webgpu.ts's dgamma/dbeta,
 * batch-norm-webgpu-pairs.ts's): one workgroup per column c of a [rows, cols] input sums two
 * per-row terms over the rows, tree-summed in pa/pb (webgpu-dispatch.ts PAIR_PARTIALS, which the
 * dispatch takes as helpers), into DG[c] and DB[c] ([cols] each). Dispatch with count: cols,
 * perWorkgroup: true, uniforms rows and cols.
 */
import { PAIR_TREE_SUMS, WORKGROUP } from './webgpu-dispatch';

export interface ColumnPairTerms {
  /** WGSL statements after `let c = wg;`, each line starting with a newline (or ''). */
  prelude: string;
  /** WGSL statements per row after `let i = r * uniforms.cols + c;`, each starting with a newline. */
  row: string;
  /** The per-row terms summed into DG[c] and DB[c]. */
  a: string;
  b: string;
}

export const columnPairSums = ({
  prelude,
  row,
  a,
  b,
}: ColumnPairTerms): string => `let c = wg;${prelude}
    var a = 0.0;
    var b = 0.0;
    for (var r = lid; r < uniforms.rows; r = r + ${WORKGROUP}) {
      let i = r * uniforms.cols + c;${row}
      a = a + ${a};
      b = b + ${b};
    }
    pa[lid] = a;
    pb[lid] = b;
    ${PAIR_TREE_SUMS}
    if (lid == 0) {
      DG[c] = pa[0];
      DB[c] = pb[0];
    }
    workgroupBarrier();`;
