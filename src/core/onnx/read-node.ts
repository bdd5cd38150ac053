// A node as the reader makes it. Its input and output names are already in its graph's value table as ids
// (node-values.ts), so the string lists `inputs` and `outputs` are made only when someone asks for them: a
// 200,000-node graph read for a check would otherwise hold 400,000 arrays that the analyses, which work on ids,
// never look at. Everything else is a plain field, as in any Node.
import type { Attribute, Node, StringStringEntry } from './model';
import { none } from './empty-list';
import type { NodeValuesBuilder } from './node-values';

export class ReadNode implements Node {
  name = '';
  opType = '';
  domain = '';
  overload = '';
  attributes: Attribute[] = none();
  docString = '';
  metadataProps: StringStringEntry[] = none();
  // True private fields: not enumerable, so `{ ...node }` copies only a Node's own fields.
  #inputNames: string[] | undefined = undefined;
  #outputNames: string[] | undefined = undefined;
  readonly #table: NodeValuesBuilder;
  readonly #index: number;

  constructor(table: NodeValuesBuilder, index: number) {
    this.#table = table;
    this.#index = index;
  }

  get inputs(): string[] {
    return (this.#inputNames ??= this.#table.namesOf(this.#index, true));
  }

  get outputs(): string[] {
    return (this.#outputNames ??= this.#table.namesOf(this.#index, false));
  }

  /** The fields a plain Node has, as own properties (JSON, structured clone, spreading). */
  toJSON(): Node {
    return {
      name: this.name, opType: this.opType, domain: this.domain, overload: this.overload, inputs: this.inputs,
      outputs: this.outputs, attributes: this.attributes, docString: this.docString, metadataProps: this.metadataProps,
    };
  }
}
