// savefileOptions: what `tcpdump -r` compiles with, read off the capture's interfaces and sections.
import { describe, expect, it } from 'vitest';
import type { CaptureInterface, CaptureSection } from '../capture/capture-types.ts';
import { savefileOptions } from './savefile-options.ts';

const iface = (linkType: number, snaplen: number): Pick<CaptureInterface, 'linkType' | 'snaplen'> => ({
  linkType,
  snaplen,
});
const section = (firstInterface: number, bigEndian: boolean): CaptureSection => ({
  offset: firstInterface * 100,
  bigEndian,
  version: '1.0',
  firstInterface,
});

describe('savefileOptions', () => {
  it("takes the snaplen of the link type's first interface and its section's byte order", () => {
    const capture = {
      interfaces: [iface(1, 65535), iface(0, 96), iface(0, 128)],
      sections: [section(0, false), section(1, true)],
    };
    expect(savefileOptions(capture, 1)).toEqual({
      linkType: 1,
      snaplen: 65535,
      savefile: { bigEndian: false },
    });
    expect(savefileOptions(capture, 0)).toEqual({ linkType: 0, snaplen: 96, savefile: { bigEndian: true } });
  });

  it('adjusts a snaplen of 0 or above 262144 to 262144, as pcap_adjust_snapshot does', () => {
    const capture = { interfaces: [iface(1, 0), iface(101, 1 << 20)], sections: [section(0, false)] };
    expect(savefileOptions(capture, 1).snaplen).toBe(262144);
    expect(savefileOptions(capture, 101).snaplen).toBe(262144);
  });

  it("falls back to the first section's byte order for a link type the capture lacks", () => {
    const capture = { interfaces: [iface(1, 96)], sections: [section(0, true)] };
    expect(savefileOptions(capture, 0)).toEqual({
      linkType: 0,
      snaplen: 262144,
      savefile: { bigEndian: true },
    });
  });
});
