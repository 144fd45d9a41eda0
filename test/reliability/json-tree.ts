// JSON as a tree that can say what JSON.stringify cannot: duplicate keys, numbers such as
// 1e999 or -0 as written, nesting tens of thousands deep. Hostile bodies are a valid
// request's tree with a few edits applied, then serialized to the exact text sent.

export type JsonNode =
  | { t: 'raw'; text: string }
  | { t: 'obj'; entries: [string, JsonNode][] }
  | { t: 'arr'; items: JsonNode[] };

export const raw = (text: string): JsonNode => ({ t: 'raw', text });

export const fromValue = (value: unknown): JsonNode => {
  if (Array.isArray(value)) return { t: 'arr', items: value.map(fromValue) };
  if (value !== null && typeof value === 'object') return { t: 'obj', entries: Object.entries(value).map(([k, v]) => [k, fromValue(v)]) };
  return raw(JSON.stringify(value) ?? 'null');
};

/** The exact body text; lone surrogates come out as \ud800-style escapes, as JSON.stringify writes them. */
export const serialize = (node: JsonNode): string => {
  switch (node.t) {
    case 'raw':
      return node.text;
    case 'arr':
      return `[${node.items.map(serialize).join(',')}]`;
    case 'obj':
      return `{${node.entries.map(([k, v]) => `${JSON.stringify(k)}:${serialize(v)}`).join(',')}}`;
  }
};

export type Edit =
  /** Put a hostile value where a node was. */
  | { op: 'replace'; at: number; value: JsonNode }
  /** Drop a member or item. */
  | { op: 'delete'; at: number }
  /** Add a member to an object. */
  | { op: 'add'; at: number; key: string; value: JsonNode }
  /** Repeat a member's key with another value, before or after the original (duplicate keys). */
  | { op: 'dup'; at: number; value: JsonNode; before: boolean }
  /** Wrap a node in an array or an object. */
  | { op: 'wrap'; at: number; inArray: boolean };

type Path = number[];

const children = (node: JsonNode): JsonNode[] => (node.t === 'obj' ? node.entries.map(([, v]) => v) : node.t === 'arr' ? node.items : []);

const paths = (node: JsonNode, prefix: Path = []): Path[] => [prefix, ...children(node).flatMap((child, i) => paths(child, [...prefix, i]))];

const at = (root: JsonNode, path: Path): JsonNode => path.reduce((node, i) => children(node)[i], root);

const replaceAt = (root: JsonNode, path: Path, value: JsonNode): JsonNode => {
  if (path.length === 0) return value;
  const parent = at(root, path.slice(0, -1));
  const i = path[path.length - 1];
  if (parent.t === 'obj') parent.entries[i] = [parent.entries[i][0], value];
  else if (parent.t === 'arr') parent.items[i] = value;
  return root;
};

const clone = (node: JsonNode): JsonNode =>
  node.t === 'raw' ? node : node.t === 'arr' ? { t: 'arr', items: node.items.map(clone) } : { t: 'obj', entries: node.entries.map(([k, v]) => [k, clone(v)]) };

/** Applies edits in order to a copy; an edit that has nothing to act on is skipped. */
export const applyEdits = (root: JsonNode, edits: readonly Edit[]): JsonNode => {
  let tree = clone(root);
  for (const edit of edits) {
    const all = paths(tree);
    const inner = all.filter((p) => p.length > 0);
    switch (edit.op) {
      case 'replace':
        tree = replaceAt(tree, all[edit.at % all.length], edit.value);
        break;
      case 'wrap': {
        const path = all[edit.at % all.length];
        const node = at(tree, path);
        tree = replaceAt(tree, path, edit.inArray ? { t: 'arr', items: [node] } : { t: 'obj', entries: [['value', node]] });
        break;
      }
      case 'add': {
        const objects = all.filter((p) => at(tree, p).t === 'obj');
        if (!objects.length) break;
        const target = at(tree, objects[edit.at % objects.length]) as Extract<JsonNode, { t: 'obj' }>;
        target.entries.push([edit.key, edit.value]);
        break;
      }
      case 'delete':
      case 'dup': {
        if (!inner.length) break;
        const path = inner[edit.at % inner.length];
        const parent = at(tree, path.slice(0, -1));
        const i = path[path.length - 1];
        if (edit.op === 'delete') {
          if (parent.t === 'obj') parent.entries.splice(i, 1);
          else if (parent.t === 'arr') parent.items.splice(i, 1);
        } else if (parent.t === 'obj') {
          parent.entries.splice(edit.before ? i : i + 1, 0, [parent.entries[i][0], edit.value]);
        }
        break;
      }
    }
  }
  return tree;
};
