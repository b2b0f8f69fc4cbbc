import { scenarios, unprovokable } from '../cases/index.ts';
import { describeConformance } from '../lib/vitest-suite.ts';
import { loopbackTarget, served } from './mock-targets.ts';

describeConformance('http-loopback', () => loopbackTarget(), { scenarios, unprovokable, served });
