// SPDX-License-Identifier: MIT
/**
 * Packet-list rows fetched from the worker a page at a time and kept in a bounded cache. Only the
 * pages the viewport needs (plus a margin) are asked for; a new capture drops everything, and an
 * answer for an older capture is thrown away.
 */
import type { PacketRow } from '../../../worker/protocol.ts';

/** Rows per request. */
export const PAGE_SIZE = 64;
/**
 * Pages kept (256 × 64 rows ≈ 16k rows); the least recently used go first. A sparse filtered view
 * can need a page per visible row, so this is well above a few screens of rows.
 */
const MAX_PAGES = 256;

/** Fetches `count` rows from packet `start` (the worker's `packetRows`). */
export type FetchRows = (start: number, count: number) => Promise<PacketRow[]>;

/** The cache of one list. */
export class RowCache {
  private pages = new Map<number, PacketRow[]>();
  private pending = new Set<number>();
  private generation = 0;

  constructor(
    private readonly fetchRows: FetchRows,
    /** Called when a page arrives, so the list can re-render. */
    private readonly onLoad: () => void,
  ) {}

  private capture: unknown;

  /** Forget every row (a new capture was opened). */
  reset(): void {
    this.generation++;
    this.pages.clear();
    this.pending.clear();
  }

  /** Say which capture the rows are of; a different one than before drops every row. */
  setCapture(capture: unknown): void {
    if (Object.is(capture, this.capture)) return;
    this.capture = capture;
    this.reset();
  }

  /** The row of `packet`, if its page has arrived. */
  row(packet: number): PacketRow | undefined {
    const page = this.pages.get(Math.floor(packet / PAGE_SIZE));
    return page?.[packet % PAGE_SIZE];
  }

  /** Ask for the pages holding these packets (one request per missing page). */
  ensure(packets: Iterable<number>): void {
    for (const packet of packets) {
      const page = Math.floor(packet / PAGE_SIZE);
      const hit = this.pages.get(page);
      if (hit) {
        // Refresh its place in the LRU order.
        this.pages.delete(page);
        this.pages.set(page, hit);
      } else if (packet >= 0 && !this.pending.has(page)) {
        this.load(page);
      }
    }
  }

  /** Number of pages held (for tests). */
  get size(): number {
    return this.pages.size;
  }

  private load(page: number): void {
    const generation = this.generation;
    this.pending.add(page);
    this.fetchRows(page * PAGE_SIZE, PAGE_SIZE).then(
      (rows) => {
        if (generation !== this.generation) return; // an answer about a capture no longer open
        this.pending.delete(page);
        this.pages.set(page, rows);
        while (this.pages.size > MAX_PAGES) {
          const oldest = this.pages.keys().next().value as number;
          this.pages.delete(oldest);
        }
        this.onLoad();
      },
      () => {
        if (generation === this.generation) this.pending.delete(page);
      },
    );
  }
}
