/**
 * JSON laid out for both a program and a person: objects one key a line, indented, but arrays
 * of plain values (a column of losses, a shape) on one line. JSON.stringify(v, null, 1) would
 * give every number of every column its own line, most of a file's bytes being indentation.
 * Same value semantics as JSON.stringify (undefined keys dropped, non-finite numbers null).
 */

const isPlain = (x: unknown): boolean => x === null || typeof x !== 'object';

export function compactJson(value: unknown, indent = ''): string {
  const inner = `${indent} `;
  if (Array.isArray(value)) {
    if (value.every(isPlain) || value.length === 0) return JSON.stringify(value);
    return `[\n${value.map((x) => inner + compactJson(x, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(
      ([, v]) => v !== undefined && typeof v !== 'function',
    );
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${compactJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
