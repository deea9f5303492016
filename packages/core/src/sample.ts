/**
 * @touchpoint/core/sample — a deterministic demo data set of wire events, for demos, seeding and benchmarks.
 */
export {
  generateSampleEvents,
  SAMPLE_TOUCHPOINTS,
  type SampleOptions,
  type SampleTouchpoint,
  seededRandom,
} from './sample/sample-events';
