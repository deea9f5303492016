/** "1 survey", "4 surveys": how the CLI counts a config's surveys. */
export const surveyCount = (n: number): string => `${n} survey${n === 1 ? '' : 's'}`;
