/** Every scenario of every vendor. */
import type { CaseFile, Scenario, Unprovokable } from '../lib/scenario.ts';
import { cases as capillaryAddCard } from './capillary/add-card-to-series.cases.ts';
import { cases as enfuceCreate } from './enfuce/create-multi-application-card.cases.ts';
import { cases as exchangeSolutionsAddCards } from './exchange-solutions/add-cards-to-account.cases.ts';
import { cases as paysafeAssign } from './paysafe/assign-bulk-card.cases.ts';
import { cases as pismoBind } from './pismo/post-v2-card-bind.cases.ts';

const files: CaseFile[] = [pismoBind, paysafeAssign, enfuceCreate, capillaryAddCard, exchangeSolutionsAddCards];

export const scenarios: Scenario[] = files.flatMap((f) => f.scenarios);
export const unprovokable: Unprovokable[] = files.flatMap((f) => f.unprovokable ?? []);
