/** Fewer answers than this carry the `smallSample` flag: the score is shown, with a warning. */
export const SMALL_SAMPLE = 30;

export const isSmallSample = (n: number) => n < SMALL_SAMPLE;
