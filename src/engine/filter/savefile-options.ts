// SPDX-License-Identifier: MIT
/**
 * The compile options `tcpdump -r FILE EXPR` uses, read off an open capture: libpcap compiles
 * with the savefile open, so the program depends on the file (pcap_compile after
 * pcap_open_offline): the file's byte order (DLT_NULL's address family is in the writer's order;
 * gencode.c gen_loopback_linktype swaps it when the file's order differs from the host's), its
 * snapshot length (the accept value, `ret #snaplen`), and the savefile rules for IPv6 on
 * NULL/LOOP and for `inbound`/`outbound`/`ifindex`.
 */
import type { CaptureInterface, CaptureSection } from '../capture/capture-types.ts';
import type { CompileFilterOptions } from './compile-filter.ts';

/**
 * libpcap's ceiling on a savefile's snapshot length for every link type the compiler supports
 * (pcap-common.c max_snaplen_for_dlt); a file that declares 0 or more gets this instead
 * (pcap_adjust_snapshot).
 */
const MAX_SNAPLEN = 262_144;

/**
 * Options for compiling `linkType` as tcpdump would when reading `capture`: the first interface of
 * that link type gives the snapshot length, its section the byte order. A link type the capture
 * does not have gets the first section's byte order and the default snapshot length.
 */
export function savefileOptions(
  capture: {
    interfaces: readonly Pick<CaptureInterface, 'linkType' | 'snaplen'>[];
    sections: readonly Pick<CaptureSection, 'bigEndian' | 'firstInterface'>[];
  },
  linkType: number,
): Pick<CompileFilterOptions, 'linkType' | 'snaplen' | 'savefile'> {
  const index = capture.interfaces.findIndex((i) => i.linkType === linkType);
  const iface = capture.interfaces[index];
  // A pcapng section owns the interfaces from its firstInterface up to the next section's.
  let section = capture.sections[0];
  for (const s of capture.sections) if (index >= 0 && s.firstInterface <= index) section = s;
  const declared = iface?.snaplen ?? 0;
  const snaplen = declared === 0 || declared > MAX_SNAPLEN ? MAX_SNAPLEN : declared;
  return { linkType, snaplen, savefile: { bigEndian: section?.bigEndian ?? false } };
}
