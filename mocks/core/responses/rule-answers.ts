/**
 * One factory for every vendor's answers, by rule. An operation answers under a rule id of its
 * catalogue (`x-cardmock-rules`, typed by the generated `RuleAnswers`): `refuse(rule)` answers the
 * rule's documented example, `succeed(rule, body)` a success of the rule's status. A wrong id, a
 * refusal under a success rule or a body of another status does not compile, and every answer
 * carries the rule that produced it (the `x-cardmock-rule` header, the request log).
 */
import type { DocumentedResponses } from './documented-responses.ts';
import type { OperationResponse } from './typed-response.ts';

/** Per rule id of one operation, its answer (generated/rules.ts: `RuleAnswers[vendor][operationId]`). */
export type RuleTable = Record<string, { status: number; example?: string }>;

type IsError<S> = S extends number ? (`${S}` extends `4${string}` | `5${string}` ? true : false) : false;

/** The rules of a table answered with a 4xx or 5xx. */
export type ErrorRule<Rules extends RuleTable> = { [R in keyof Rules & string]: IsError<Rules[R]['status']> extends true ? R : never }[keyof Rules & string];

/** The rules of a table answered with a success. */
export type SuccessRule<Rules extends RuleTable> = Exclude<keyof Rules & string, ErrorRule<Rules>>;

/** The operation's answer of status `S`, carrying rule `R`. */
export type RuleResponse<Op, S, R extends string> = Extract<OperationResponse<Op>, { status: S }> & { rule: R };

/** The body of the operation's error answers (one envelope per spec). */
type ErrorBodyOf<Op> = OperationResponse<Op> extends infer U ? (U extends { status: infer S; body: infer B } ? (IsError<S> extends true ? B : never) : never) : never;

export interface OperationRules<Rules extends RuleTable, Op, Occurrence> {
  /** The documented example of the rule's answer; `occurrence` is written into the copy by `fill`. */
  refuse<R extends ErrorRule<Rules>>(rule: R, occurrence?: Occurrence): RuleResponse<Op, Rules[R]['status'], R>;
  /** A success of the rule's status, with this request's body. */
  succeed<R extends SuccessRule<Rules>>(rule: R, body: RuleResponse<Op, Rules[R]['status'], R>['body']): RuleResponse<Op, Rules[R]['status'], R>;
  /** A rule id decided at run time (by the core), when it is a refusal of this operation. */
  refusal(rule: string | undefined): ErrorRule<Rules> | undefined;
}

/**
 * `operationRules<RuleAnswers['paysafe'], operations>(responses)('assignBulkCard', fill)`: the rule
 * answers of one operation. `fill` writes what is specific to one refusal (a detail, field errors)
 * into the fresh copy of the example.
 */
export function operationRules<Vendor extends Record<string, RuleTable>, Ops>(responses: DocumentedResponses) {
  return <Id extends keyof Vendor & keyof Ops & string, Occurrence = never>(
    operationId: Id,
    fill?: (body: NonNullable<ErrorBodyOf<Ops[Id]>>, occurrence: Occurrence) => void,
  ): OperationRules<Vendor[Id], Ops[Id], Occurrence> => {
    // Answers are built on the hot path: each rule's status and media type are looked up once.
    const answers = new Map(
      responses.operation(operationId).rules.map((rule) => [rule.id, { ...rule.answer, contentType: responses.contentType(operationId, rule.answer.status) }]),
    );
    const answerOf = (rule: string) => {
      const answer = answers.get(rule);
      if (!answer) throw new Error(`${operationId} has no rule ${rule} in its catalogue`);
      return answer;
    };
    return {
      refuse(rule, occurrence) {
        const { status, example } = answerOf(rule);
        const response = responses.example(operationId, status, example);
        response.rule = rule;
        if (occurrence !== undefined && fill) fill(response.body as NonNullable<ErrorBodyOf<Ops[Id]>>, occurrence);
        return response as never;
      },
      succeed(rule, body) {
        const { status, contentType } = answerOf(rule);
        return { status, headers: contentType ? { 'content-type': contentType } : {}, body, rule } as never;
      },
      refusal(rule) {
        const status = rule === undefined ? undefined : answers.get(rule)?.status;
        return status !== undefined && status >= 400 ? (rule as ErrorRule<Vendor[Id]>) : undefined;
      },
    };
  };
}
