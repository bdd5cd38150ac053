// The values a graph's nodes read and write, as small integer ids: every distinct value name gets one id, and each
// node's inputs and outputs are runs of ids in two flat arrays. Analyses that follow edges (the decomposition scan,
// quantization accounting) work on ids and typed arrays instead of hashing names again and again.
//
// The reader makes the table while it decodes the nodes, hashing each name's bytes once — it already does to reuse
// repeated strings — so a model read from a file costs no second pass over its names. A node list built in memory
// gets its table from its strings, through the same hash table, on first use.
import { hashAsciiBytes, hashAsciiString } from './ascii-hash';
import { none } from './empty-list';
import type { Node } from './model';

type Decoder = (buf: Uint8Array, start: number, end: number) => string;

const EMPTY_SLOT = 0;
/** Distinct names sharing one full 32-bit hash before the table gives up hashing (see `flooded`). */
const MAX_SAME_HASH = 32;

/** Distinct value names and their ids: an open-addressing hash table over FNV-1a of the name (ascii-hash.ts: for
 *  ASCII names its char codes are its bytes, so names seen as bytes and as strings meet in one table). */
export class ValueNames {
  /** id → name. */
  readonly names: string[] = [];
  /** slot → id + 1 (0: empty). */
  private slots: Int32Array = new Int32Array(16);
  /** id → hash, so growing rehashes nothing. */
  private hashes: Int32Array = new Int32Array(16);
  /** Names with a non-ASCII character (rare): their bytes are not their char codes, so a Map keeps them. */
  private readonly wide = new Map<string, number>();
  /** Set when a file's names collide on purpose (FNV-1a collisions are cheap to forge): every name then lives in
   *  `wide`, whose hashing V8 seeds per process, so a hostile model cannot make reading it quadratic. */
  private flooded = false;

  /** True once forged collisions made the table fall back to a Map. */
  get degraded(): boolean {
    return this.flooded;
  }

  get size(): number {
    return this.names.length;
  }

  /** The name of id `id`. */
  nameOf(id: number): string {
    return this.names[id]!;
  }

  /** The id of the name spelled by buf[start, start + len), made on first sight (decoded by `ascii` or `utf8`). */
  internBytes(buf: Uint8Array, start: number, len: number, ascii: Decoder, utf8: Decoder): number {
    const hash = hashAsciiBytes(buf, start, len);
    if (hash === undefined) return this.internWide(utf8(buf, start, start + len));
    if (this.flooded) return this.internWide(ascii(buf, start, start + len));
    const mask = this.slots.length - 1;
    let sameHash = 0;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry === EMPTY_SLOT) return this.add(slot, hash, ascii(buf, start, start + len));
      const id = entry - 1;
      if (this.hashes[id] === hash) {
        if (sameAscii(this.names[id]!, buf, start, len)) return id;
        if (++sameHash > MAX_SAME_HASH) return this.flood(ascii(buf, start, start + len));
      }
    }
  }

  /** The id of `name`, made on first sight; -1 for '' (an absent optional input). */
  intern(name: string): number {
    if (name === '') return -1;
    const hash = this.flooded ? undefined : hashAsciiString(name);
    if (hash === undefined) return this.internWide(name);
    const mask = this.slots.length - 1;
    let sameHash = 0;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry === EMPTY_SLOT) return this.add(slot, hash, name);
      const id = entry - 1;
      if (this.hashes[id] === hash) {
        if (this.names[id] === name) return id;
        if (++sameHash > MAX_SAME_HASH) return this.flood(name);
      }
    }
  }

  /** The id of `name`; -1 for '' or a name the table has not seen. */
  idOf(name: string): number {
    if (name === '') return -1;
    const hash = this.flooded ? undefined : hashAsciiString(name);
    if (hash === undefined) return this.wide.get(name) ?? -1;
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry === EMPTY_SLOT) return -1;
      const id = entry - 1;
      if (this.hashes[id] === hash && this.names[id] === name) return id;
    }
  }

  /** Moves every name into the Map and interns `name` there; from now on the hash table is not used. */
  private flood(name: string): number {
    this.flooded = true;
    this.names.forEach((known, id) => this.wide.set(known, id));
    this.slots = new Int32Array(0);
    return this.internWide(name);
  }

  private internWide(name: string): number {
    let id = this.wide.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.wide.set(name, id);
      this.growHashes();
    }
    return id;
  }

  private add(slot: number, hash: number, name: string): number {
    const id = this.names.length;
    this.names.push(name);
    this.growHashes();
    this.hashes[id] = hash;
    this.slots[slot] = id + 1;
    // At most half full: probes stay short.
    if ((id + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    return id;
  }

  private growHashes(): void {
    if (!this.flooded && this.names.length > this.hashes.length) this.hashes = grown(this.hashes);
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let id = 0; id < this.names.length; id++) {
      if (this.wide.size > 0 && this.wide.get(this.names[id]!) === id) continue;
      let slot = this.hashes[id]! & mask;
      while (slots[slot] !== EMPTY_SLOT) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }
}

function sameAscii(known: string, buf: Uint8Array, start: number, len: number): boolean {
  if (known.length !== len) return false;
  for (let i = 0; i < len; i++) if (known.charCodeAt(i) !== buf[start + i]) return false;
  return true;
}

/** One node list's inputs and outputs as ids: node i reads inIds[inStart[i] .. inStart[i + 1]) and writes
 *  outIds[outStart[i] .. outStart[i + 1]); -1 stands for an absent ('') input or output. */
export interface NodeValues {
  readonly names: ValueNames;
  readonly inStart: Int32Array;
  readonly inIds: Int32Array;
  readonly outStart: Int32Array;
  readonly outIds: Int32Array;
}

/** Collects a node list's ids while the nodes are decoded (or walked), one node after another. */
export class NodeValuesBuilder {
  readonly names = new ValueNames();
  // Small to start: a model may hold thousands of tiny If/Loop bodies.
  private inStart: Int32Array = new Int32Array(8);
  private inIds: Int32Array = new Int32Array(16);
  private outStart: Int32Array = new Int32Array(8);
  private outIds: Int32Array = new Int32Array(8);
  private nodes = 0;
  /** Set by finish. */
  private values: NodeValues | undefined = undefined;
  private inCount = 0;
  private outCount = 0;

  /** Starts the next node: the inputs and outputs added until the next call are its own. */
  beginNode(): void {
    if (this.nodes + 1 >= this.inStart.length) {
      this.inStart = grown(this.inStart);
      this.outStart = grown(this.outStart);
    }
    this.inStart[this.nodes] = this.inCount;
    this.outStart[this.nodes] = this.outCount;
    this.nodes++;
  }

  addInput(id: number): void {
    if (this.inCount === this.inIds.length) this.inIds = grown(this.inIds);
    this.inIds[this.inCount++] = id;
  }

  addOutput(id: number): void {
    if (this.outCount === this.outIds.length) this.outIds = grown(this.outIds);
    this.outIds[this.outCount++] = id;
  }

  /** The index the node begun last has in its list. */
  get lastNode(): number {
    return this.nodes - 1;
  }

  /** The names of node `index`'s inputs (or outputs), as one exactly sized array (ReadNode asks, on demand, once
   *  its node list is read: a list whose read failed is never handed out). */
  namesOf(index: number, inputs: boolean): string[] {
    const finished = this.values;
    if (!finished) throw new Error('node values: names asked for before the node list was finished');
    const ids = inputs ? finished.inIds : finished.outIds;
    const starts = inputs ? finished.inStart : finished.outStart;
    const from = starts[index]!;
    const to = starts[index + 1]!;
    switch (to - from) {
      case 0: return none();
      case 1: return [this.nameOf(ids[from]!)];
      case 2: return [this.nameOf(ids[from]!), this.nameOf(ids[from + 1]!)];
      default: {
        const out = new Array<string>(to - from);
        for (let k = from; k < to; k++) out[k - from] = this.nameOf(ids[k]!);
        return out;
      }
    }
  }

  private nameOf(id: number): string {
    return id < 0 ? '' : this.names.names[id]!;
  }

  /** The finished table, registered as the ids of `nodes` (which must be the nodes begun here, in order). */
  finish(nodes: readonly Node[]): NodeValues {
    if (nodes.length !== this.nodes) throw new Error(`node values: ${this.nodes} nodes begun, ${nodes.length} in the list`);
    this.inStart[this.nodes] = this.inCount;
    this.outStart[this.nodes] = this.outCount;
    const values: NodeValues = {
      names: this.names,
      inStart: this.inStart.slice(0, this.nodes + 1),
      inIds: this.inIds.slice(0, this.inCount),
      outStart: this.outStart.slice(0, this.nodes + 1),
      outIds: this.outIds.slice(0, this.outCount),
    };
    registry.set(nodes, values);
    // Read nodes keep this builder to spell their names on demand: from now on it answers from the exact copies.
    this.values = values;
    this.inStart = this.inIds = this.outStart = this.outIds = EMPTY_IDS;
    return values;
  }
}

const EMPTY_IDS = new Int32Array(0);

function grown(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

// Keyed by the node list itself: a graph copied with other nodes ({ ...graph, nodes }) has a new list and gets its
// own table. Models are not mutated once read, so a registered table stays true to its list; a list changed in
// place (nodes replaced or reordered at the same length) would keep stale ids — build a new list instead.
const registry = new WeakMap<readonly Node[], NodeValues>();

/** The ids of a node list's values: the reader's table when it made the list, otherwise made now (and kept). */
export function nodeValuesOf(nodes: readonly Node[]): NodeValues {
  const known = registry.get(nodes);
  if (known && known.inStart.length === nodes.length + 1) return known;
  const builder = new NodeValuesBuilder();
  const names = builder.names;
  for (const node of nodes) {
    builder.beginNode();
    for (const v of node.inputs) builder.addInput(names.intern(v));
    for (const v of node.outputs) builder.addOutput(names.intern(v));
  }
  return builder.finish(nodes);
}
