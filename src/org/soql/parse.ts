import {
  parseQuery,
  type Condition,
  type ConditionWithValueQuery,
  type HavingClause,
  type NegationCondition,
  type OptionalParentheses,
  type Query,
  type WhereClause,
} from '@jetstreamapp/soql-parser-js';
import { malformed, unexpectedToken } from './errors.js';

/** A comparison (`Name = 'x'`, `CALENDAR_YEAR(d) = 2024`): any condition but the parser's negation marker. */
export type Comparison = Exclude<Condition, NegationCondition>;

/** A WHERE or HAVING clause as a tree; the parser hands it over as a flat chain with parenthesis counts. */
export type BoolNode<C> =
  { kind: 'and' | 'or'; items: BoolNode<C>[] } | { kind: 'not'; item: BoolNode<C> } | { kind: 'cond'; cond: C };

type Token<C> = { kind: '(' | ')' | 'NOT' | 'AND' | 'OR' } | { kind: 'cond'; cond: C };

/** Parses SOQL; every parser failure becomes MALFORMED_QUERY with the offending token. */
export function parseSoql(soql: string): Query {
  try {
    return parseQuery(soql);
  } catch (error) {
    throw malformed(parseErrorMessage(error));
  }
}

function parseErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const found = /found --> '(.*?)' <--/s.exec(message) ?? /but found: '(.*?)'$/s.exec(message);
  if (found) return unexpectedToken(found[1] === '' ? '<EOF>' : (found[1] ?? '')).message;
  const redundant = /but found: (.*)$/s.exec(message);
  if (redundant) return unexpectedToken(redundant[1]?.trim() ?? '').message;
  const char = /unexpected character: ->(.)<-/s.exec(message);
  if (char)
    return `line 1:${/offset: (\d+)/.exec(message)?.[1] ?? '0'} no viable alternative at character '${char[1] ?? ''}'`;
  return message;
}

export function whereTree(where: WhereClause): BoolNode<ConditionWithValueQuery> {
  const tokens: Token<ConditionWithValueQuery>[] = [];
  flattenWhere(where, tokens);
  return new TreeBuilder(tokens).build();
}

export function havingTree(having: HavingClause): BoolNode<Condition> {
  const tokens: Token<ConditionWithValueQuery>[] = [];
  flattenWhere(having, tokens);
  // HAVING has no semi-joins, so every condition is a plain Condition.
  return new TreeBuilder(tokens as Token<Condition>[]).build();
}

/** True for the parser's `{left: null | {openParen}, operator: 'NOT'}` negation links. */
function isNegation(clause: WhereClause): boolean {
  if (!('operator' in clause) || clause.operator !== 'NOT') return false;
  const left = clause.left as Record<string, unknown> | null;
  return left === null || !('operator' in left);
}

function flattenWhere(clause: WhereClause, out: Token<ConditionWithValueQuery>[]): void {
  if (isNegation(clause)) {
    const left = clause.left as { openParen?: number } | null;
    pushParens(out, '(', left?.openParen);
    out.push({ kind: 'NOT' });
  } else {
    const cond = clause.left as ConditionWithValueQuery & OptionalParentheses;
    pushParens(out, '(', cond.openParen);
    out.push({ kind: 'cond', cond });
    pushParens(out, ')', cond.closeParen);
    if (!('operator' in clause)) return;
    if (clause.operator === 'NOT') throw unexpectedToken('NOT');
    out.push({ kind: clause.operator });
  }
  if ('right' in clause) flattenWhere(clause.right, out);
}

function pushParens<C>(out: Token<C>[], kind: '(' | ')', count: number | undefined): void {
  for (let i = 0; i < (count ?? 0); i++) out.push({ kind });
}

/** Recursive descent over the tokens. As in SOQL, AND and OR may not be mixed without parentheses. */
class TreeBuilder<C> {
  private pos = 0;

  public constructor(private readonly tokens: Token<C>[]) {}

  public build(): BoolNode<C> {
    const node = this.expression();
    const rest = this.tokens[this.pos];
    if (rest) throw unexpectedToken(rest.kind === 'cond' ? 'condition' : rest.kind);
    return node;
  }

  private expression(): BoolNode<C> {
    const first = this.unary();
    const next = this.tokens[this.pos];
    if (next?.kind !== 'AND' && next?.kind !== 'OR') return first;
    const kind = next.kind;
    const items = [first];
    while (this.tokens[this.pos]?.kind === kind) {
      this.pos++;
      items.push(this.unary());
    }
    const after = this.tokens[this.pos];
    if (after?.kind === 'AND' || after?.kind === 'OR') throw unexpectedToken(after.kind);
    return { kind: kind === 'AND' ? 'and' : 'or', items };
  }

  private unary(): BoolNode<C> {
    const token = this.tokens[this.pos++];
    if (!token) throw unexpectedToken('<EOF>');
    if (token.kind === 'NOT') return { kind: 'not', item: this.unary() };
    if (token.kind === 'cond') return { kind: 'cond', cond: token.cond };
    if (token.kind !== '(') throw unexpectedToken(token.kind);
    const inner = this.expression();
    if (this.tokens[this.pos]?.kind !== ')') throw unexpectedToken('<EOF>');
    this.pos++;
    return inner;
  }
}
