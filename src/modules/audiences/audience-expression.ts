// The audience expression language: a text form for people and a JSON form (AudienceNode) for the builder
// UI and storage, converting both ways. Text grammar (keywords case-insensitive, precedence not > and > or):
//
//   expression := or-expr | (empty: everyone in scope)
//   or-expr    := and-expr ('or' and-expr)*
//   and-expr   := unary ('and' unary)*
//   unary      := 'not' unary | '(' or-expr ')' | call | condition
//   call       := has_product '(' string ')' | in_segment '(' string ')' | all '(' ')'
//   condition  := tag ( op literal | ['not'] 'in' '(' literal (',' literal)* ')' | 'between' num 'and' num )?
//   op         := '=' | '!=' | '<>' | '<' | '<=' | '>' | '>='
//   literal    := 'string' ('' escapes a quote) | number | true | false
//
// A bare boolean tag (`is_payroll`) means `is_payroll = true`. Tags, values and operators are checked
// against the fields the caller knows; errors carry the position, what was expected and suggestions.
import { z } from 'zod';
import { ValidationError } from '../../platform/errors.ts';
import { suggest } from './audience-expression-suggest.ts';

/** A field an audience expression may reference (a tag or a system column). */
export interface AudienceField {
  id: string;
  kind: 'enum' | 'boolean' | 'numeric';
  /** Allowed values of an enum; when absent any string is accepted. */
  values?: string[];
  label?: { zh: string; en: string };
}

/** Comparison operators of the `cmp` node. */
export type AudienceComparison = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** The JSON form of an audience expression. */
export type AudienceNode =
  | { op: 'and' | 'or'; args: AudienceNode[] }
  | { op: 'not'; arg: AudienceNode }
  | { op: 'in' | 'not_in'; field: string; values: (string | boolean)[] }
  | { op: 'cmp'; field: string; cmp: AudienceComparison; value: string | number | boolean }
  | { op: 'between'; field: string; low: number; high: number }
  | { op: 'has_product'; category: string }
  | { op: 'in_segment'; segment: string }
  | { op: 'all' };

/** Where an expression error is and what would have been accepted there. */
export interface AudienceExpressionErrorDetails {
  /** 0-based character offset in the text; −1 for errors in the JSON form. */
  position: number;
  /** 1-based line and column of `position` (0 for the JSON form). */
  line: number;
  column: number;
  expected: string[];
  suggestions: string[];
  /** JSON path of the offending part, for the JSON form (e.g. `$.args[1].values[0]`). */
  path?: string;
}

/** A parse or validation error of an audience expression (HTTP 400, code EXPRESSION). */
export class AudienceExpressionError extends ValidationError {
  override readonly code = 'EXPRESSION';
  /** 0-based offset in the text, −1 for the JSON form. */
  readonly position: number;
  readonly line: number;
  readonly column: number;
  readonly expected: string[];
  readonly suggestions: string[];
  readonly path?: string;

  constructor(message: string, details: AudienceExpressionErrorDetails) {
    super(message, details);
    this.position = details.position;
    this.line = details.line;
    this.column = details.column;
    this.expected = details.expected;
    this.suggestions = details.suggestions;
    this.path = details.path;
  }
}

/** Longest expression text accepted; protects the parser and the index from pathological input. */
export const MAX_EXPRESSION_LENGTH = 20_000;
/** Deepest nesting of groups accepted. */
export const MAX_EXPRESSION_DEPTH = 64;

const COMPARISONS: readonly AudienceComparison[] = ['=', '!=', '<', '<=', '>', '>='];

// ---------------------------------------------------------------------------------------------------------
// Semantic checks shared by the text parser and the JSON validator. They return a problem description;
// each caller turns it into an error at a text position or a JSON path.

interface Problem {
  message: string;
  expected: string[];
  suggestions: string[];
  /** Which part of the node is wrong, so callers can point at it. */
  at: 'field' | 'value' | 'operator' | 'category';
  /** Index into `values` for `in` lists. */
  index?: number;
}

function quote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function describeLiteral(v: unknown): string {
  if (typeof v === 'string') return `string ${quote(v)}`;
  if (typeof v === 'boolean') return `boolean ${v}`;
  return `number ${String(v)}`;
}

function lookupField(id: string, fields: ReadonlyMap<string, AudienceField>): AudienceField | Problem {
  const field = fields.get(id);
  if (field) return field;
  const suggestions = suggest(id, fields.keys());
  return {
    message: `unknown tag "${id}"${suggestions.length ? ` — did you mean "${suggestions[0]}"?` : ''}`,
    expected: ['a tag id'],
    suggestions,
    at: 'field',
  };
}

/** Checks one literal against a field's kind and allowed values. */
function checkLiteral(field: AudienceField, value: unknown, index?: number): Problem | null {
  if (field.kind === 'numeric') {
    if (typeof value === 'number' && Number.isFinite(value)) return null;
    return {
      message: `tag "${field.id}" is numeric: expected a number, got ${describeLiteral(value)}`,
      expected: ['a number'],
      suggestions: [],
      at: 'value',
      index,
    };
  }
  if (field.kind === 'boolean') {
    if (typeof value === 'boolean') return null;
    return {
      message: `tag "${field.id}" is boolean: expected true or false, got ${describeLiteral(value)}`,
      expected: ['true', 'false'],
      suggestions: typeof value === 'string' && /^(true|false)$/i.test(value) ? [value.toLowerCase()] : [],
      at: 'value',
      index,
    };
  }
  if (typeof value !== 'string') {
    return {
      message: `tag "${field.id}" is an enum: expected a quoted value, got ${describeLiteral(value)}`,
      expected: field.values?.length ? field.values.map(quote) : ['a quoted string'],
      suggestions: field.values ? suggest(String(value), field.values) : [],
      at: 'value',
      index,
    };
  }
  if (field.values && !field.values.includes(value)) {
    const suggestions = suggest(value, field.values);
    return {
      message:
        `unknown value ${quote(value)} for tag "${field.id}"` +
        (suggestions.length
          ? ` — did you mean ${quote(suggestions[0])}?`
          : ` (values: ${field.values.map(quote).join(', ')})`),
      expected: field.values.map(quote),
      suggestions,
      at: 'value',
      index,
    };
  }
  return null;
}

function operatorsOf(field: AudienceField): string[] {
  return field.kind === 'numeric'
    ? [...COMPARISONS, 'between']
    : ['=', '!=', 'in', 'not in', ...(field.kind === 'boolean' ? ['(nothing: means = true)'] : [])];
}

/** Semantic check of a leaf node whose shape is already valid; null when it is fine. */
function checkLeaf(node: AudienceNode, fields: ReadonlyMap<string, AudienceField>): Problem | null {
  switch (node.op) {
    case 'cmp': {
      const field = lookupField(node.field, fields);
      if ('message' in field) return field;
      if (field.kind !== 'numeric' && node.cmp !== '=' && node.cmp !== '!=') {
        return {
          message: `operator ${node.cmp} does not apply to ${field.kind} tag "${field.id}"; use =, != or in (…)`,
          expected: operatorsOf(field),
          suggestions: [],
          at: 'operator',
        };
      }
      return checkLiteral(field, node.value);
    }
    case 'in':
    case 'not_in': {
      const field = lookupField(node.field, fields);
      if ('message' in field) return field;
      if (field.kind === 'numeric') {
        return {
          message: `${node.op === 'in' ? 'in' : 'not in'} (…) does not apply to numeric tag "${field.id}"; use between or a comparison`,
          expected: operatorsOf(field),
          suggestions: ['between'],
          at: 'operator',
        };
      }
      if (node.values.length === 0) {
        return {
          message: 'an in (…) list needs at least one value',
          expected: ['a value'],
          suggestions: [],
          at: 'value',
        };
      }
      for (let i = 0; i < node.values.length; i++) {
        const p = checkLiteral(field, node.values[i], i);
        if (p) return p;
      }
      return null;
    }
    case 'between': {
      const field = lookupField(node.field, fields);
      if ('message' in field) return field;
      if (field.kind !== 'numeric') {
        return {
          message: `between does not apply to ${field.kind} tag "${field.id}"; use =, != or in (…)`,
          expected: operatorsOf(field),
          suggestions: ['in'],
          at: 'operator',
        };
      }
      if (node.low > node.high) {
        return {
          message: `between ${node.low} and ${node.high}: the low end is greater than the high end`,
          expected: [`a number ≥ ${node.low}`],
          suggestions: [],
          at: 'value',
          index: 1,
        };
      }
      return null;
    }
    case 'has_product': {
      const id = `holds_${node.category}`;
      const field = fields.get(id);
      if (field && field.kind === 'boolean') return null;
      const categories = [...fields.values()]
        .filter((f) => f.kind === 'boolean' && f.id.startsWith('holds_'))
        .map((f) => f.id.slice('holds_'.length));
      const suggestions = suggest(node.category, categories);
      return {
        message:
          `unknown product category ${quote(node.category)}` +
          (suggestions.length ? ` — did you mean ${quote(suggestions[0])}?` : ` (no boolean tag ${id})`),
        expected: categories.map(quote),
        suggestions,
        at: 'category',
      };
    }
    case 'in_segment':
      return node.segment.trim() === ''
        ? {
            message: 'in_segment needs a segment name',
            expected: ['a segment name'],
            suggestions: [],
            at: 'category',
          }
        : null;
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Tokenizer

type TokenType = 'ident' | 'string' | 'number' | 'op' | '(' | ')' | ',' | 'eof';

interface Token {
  type: TokenType;
  /** Identifier / operator text, string contents, or number source. */
  text: string;
  start: number;
  end: number;
  number?: number;
}

function lineColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

function textError(
  text: string,
  position: number,
  message: string,
  expected: string[] = [],
  suggestions: string[] = [],
): AudienceExpressionError {
  const { line, column } = lineColumn(text, position);
  return new AudienceExpressionError(`${message} (line ${line}, column ${column})`, {
    position,
    line,
    column,
    expected,
    suggestions,
  });
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;
const DIGIT = /[0-9]/;
const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (IDENT_START.test(ch)) {
      while (i < text.length && IDENT_PART.test(text[i])) i++;
      tokens.push({ type: 'ident', text: text.slice(start, i), start, end: i });
    } else if (DIGIT.test(ch) || ((ch === '-' || ch === '.') && /[0-9.]/.test(text[i + 1] ?? ''))) {
      const m = NUMBER.exec(text.slice(i));
      if (!m) throw textError(text, start, `malformed number`, ['a number']);
      i += m[0].length;
      if (i < text.length && IDENT_PART.test(text[i])) {
        throw textError(text, start, `malformed number "${text.slice(start, i + 1)}"`, ['a number']);
      }
      tokens.push({ type: 'number', text: m[0], start, end: i, number: Number(m[0]) });
    } else if (ch === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) {
          throw textError(text, start, 'unterminated string: a closing quote is missing', ["'"]);
        }
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      tokens.push({ type: 'string', text: value, start, end: i });
    } else if (ch === '"' || ch === '‘' || ch === '’' || ch === '“' || ch === '”') {
      throw textError(text, start, `strings use straight single quotes ('…'), not ${ch}`, ["'"]);
    } else if ('()'.includes(ch) || ch === ',') {
      i++;
      tokens.push({ type: ch as '(' | ')' | ',', text: ch, start, end: i });
    } else if (ch === '（' || ch === '）' || ch === '，') {
      throw textError(text, start, `full-width "${ch}": use the ASCII character instead`, [
        ch === '（' ? '(' : ch === '）' ? ')' : ',',
      ]);
    } else if ('=<>!'.includes(ch)) {
      const two = text.slice(i, i + 2);
      let op: string;
      if (two === '<=' || two === '>=' || two === '!=' || two === '<>' || two === '==') {
        op = two === '<>' ? '!=' : two === '==' ? '=' : two;
        i += 2;
      } else if (ch === '!') {
        throw textError(text, start, 'unexpected "!": did you mean != ?', ['!=']);
      } else {
        op = ch;
        i++;
      }
      tokens.push({ type: 'op', text: op, start, end: i });
    } else {
      throw textError(
        text,
        start,
        /[^\x00-\x7f]/.test(ch)
          ? `unexpected character "${ch}": tag ids are snake_case; put values in single quotes`
          : `unexpected character "${ch}"`,
        ['a tag id', "'…'", '('],
      );
    }
  }
  tokens.push({ type: 'eof', text: '', start: text.length, end: text.length });
  return tokens;
}

// ---------------------------------------------------------------------------------------------------------
// Parser

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'between']);
const CONDITION_START = ['a tag id', 'not', '(', "has_product('…')", "in_segment('…')"];
const AFTER_CONDITION = ['and', 'or', ')', 'end of expression'];

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
    private readonly fields: ReadonlyMap<string, AudienceField>,
  ) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    const t = this.peek();
    if (t.type !== 'eof') this.pos++;
    return t;
  }

  private isKeyword(t: Token, word: string): boolean {
    return t.type === 'ident' && t.text.toLowerCase() === word;
  }

  private describe(t: Token): string {
    if (t.type === 'eof') return 'the end of the expression';
    if (t.type === 'string') return `string ${quote(t.text)}`;
    return `"${t.text}"`;
  }

  private fail(t: Token, what: string, expected: string[], suggestions: string[] = []): never {
    throw textError(this.text, t.start, `expected ${what}, got ${this.describe(t)}`, expected, suggestions);
  }

  private expect(type: TokenType, what: string, expected: string[]): Token {
    const t = this.peek();
    if (t.type !== type) this.fail(t, what, expected);
    return this.next();
  }

  parse(): AudienceNode {
    if (this.peek().type === 'eof') return { op: 'all' };
    const node = this.orExpr();
    const t = this.peek();
    if (t.type !== 'eof') {
      this.fail(
        t,
        t.type === ')' ? 'end of expression (unbalanced ")")' : 'and, or, or the end',
        AFTER_CONDITION,
      );
    }
    return node;
  }

  private orExpr(): AudienceNode {
    const args = [this.andExpr()];
    while (this.isKeyword(this.peek(), 'or')) {
      this.next();
      args.push(this.andExpr());
    }
    return args.length === 1 ? args[0] : { op: 'or', args };
  }

  private andExpr(): AudienceNode {
    const args = [this.unary()];
    while (this.isKeyword(this.peek(), 'and')) {
      this.next();
      args.push(this.unary());
    }
    return args.length === 1 ? args[0] : { op: 'and', args };
  }

  private unary(): AudienceNode {
    const t = this.peek();
    if (this.isKeyword(t, 'not')) {
      this.next();
      return this.nested(t, () => ({ op: 'not', arg: this.unary() }));
    }
    if (t.type === '(') {
      this.next();
      const node = this.nested(t, () => this.orExpr());
      const close = this.peek();
      if (close.type !== ')')
        this.fail(close, '")" to close the "(" at column ' + lineColumn(this.text, t.start).column, [
          ')',
          'and',
          'or',
        ]);
      this.next();
      return node;
    }
    if (t.type === 'ident' && this.peek(1).type === '(') {
      const name = t.text.toLowerCase();
      if (name === 'has_product' || name === 'in_segment' || name === 'all') return this.call(name);
      this.fail(
        this.peek(1),
        `an operator after tag "${t.text}"`,
        ['=', '!=', 'in', 'between', '<', '>'],
        suggest(name, ['has_product', 'in_segment']),
      );
    }
    if (t.type === 'ident') {
      if (KEYWORDS.has(t.text.toLowerCase()) && t.text.toLowerCase() !== 'not') {
        this.fail(t, 'a condition', CONDITION_START);
      }
      return this.condition();
    }
    return this.fail(t, 'a condition', CONDITION_START);
  }

  private nested<T>(at: Token, parse: () => T): T {
    if (++this.depth > MAX_EXPRESSION_DEPTH) {
      throw textError(this.text, at.start, `expression nested deeper than ${MAX_EXPRESSION_DEPTH} levels`);
    }
    const result = parse();
    this.depth--;
    return result;
  }

  private call(fn: string): AudienceNode {
    this.next(); // name
    this.next(); // (
    if (fn === 'all') {
      this.expect(')', '")": all() takes no argument', [')']);
      return { op: 'all' };
    }
    const arg = this.expect(
      'string',
      `a quoted ${fn === 'has_product' ? 'product category' : 'segment name'}`,
      ["'…'"],
    );
    this.expect(')', '")"', [')']);
    const node: AudienceNode =
      fn === 'has_product'
        ? { op: 'has_product', category: arg.text }
        : { op: 'in_segment', segment: arg.text };
    const problem = checkLeaf(node, this.fields);
    if (problem)
      throw textError(this.text, arg.start, problem.message, problem.expected, problem.suggestions);
    return node;
  }

  private literal(): { value: string | number | boolean; token: Token } {
    const t = this.peek();
    if (t.type === 'string') return { value: this.next().text, token: t };
    if (t.type === 'number') {
      this.next();
      return { value: t.number === 0 ? 0 : t.number!, token: t };
    }
    if (this.isKeyword(t, 'true') || this.isKeyword(t, 'false')) {
      this.next();
      return { value: t.text.toLowerCase() === 'true', token: t };
    }
    if (t.type === 'ident' && this.fields.has(t.text)) {
      throw textError(
        this.text,
        t.start,
        `expected a value, got tag "${t.text}": a tag can only be compared with a constant`,
        ["'…'", 'a number', 'true', 'false'],
      );
    }
    if (t.type === 'ident' && !KEYWORDS.has(t.text.toLowerCase())) {
      // An unquoted word where a value belongs: the commonest mistake, so say exactly what to write.
      throw textError(
        this.text,
        t.start,
        `expected a value, got "${t.text}": quote text values, e.g. '${t.text}'`,
        ["'…'", 'a number', 'true', 'false'],
        [quote(t.text)],
      );
    }
    return this.fail(t, 'a value', ["'…'", 'a number', 'true', 'false']);
  }

  private condition(): AudienceNode {
    const fieldToken = this.next();
    const found = lookupField(fieldToken.text, this.fields);
    if ('message' in found) {
      throw textError(this.text, fieldToken.start, found.message, found.expected, found.suggestions);
    }
    const field = found;
    const t = this.peek();
    let node: AudienceNode;
    const tokensOfValues: Token[] = [];
    let operatorToken = t;

    if (t.type === 'op') {
      this.next();
      const { value, token } = this.literal();
      tokensOfValues.push(token);
      node = { op: 'cmp', field: field.id, cmp: t.text as AudienceComparison, value };
    } else if (this.isKeyword(t, 'in') || (this.isKeyword(t, 'not') && this.isKeyword(this.peek(1), 'in'))) {
      const negated = this.isKeyword(t, 'not');
      this.next();
      if (negated) this.next();
      this.expect('(', '"(" to start the list of values', ['(']);
      const values: (string | boolean)[] = [];
      for (;;) {
        const { value, token } = this.literal();
        tokensOfValues.push(token);
        if (typeof value === 'number') {
          // Checked here because the JSON form has no numbers in lists.
          const p = checkLiteral(field, value) ?? {
            message: `in (…) does not apply to numeric tag "${field.id}"; use between or a comparison`,
            expected: operatorsOf(field),
            suggestions: ['between'],
          };
          throw textError(
            this.text,
            field.kind === 'numeric' ? t.start : token.start,
            p.message,
            p.expected,
            p.suggestions,
          );
        }
        values.push(value);
        const sep = this.peek();
        if (sep.type === ',') {
          this.next();
          continue;
        }
        if (sep.type === ')') {
          this.next();
          break;
        }
        this.fail(sep, '"," or ")" in the list of values', [',', ')']);
      }
      node = { op: negated ? 'not_in' : 'in', field: field.id, values };
    } else if (this.isKeyword(t, 'between')) {
      this.next();
      const low = this.literal();
      const and = this.peek();
      if (!this.isKeyword(and, 'and')) this.fail(and, '"and" between the two ends', ['and']);
      this.next();
      const high = this.literal();
      tokensOfValues.push(low.token, high.token);
      for (const end of [low, high]) {
        if (typeof end.value !== 'number') {
          const message =
            field.kind === 'numeric'
              ? `tag "${field.id}" is numeric: expected a number, got ${describeLiteral(end.value)}`
              : `between does not apply to ${field.kind} tag "${field.id}"; use =, != or in (…)`;
          throw textError(
            this.text,
            field.kind === 'numeric' ? end.token.start : t.start,
            message,
            field.kind === 'numeric' ? ['a number'] : operatorsOf(field),
          );
        }
      }
      node = { op: 'between', field: field.id, low: low.value as number, high: high.value as number };
    } else if (field.kind === 'boolean') {
      // A bare boolean tag means "= true".
      operatorToken = fieldToken;
      node = { op: 'cmp', field: field.id, cmp: '=', value: true };
    } else {
      return this.fail(t, `an operator after ${field.kind} tag "${field.id}"`, operatorsOf(field));
    }

    const problem = checkLeaf(node, this.fields);
    if (problem) {
      const at =
        problem.at === 'value'
          ? (tokensOfValues[problem.index ?? 0] ?? operatorToken)
          : problem.at === 'field'
            ? fieldToken
            : operatorToken;
      throw textError(this.text, at.start, problem.message, problem.expected, problem.suggestions);
    }
    return node;
  }
}

/**
 * Parses the text form into the JSON form, checking tags, values and operators against `fields`.
 * Empty text means everyone in scope (`{ op: 'all' }`). Throws AudienceExpressionError.
 */
export function parseAudience(text: string, fields: ReadonlyMap<string, AudienceField>): AudienceNode {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw textError(
      text,
      MAX_EXPRESSION_LENGTH,
      `expression longer than ${MAX_EXPRESSION_LENGTH} characters`,
    );
  }
  return new Parser(text, tokenize(text), fields).parse();
}

// ---------------------------------------------------------------------------------------------------------
// JSON form

const fieldId = z.string().min(1).max(128);
const literalValue = z.union([z.string().max(1000), z.number(), z.boolean()]);

/** Zod schema of the JSON form's shape (semantic checks are in validateAudience). */
export const audienceNodeSchema: z.ZodType<AudienceNode> = z.lazy(() =>
  z.discriminatedUnion('op', [
    z.object({ op: z.literal('and'), args: z.array(audienceNodeSchema).max(1000) }),
    z.object({ op: z.literal('or'), args: z.array(audienceNodeSchema).max(1000) }),
    z.object({ op: z.literal('not'), arg: audienceNodeSchema }),
    z.object({
      op: z.literal('in'),
      field: fieldId,
      values: z.array(z.union([z.string().max(1000), z.boolean()])).max(1000),
    }),
    z.object({
      op: z.literal('not_in'),
      field: fieldId,
      values: z.array(z.union([z.string().max(1000), z.boolean()])).max(1000),
    }),
    z.object({
      op: z.literal('cmp'),
      field: fieldId,
      cmp: z.enum(['=', '!=', '<', '<=', '>', '>=']),
      value: literalValue,
    }),
    z.object({ op: z.literal('between'), field: fieldId, low: z.number(), high: z.number() }),
    z.object({ op: z.literal('has_product'), category: z.string().min(1).max(128) }),
    z.object({ op: z.literal('in_segment'), segment: z.string().min(1).max(200) }),
    z.object({ op: z.literal('all') }),
  ]),
);

function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : `${s}.${String(k)}`), '$');
}

function jsonError(
  path: readonly PropertyKey[],
  message: string,
  expected: string[] = [],
  suggestions: string[] = [],
) {
  const where = jsonPath(path);
  return new AudienceExpressionError(`${message} at ${where}`, {
    position: -1,
    line: 0,
    column: 0,
    expected,
    suggestions,
    path: where,
  });
}

/** Normalises a validated tree: single-member groups collapse, an empty `and` is everyone, −0 is 0. */
function normalise(node: AudienceNode, path: PropertyKey[], depth: number): AudienceNode {
  if (depth > MAX_EXPRESSION_DEPTH)
    throw jsonError(path, `expression nested deeper than ${MAX_EXPRESSION_DEPTH} levels`);
  switch (node.op) {
    case 'and':
    case 'or': {
      if (node.args.length === 0) {
        if (node.op === 'and') return { op: 'all' };
        throw jsonError([...path, 'args'], 'an or group needs at least one condition', ['a condition']);
      }
      const args = node.args.map((a, i) => normalise(a, [...path, 'args', i], depth + 1));
      return args.length === 1 ? args[0] : { op: node.op, args };
    }
    case 'not':
      return { op: 'not', arg: normalise(node.arg, [...path, 'arg'], depth + 1) };
    case 'cmp':
      return node.value === 0 ? { ...node, value: 0 } : node;
    case 'between':
      return { ...node, low: node.low === 0 ? 0 : node.low, high: node.high === 0 ? 0 : node.high };
    default:
      return node;
  }
}

function checkTree(
  node: AudienceNode,
  fields: ReadonlyMap<string, AudienceField>,
  path: PropertyKey[],
): void {
  if (node.op === 'and' || node.op === 'or') {
    node.args.forEach((a, i) => checkTree(a, fields, [...path, 'args', i]));
    return;
  }
  if (node.op === 'not') {
    checkTree(node.arg, fields, [...path, 'arg']);
    return;
  }
  const problem = checkLeaf(node, fields);
  if (!problem) return;
  const key: PropertyKey[] =
    problem.at === 'field'
      ? ['field']
      : problem.at === 'operator'
        ? [node.op === 'cmp' ? 'cmp' : 'op']
        : problem.at === 'category'
          ? [node.op === 'has_product' ? 'category' : 'segment']
          : node.op === 'in' || node.op === 'not_in'
            ? ['values', problem.index ?? 0]
            : node.op === 'between'
              ? [problem.index === 1 ? 'high' : 'low']
              : ['value'];
  throw jsonError([...path, ...key], problem.message, problem.expected, problem.suggestions);
}

/**
 * Validates the JSON form: its shape (zod), then the same tag, value and operator rules as the parser.
 * Returns a normalised copy (unknown keys dropped, one-member groups collapsed); errors name the JSON path.
 */
export function validateAudience(node: unknown, fields: ReadonlyMap<string, AudienceField>): AudienceNode {
  const parsed = audienceNodeSchema.safeParse(node);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const expected =
      issue.code === 'invalid_union' && issue.path.length >= 0
        ? ['and', 'or', 'not', 'in', 'not_in', 'cmp', 'between', 'has_product', 'in_segment', 'all']
        : [];
    throw jsonError(issue.path, issue.message, issue.code === 'invalid_union' ? expected : []);
  }
  const normalised = normalise(parsed.data, [], 0);
  checkTree(normalised, fields, []);
  return normalised;
}

// ---------------------------------------------------------------------------------------------------------
// Printing

function formatNumber(n: number): string {
  return Object.is(n, -0) ? '0' : String(n);
}

function formatLiteral(v: string | number | boolean): string {
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number') return formatNumber(v);
  return v ? 'true' : 'false';
}

function print(node: AudienceNode, nested: boolean): string {
  switch (node.op) {
    case 'all':
      return nested ? 'all()' : '';
    case 'and':
    case 'or': {
      if (node.args.length === 1) return print(node.args[0], nested);
      const parts = node.args.map((a) => {
        const text = print(a, true);
        // `and` binds tighter than `or`, so only same-operator nesting (kept as written) and an `or`
        // inside an `and` need parentheses.
        const needs = a.op === node.op || (node.op === 'and' && a.op === 'or');
        return needs && (a.op === 'and' || a.op === 'or') && a.args.length > 1 ? `(${text})` : text;
      });
      return parts.join(` ${node.op} `);
    }
    case 'not': {
      const inner = print(node.arg, true);
      const group = (node.arg.op === 'and' || node.arg.op === 'or') && node.arg.args.length > 1;
      return group ? `not (${inner})` : `not ${inner}`;
    }
    case 'in':
    case 'not_in':
      return `${node.field} ${node.op === 'in' ? 'in' : 'not in'} (${node.values.map(formatLiteral).join(', ')})`;
    case 'cmp':
      return `${node.field} ${node.cmp} ${formatLiteral(node.value)}`;
    case 'between':
      return `${node.field} between ${formatNumber(node.low)} and ${formatNumber(node.high)}`;
    case 'has_product':
      return `has_product(${quote(node.category)})`;
    case 'in_segment':
      return `in_segment(${quote(node.segment)})`;
  }
}

/** Prints the text form with minimal parentheses; `parseAudience(audienceToText(n))` gives back `n`. */
export function audienceToText(node: AudienceNode): string {
  return print(node, false);
}

/** The tag ids an expression reads (has_product counts as its holds_<category> tag), sorted. */
export function referencedFields(node: AudienceNode): string[] {
  const out = new Set<string>();
  const walk = (n: AudienceNode): void => {
    if (n.op === 'and' || n.op === 'or') n.args.forEach(walk);
    else if (n.op === 'not') walk(n.arg);
    else if (n.op === 'has_product') out.add(`holds_${n.category}`);
    else if ('field' in n) out.add(n.field);
  };
  walk(node);
  return [...out].sort();
}

/** The segment names an expression refers to through in_segment (to detect cycles), sorted. */
export function referencedSegments(node: AudienceNode): string[] {
  const out = new Set<string>();
  const walk = (n: AudienceNode): void => {
    if (n.op === 'and' || n.op === 'or') n.args.forEach(walk);
    else if (n.op === 'not') walk(n.arg);
    else if (n.op === 'in_segment') out.add(n.segment);
  };
  walk(node);
  return [...out].sort();
}
