import { scenarios, unprovokable } from '../cases/index.ts';
import { describeConformance } from '../lib/vitest-suite.ts';
import { mswTarget, served } from './mock-targets.ts';

describeConformance('msw', () => mswTarget(), { scenarios, unprovokable, served });
