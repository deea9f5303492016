// Core's scoring exactly as the root README shows it.
import { summarizeTally, tallyOf } from '@touchpoint/core';

const summary = summarizeTally(tallyOf('nps', [10, 9, 9, 8, 7, 6, 3]));
const output = document.querySelector('#score');
if (output) output.textContent = JSON.stringify(summary);
