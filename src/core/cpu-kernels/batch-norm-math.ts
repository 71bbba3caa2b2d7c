/**
 * BatchNorm2d's arithmetic over NHWC arrays, for the kernels of batch-norm-js.ts (which read the
 * tensors and name the outputs): the batch statistics, the affine pass with its optional ReLU,
 * the gradient's per-channel sums and its dx pass, and the eval-mode affine map. The loops run
 * channel by channel over the strided data with scalar accumulators (see batch-norm-js.ts).
 */

export type Coef = Float32Array | Float64Array;
/** The forward kernels' inputs: x [.., C] and the per-channel gamma, beta, runningMean, runningVar [C]. */
export type BnInputs = Record<'x' | 'gamma' | 'beta' | 'runningMean' | 'runningVar', Float32Array>;
/** The gradient kernels' inputs: dy, x, y [.., C], stats [2, C] (mean; rstd), gamma [C]. */
export type GradInputs = Record<'dy' | 'x' | 'y' | 'stats' | 'gamma', Float32Array>;

/** y = relu?(x * scale[c] + offset[c]) over NHWC data with C channels. */
export function scaleShift(
  xv: Float32Array,
  y: Float32Array,
  C: number,
  scale: Float64Array,
  offset: Float64Array,
  relu: boolean,
): void {
  const N = xv.length;
  for (let c = 0; c < C; c++) {
    const sc = scale[c] as number;
    const of = offset[c] as number;
    if (relu) {
      for (let i = c; i < N; i += C) {
        const o = (xv[i] as number) * sc + of;
        y[i] = (o + Math.abs(o)) * 0.5;
      }
    } else {
      for (let i = c; i < N; i += C) y[i] = (xv[i] as number) * sc + of;
    }
  }
}

/**
 * The batch's per-channel statistics in one pass (float64 sums of x - x[c]: a shift near the
 * mean keeps E[d^2] - E[d]^2 free of cancellation): writes stats [mean; rstd] (2C), the running
 * statistics' new values, and the affine map y = x * scale + offset that normalises.
 */
export function channelStats(
  v: BnInputs,
  C: number,
  eps: number,
  momentum: number,
  out: { stats: Float32Array; rm2: Float32Array; rv2: Float32Array; scale: Coef; offset: Coef },
): void {
  const xv = v.x;
  const N = xv.length;
  const n = N / C;
  for (let c = 0; c < C; c++) {
    const shift = xv[c] as number;
    let s = 0;
    let q = 0;
    for (let i = c; i < N; i += C) {
      const d = (xv[i] as number) - shift;
      s += d;
      q += d * d;
    }
    const ds = s / n;
    const m = shift + ds;
    const variance = Math.max(q / n - ds * ds, 0); // biased: what normalises
    const r = 1 / Math.sqrt(variance + eps);
    const sc = (v.gamma[c] as number) * r;
    out.stats[c] = m;
    out.stats[C + c] = r;
    out.scale[c] = sc;
    out.offset[c] = (v.beta[c] as number) - m * sc;
    out.rm2[c] = (1 - momentum) * (v.runningMean[c] as number) + momentum * m;
    out.rv2[c] =
      (1 - momentum) * (v.runningVar[c] as number) + (momentum * variance * n) / Math.max(n - 1, 1);
  }
}

/**
 * Per channel: sg = sum(g), sgx = sum(g * (x - mean)), g = dy masked by the ReLU (y > 0), into
 * sums [2C]; dgamma = sgx rstd, dbeta = sg. Then dx = k g + u x + w with k = gamma rstd,
 * u = -k sgx rstd^2 / n, w = -k sg / n - u mean (the standard formula, k (g - a - (x - mean) b)).
 */
export function gradSums(
  v: GradInputs,
  C: number,
  relu: boolean,
  coef: { dgamma: Float32Array; dbeta: Float32Array; k: Coef; u: Coef; w: Coef },
): void {
  const { dy: dyv, x: xv, y: yv, stats: sv } = v;
  const N = xv.length;
  const n = N / C;
  for (let c = 0; c < C; c++) {
    const m = sv[c] as number;
    const r = sv[C + c] as number;
    let sg = 0;
    let sgx = 0;
    if (relu) {
      for (let i = c; i < N; i += C) {
        const g = +((yv[i] as number) > 0) * (dyv[i] as number);
        sg += g;
        sgx += g * ((xv[i] as number) - m);
      }
    } else {
      for (let i = c; i < N; i += C) {
        const g = dyv[i] as number;
        sg += g;
        sgx += g * ((xv[i] as number) - m);
      }
    }
    coef.dbeta[c] = sg;
    coef.dgamma[c] = sgx * r;
    const k = (v.gamma[c] as number) * r;
    const u = (-k * sgx * r * r) / n;
    coef.k[c] = k;
    coef.u[c] = u;
    coef.w[c] = (-k * sg) / n - u * m;
  }
}

/** The eval-mode map y = x * scale + offset: scale = gamma / sqrt(running_var + eps), offset = beta - running_mean * scale. */
export function evalAffine(
  v: Omit<BnInputs, 'x'>,
  C: number,
  eps: number,
  scale: Coef,
  offset: Coef,
): void {
  for (let c = 0; c < C; c++) {
    const sc = (v.gamma[c] as number) / Math.sqrt((v.runningVar[c] as number) + eps);
    scale[c] = sc;
    offset[c] = (v.beta[c] as number) - (v.runningMean[c] as number) * sc;
  }
}

/** dx = k g + u x + w per channel (gradSums' coefficients), g = dy masked by the ReLU (y > 0). */
export function gradDx(
  v: GradInputs,
  C: number,
  relu: boolean,
  coef: { k: Coef; u: Coef; w: Coef },
  dx: Float32Array,
): void {
  const { dy: dyv, x: xv, y: yv } = v;
  const { k, u, w } = coef;
  const N = xv.length;
  for (let c = 0; c < C; c++) {
    const kc = k[c] as number;
    const uc = u[c] as number;
    const wc = w[c] as number;
    if (relu) {
      for (let i = c; i < N; i += C)
        dx[i] = kc * (+((yv[i] as number) > 0) * (dyv[i] as number)) + uc * (xv[i] as number) + wc;
    } else {
      for (let i = c; i < N; i += C) dx[i] = kc * (dyv[i] as number) + uc * (xv[i] as number) + wc;
    }
  }
}
