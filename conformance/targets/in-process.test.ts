import { scenarios, unprovokable } from '../cases/index.ts';
import { describeConformance } from '../lib/vitest-suite.ts';
import { inProcessTarget, served } from './mock-targets.ts';

describeConformance('in-process', () => inProcessTarget(), { scenarios, unprovokable, served });
