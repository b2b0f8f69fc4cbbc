/**
 * The replay page: `startCardmock({ replay })` with a recording of `cardmock proxy --record` given
 * as data (in a browser there is no folder to read); the recording is checked against the format
 * before the worker starts.
 */
import { recorded } from './replay-recording.ts';
import { startCardmock } from './start-cardmock.ts';

await startCardmock({ replay: recorded, quiet: true });
document.querySelector('#worker')!.textContent = 'mock running in this page';
