import { documents } from '../../../generated/documents.ts';
import { seededState, type VendorModule } from '../../core/vendor.ts';
import { bindNonameCard } from './post-v2-card-bind.ts';
import { pismoResponses, rejectPismo } from './answers.ts';
import { authenticate } from './authenticate.ts';
import { pismoFixtures, pismoSamples } from './fixtures.ts';
import { pismoPresets } from './presets.ts';
import { addFixtures, emptyState, snapshot, type PismoFixtures, type PismoState } from './state.ts';

export const pismo: VendorModule<PismoState, PismoFixtures> = {
  name: 'pismo',
  document: documents.pismo,
  responses: pismoResponses,
  createState: seededState(emptyState, addFixtures, pismoFixtures),
  addFixtures,
  snapshot,
  samples: pismoSamples,
  operations: { 'post-v2-card-bind': bindNonameCard },
  authenticate,
  reject: rejectPismo,
  presets: pismoPresets,
};
