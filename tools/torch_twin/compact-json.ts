/**
 * JSON with one line per small value: objects and arrays whose one-line form fits in `width`
 * characters (indent not counted) stay on one line, larger ones break one member per line. specs.json holds a few hundred parameter
 * specs; one spec per line keeps the file readable and its diffs one line per changed spec.
 */
export function compactJson(value: unknown, width = 180, indent = ''): string {
  const flat = JSON.stringify(value);
  if (flat === undefined) throw new Error('compactJson: value is not JSON');
  if (value === null || typeof value !== 'object' || flat.length <= width) return flat;
  const inner = indent + '  ';
  const items = Array.isArray(value)
    ? value.map((v) => inner + compactJson(v, width, inner))
    : Object.entries(value).map(
        ([k, v]) => `${inner}${JSON.stringify(k)}: ${compactJson(v, width, inner)}`,
      );
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${items.join(',\n')}\n${indent}${close}`;
}
