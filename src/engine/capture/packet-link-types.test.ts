// SPDX-License-Identifier: MIT
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../testkit/reference-tools.ts';
import { openCapture } from './index-capture.ts';
import { packetLinkTypes } from './packet-link-types.ts';

const open = (name: string) =>
  openCapture(new Uint8Array(readFileSync(join(REPO_ROOT, 'samples', 'captures', name)))).capture!;

describe('packetLinkTypes', () => {
  it("lists a mixed pcapng's link types in first-seen order, a pcap's one", () => {
    expect(packetLinkTypes(open('two-interfaces.pcapng'))).toEqual([1, 101]);
    expect(packetLinkTypes(open('linktype-null.pcap'))).toEqual([0]);
  });

  it("answers the first interface's link type for a capture without packets", () => {
    const empty = { packetCount: 0, linkType: () => 1, interfaces: [{ linkType: 113 }] };
    expect(packetLinkTypes(empty as never)).toEqual([113]);
    expect(packetLinkTypes({ ...empty, interfaces: [] } as never)).toEqual([]);
  });
});
