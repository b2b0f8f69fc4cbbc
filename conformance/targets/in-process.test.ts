import { scenarios, unprovokable } from '../cases/index.ts';
import { describeConformance } from '../lib/vitest-suite.ts';
import { inProcessTarget } from './mock-targets.ts';

describeConformance('in-process', () => inProcessTarget(), { scenarios, unprovokable });
