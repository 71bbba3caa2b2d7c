/** A loss or gradient became NaN/Inf: the run stops and says where. */
export class NonFiniteError extends Error {
  override readonly name = 'NonFiniteError';
  constructor(
    /** 'loss' or the parameter whose gradient is not finite. */
    readonly where: string,
    readonly step: number,
    readonly value: number,
  ) {
    super(
      where === 'loss'
        ? `The loss became ${value} at step ${step}: training diverged. Lower the learning rate and try again.`
        : `The gradient of ${where} became ${value} at step ${step}: training diverged. Lower the learning rate and try again.`,
    );
  }
}
