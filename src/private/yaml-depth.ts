/**
 * A bound on how deeply YAML nests, checked while js-yaml reads the text.
 *
 * js-yaml composes nested collections recursively (`composeNode()` in js-yaml 4 `lib/loader.js`
 * calls itself through `readBlockSequence()`, `readBlockMapping()` and `readFlowCollection()`),
 * so deep enough text overflows the stack. Kubernetes objects nest a few dozen levels: the `plan`
 * command refuses text deeper than `MAX_YAML_DEPTH` with a clear message instead. js-yaml calls its
 * `listener` option with `'open'` before it reads each node and `'close'` after (`composeNode()`),
 * so the depth is counted there and the read stops at the first node too deep, before anything
 * deeper is read: 100,000 nested `[` are refused at once. Quotes, comments and block scalars are
 * text to js-yaml, so a `[` inside them never counts.
 */

/** The deepest nesting the `plan` command reads: far beyond any Kubernetes object, far below what overflows the reader. */
export const MAX_YAML_DEPTH = 256;

/** What the listener sees of js-yaml's state (js-yaml 4 `lib/loader.js`, `State`). */
export interface ReaderState {
  readonly line: number;
  readonly kind: string | null;
}

/** The message for nesting past `max`, at a line counting from 1. */
export function tooDeepMessage(line: number, max: number = MAX_YAML_DEPTH): string {
  return `YAML nests deeper than ${max} levels (line ${line}): the plan command reads at most ${max}; Kubernetes objects nest a few dozen`;
}

/** Thrown from the listener, out of js-yaml, when the text nests too deep. */
export class YamlTooDeep extends Error {
  /** @param line the line of the node too deep, counting from 1 */
  constructor(public readonly line: number, max: number) {
    super(tooDeepMessage(line, max));
  }
}

/**
 * The nesting of the nodes js-yaml reads, counted from its `open` and `close` events. A
 * collection's depth is the number of collections it is in, itself included; a scalar adds none.
 * A node opens at its parent's depth plus one, and only collections have children.
 *
 * One event pair may be no node of its own: in block context `composeNode()` first tries a block
 * mapping, whose `readBlockMapping()` reads the content as a key with a nested `composeNode()`; a
 * flow collection or a scalar not followed by `:` is then kept as the node itself ("Keep the
 * result of `composeNode`"). That happens at most once on a path from the root, where block
 * nesting gives way to a flow collection or a scalar (nothing in those is read as a block
 * mapping), so a node opening past `max + 2` is in a collection past `max`, and an empty
 * collection closing past `max + 1` is one: the bound refuses no text within `max`, and may let
 * text one level deeper through.
 */
export class NestingBound {
  /** The depth of the event being read: 1 for a document's root. */
  public depth = 0;

  /** @param max the deepest nesting allowed */
  constructor(private readonly max: number = MAX_YAML_DEPTH) {}

  /** A node begins. */
  public open(state: ReaderState): void {
    if (++this.depth > this.max + 2) { throw new YamlTooDeep(state.line + 1, this.max); }
  }

  /** A node ends. */
  public close(state: ReaderState): void {
    if (this.depth-- > this.max + 1 && (state.kind === 'sequence' || state.kind === 'mapping')) {
      throw new YamlTooDeep(state.line + 1, this.max);
    }
  }
}
