/**
 * What a schema forbids in a request, worded as the vendors' examples word it: one sentence per
 * problem (`cardNumber is required`, `statusLabel must be one of NOT_ISSUED, ACTIVE`), no repeats,
 * no schema jargon. Of alternatives (`anyOf`, `oneOf`: Capillary's card named by seriesId or by
 * seriesCode), only the branch closest to the request is reported — the one with the fewest
 * problems — rather than every branch and "must match a schema in anyOf".
 */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { fieldOf } from '../../../specs/lib/schema-registry.ts';
import type { ParameterLocation, RequestProblem } from '../types.ts';

/** A validator for one branch of an `anyOf`/`oneOf` (from the registry that compiled the schema, which must keep `schema` and `data` on errors). */
export type BranchValidator = (schema: object) => ValidateFunction;

export function schemaProblems(location: ParameterLocation | 'body', errors: ErrorObject[], branchValidator?: BranchValidator): RequestProblem[] {
  const problems: RequestProblem[] = [];
  const seen = new Set<string>();
  for (const error of closestBranches(errors, branchValidator)) {
    const problem = problemOf(location, error);
    const key = `${problem.in}\u0000${problem.field}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

/**
 * A failing schema node that names a rule of the catalogue (`x-cardmock-rule`) is answered as that
 * rule; a value of another type breaks the documented types (the `request-invalid` rule), not the
 * rule the node adds (a number is not text with a character outside the embossing set).
 */
function problemOf(location: ParameterLocation | 'body', error: ErrorObject): RequestProblem {
  const named = (error.parentSchema as { 'x-cardmock-rule'?: unknown } | undefined)?.['x-cardmock-rule'];
  const rule = error.keyword === 'type' ? undefined : named;
  return { in: location, field: fieldOf(error), message: messageOf(error), ...(typeof rule === 'string' ? { rule } : {}) };
}

const isAlternatives = (error: ErrorObject) =>
  (error.keyword === 'anyOf' || (error.keyword === 'oneOf' && (error.params as { passingSchemas?: unknown }).passingSchemas == null)) && Array.isArray(error.schema);

/**
 * ajv reports every failing branch of an `anyOf` just before the `anyOf` error itself (its schema
 * paths are relative to `$ref`s, so they cannot tell the branches apart): each branch is validated
 * again on its own to know how many of the errors before it are its branches', and which branch
 * comes closest.
 */
function closestBranches(errors: ErrorObject[], branchValidator: BranchValidator | undefined): ErrorObject[] {
  const kept: ErrorObject[][] = [];
  let i = errors.length - 1;
  while (i >= 0) {
    const error = errors[i]!;
    if (branchValidator && isAlternatives(error)) {
      const branches = (error.schema as object[]).map((schema) => {
        const validate = branchValidator(schema);
        validate(error.data);
        return [...(validate.errors ?? [])];
      });
      const consumed = branches.reduce((n, branch) => n + branch.length, 0);
      if (consumed <= i) {
        kept.push(closest(branches.map((branch) => closestBranches(branch, branchValidator)), error.instancePath));
        i -= consumed + 1;
        continue;
      }
    }
    kept.push([error]);
    i -= 1;
  }
  return kept.reverse().flat();
}

/** The branch with the fewest distinct problems; branches that each miss one field alone ask for one of them. */
function closest(branches: ErrorObject[][], at: string): ErrorObject[] {
  const size = (branch: ErrorObject[]) => new Set(branch.map((e) => `${fieldOf(e)}\u0000${messageOf(e)}`)).size;
  const fewest = Math.min(...branches.map(size));
  const tied = branches.filter((branch) => size(branch) === fewest);
  const within = (e: ErrorObject) => ({ ...e, instancePath: `${at}${e.instancePath}` });
  const missing = tied.map((branch) => (branch.every((e) => e.keyword === 'required' && e.instancePath === branch[0]!.instancePath) ? branch[0]! : undefined));
  if (tied.length > 1 && missing.every((e) => e !== undefined) && new Set(missing.map((e) => e!.instancePath)).size === 1) {
    const either = missing.map((e) => (e!.params as { missingProperty: string }).missingProperty).join(' or ');
    return [within({ ...missing[0]!, params: { missingProperty: either } })];
  }
  return tied[0]!.map(within);
}

const list = (values: unknown) => (Array.isArray(values) ? values : [values]).map(String).join(', ');

/** One sentence, to follow the field's name. */
function messageOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const limit = params.limit as number;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
    case 'false schema':
      return 'is not allowed';
    case 'type':
      return `must be ${String(params.type).split(',').join(' or ')}`;
    case 'enum':
      return `must be one of ${list(params.allowedValues)}`;
    case 'const':
      return `must be ${String(params.allowedValue)}`;
    case 'format':
      return `must be a valid ${String(params.format)}`;
    case 'pattern':
      return `must match the pattern ${String(params.pattern)}`;
    case 'minLength':
    case 'minItems':
      return limit === 1 ? 'must not be empty' : `must have at least ${limit} ${error.keyword === 'minLength' ? 'characters' : 'items'}`;
    case 'maxLength':
    case 'maxItems':
      return `must have at most ${limit} ${error.keyword === 'maxLength' ? 'characters' : 'items'}`;
    case 'minimum':
      return `must be at least ${limit}`;
    case 'maximum':
      return `must be at most ${limit}`;
    case 'multipleOf':
      return params.multipleOf === 1 ? 'must be a whole number' : `must be a multiple of ${String(params.multipleOf)}`;
    case 'not': {
      // A `not` says what is refused only in its node's description (Markdown, one sentence or more).
      const description = (error.parentSchema as { description?: unknown } | undefined)?.description;
      if (typeof description !== 'string') return 'is not accepted in this form';
      const sentence = description.trim().replace(/`/g, '').replace(/\.$/, '');
      return `is not accepted: ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`;
    }
    case 'anyOf':
    case 'oneOf':
      return 'does not match any accepted form';
    default:
      return (error.message ?? 'is invalid').replace(/\bNOT\b/g, 'not');
  }
}
