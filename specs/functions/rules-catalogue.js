/**
 * Spectral function: the rules catalogue of an operation (`x-cardmock-rules`, specs/README.md "The
 * rules catalogue") is complete and consistent. Each rule has a stable id of its vendor, one
 * sentence, a provenance its source bears out (a quote or a fact with its page when documented, the
 * reason when inferred) and an answer the operation documents; every named example of every status,
 * and every status, answers at least one rule. Applied to an operation object, $refs resolved.
 */
const PROVENANCES = ['documented', 'inferred'];
const APPLIES = ['request-invalid', 'credentials-missing', 'credentials-malformed', 'fault'];
const PROMISE_KEYS = [['at', 'equals'], ['at', 'count'], ['every', 'in'], ['distinct']];
const REQUEST_VALUE = /^(path|query|header):[^/]+$|^body:\/.*$/;

const exampleNames = (response) => Object.values(response?.content ?? {}).flatMap((media) => Object.keys(media?.examples ?? {}));
const alternativeNames = (response) =>
  Object.values(response?.content ?? {}).flatMap((media) => Object.entries(media?.examples ?? {}).filter(([, e]) => e?.['x-cardmock-alternative'] === true).map(([name]) => name));

function answerProblems(where, answer, responses) {
  if (!answer || typeof answer.status !== 'number') return [`${where} has no numeric status`];
  const response = responses[String(answer.status)];
  if (!response) return [`${where} answers ${answer.status}, which the operation does not document`];
  const names = exampleNames(response);
  if (answer.example === undefined) return names.length > 0 ? [`${where} names no example of ${answer.status} (it has ${names.join(', ')})`] : [];
  return names.includes(answer.example) ? [] : [`${where} names example ${answer.example}, which ${answer.status} does not have`];
}

function sourceProblems(rule) {
  const source = rule.source ?? {};
  const documented = typeof source.page === 'string' && (typeof source.quote === 'string' || typeof source.fact === 'string');
  const inferred = typeof source.inferred === 'string' && source.inferred.length > 0;
  if (rule.provenance === 'documented' && !documented) return [`${rule.id} is documented but its source gives no quote or fact with its page`];
  if (rule.provenance === 'inferred' && !inferred) return [`${rule.id} is inferred but its source does not say why`];
  if (documented && inferred) return [`${rule.id} has a source that is both documented and inferred`];
  return [];
}

function promiseProblems(rule) {
  return (rule.promises ?? []).flatMap((promise) => {
    const shape = PROMISE_KEYS.find((keys) => keys.every((k) => k in promise));
    if (!shape) return [`${rule.id} has a promise of no known kind: ${JSON.stringify(promise)}`];
    const request = promise.equals ?? promise.count ?? promise.every;
    if (request !== undefined && !REQUEST_VALUE.test(request)) return [`${rule.id}: "${request}" names no request value (path:, query:, header: or body:/pointer)`];
    return [];
  });
}

function ruleProblems(rule, vendor, responses) {
  const where = `rule ${rule?.id ?? '(no id)'}`;
  if (typeof rule?.id !== 'string' || !new RegExp(`^${vendor ?? '[a-z][a-z0-9-]*'}\\.[a-z0-9-]+\\.[a-z0-9-]+$`).test(rule.id)) {
    return [`${where}: the id is not <vendor>.<operation>.<rule> in lower case (vendor ${vendor})`];
  }
  return [
    ...(typeof rule.rule === 'string' && rule.rule.length >= 10 ? [] : [`${where} states no rule sentence`]),
    ...(PROVENANCES.includes(rule.provenance) ? sourceProblems(rule) : [`${where}: provenance must be documented or inferred`]),
    ...(rule.applies === undefined || APPLIES.includes(rule.applies) ? [] : [`${where}: applies must be one of ${APPLIES.join(', ')}`]),
    ...answerProblems(where, rule.answer, responses),
    ...(rule.answer?.alternatives ?? []).flatMap((alternative, i) => answerProblems(`${where} alternative ${i + 1}`, alternative, responses)),
    ...promiseProblems(rule),
  ];
}

function coverageProblems(rules, responses) {
  const answers = rules.flatMap((r) => [r.answer, ...(r.answer?.alternatives ?? [])]).filter(Boolean);
  const problems = [];
  for (const [status, response] of Object.entries(responses)) {
    if (!answers.some((a) => String(a.status) === status)) problems.push(`status ${status} answers no rule`);
    for (const name of exampleNames(response)) {
      if (!answers.some((a) => String(a.status) === status && a.example === name)) problems.push(`example ${name} of ${status} answers no rule`);
    }
    // An x-cardmock-alternative example (no request pair: the mock never sends it) is only ever a
    // documented alternative, never the answer a rule gets.
    for (const name of alternativeNames(response)) {
      if (rules.some((r) => String(r.answer?.status) === status && r.answer?.example === name)) problems.push(`example ${name} of ${status} is x-cardmock-alternative but is the answer of a rule`);
    }
  }
  const ids = rules.map((r) => r?.id);
  for (const id of new Set(ids)) if (ids.filter((x) => x === id).length > 1) problems.push(`rule id ${id} is used twice`);
  const applied = rules.filter((r) => r?.applies && r.applies !== 'fault').map((r) => r.applies);
  for (const kind of new Set(applied)) if (applied.filter((x) => x === kind).length > 1) problems.push(`more than one rule applies to ${kind}`);
  return problems;
}

export default function rulesCatalogue(operation, _options, context) {
  if (!operation || typeof operation !== 'object') return [];
  const vendor = context?.document?.data?.info?.['x-cardmock-vendor'];
  const rules = operation['x-cardmock-rules'];
  if (!Array.isArray(rules) || rules.length === 0) return [{ message: 'the operation has no rules catalogue (x-cardmock-rules)' }];
  const responses = operation.responses ?? {};
  const problems = [...rules.flatMap((rule) => ruleProblems(rule, vendor, responses)), ...coverageProblems(rules, responses)];
  return problems.map((message) => ({ message, path: ['x-cardmock-rules'] }));
}
