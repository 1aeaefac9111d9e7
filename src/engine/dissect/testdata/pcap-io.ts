// SPDX-License-Identifier: MIT
/**
 * Test-only capture I/O, independent of the capture module: write a classic pcap, and read
 * classic pcap (all four magics) or pcapng (SHB, IDB, EPB, SPB) into plain packet records.
 */

/** One frame as the tests use it. */
export interface TestPacket {
  linkType: number;
  bytes: Uint8Array;
  wireLength: number;
}

/** A classic pcap (µs, little-endian) with one link type. */
export function writeTestPcap(linkType: number, frames: readonly (Uint8Array | { bytes: Uint8Array; wireLength: number })[]): Uint8Array {
  const records = frames.map((f) => (f instanceof Uint8Array ? { bytes: f, wireLength: f.length } : f));
  const size = 24 + records.reduce((n, r) => n + 16 + r.bytes.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0xa1b2c3d4, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, 262144, true);
  view.setUint32(20, linkType, true);
  let at = 24;
  records.forEach((r, i) => {
    view.setUint32(at, 1_700_000_000 + i, true);
    view.setUint32(at + 8, r.bytes.length, true);
    view.setUint32(at + 12, r.wireLength, true);
    out.set(r.bytes, at + 16);
    at += 16 + r.bytes.length;
  });
  return out;
}

/**
 * One pcapng holding packets of any link types (an interface per link type), so a single tshark
 * run can dissect packets gathered from many files.
 */
export function writeTestPcapng(packets: readonly TestPacket[]): Uint8Array {
  const linkTypes = [...new Set(packets.map((p) => p.linkType))];
  const pad = (n: number) => (n + 3) & ~3;
  const size = 28 + linkTypes.length * 20 + packets.reduce((n, p) => n + 32 + pad(p.bytes.length), 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const block = (at: number, type: number, length: number) => {
    view.setUint32(at, type, true);
    view.setUint32(at + 4, length, true);
    view.setUint32(at + length - 4, length, true);
  };
  block(0, 0x0a0d0d0a, 28);
  view.setUint32(8, 0x1a2b3c4d, true);
  view.setUint16(12, 1, true);
  view.setBigInt64(16, -1n, true);
  let at = 28;
  for (const linkType of linkTypes) {
    block(at, 1, 20);
    view.setUint16(at + 8, linkType, true);
    at += 20;
  }
  packets.forEach((p, i) => {
    const length = 32 + pad(p.bytes.length);
    block(at, 6, length);
    view.setUint32(at + 8, linkTypes.indexOf(p.linkType), true);
    view.setUint32(at + 16, i, true);
    view.setUint32(at + 20, p.bytes.length, true);
    view.setUint32(at + 24, p.wireLength, true);
    out.set(p.bytes, at + 28);
    at += length;
  });
  return out;
}

function readPcap(data: Uint8Array): TestPacket[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const magic = view.getUint32(0, true);
  const little = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const linkType = view.getUint32(20, little) & 0x0fffffff;
  const out: TestPacket[] = [];
  for (let at = 24; at + 16 <= data.length; ) {
    const caplen = view.getUint32(at + 8, little);
    const wireLength = view.getUint32(at + 12, little);
    if (at + 16 + caplen > data.length) break;
    out.push({ linkType, bytes: data.slice(at + 16, at + 16 + caplen), wireLength });
    at += 16 + caplen;
  }
  return out;
}

function readPcapng(data: Uint8Array): TestPacket[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out: TestPacket[] = [];
  let little = true;
  let interfaces: number[] = [];
  for (let at = 0; at + 12 <= data.length; ) {
    if (view.getUint32(at, true) === 0x0a0d0d0a) {
      little = view.getUint32(at + 8, true) === 0x1a2b3c4d;
      interfaces = [];
    }
    const type = view.getUint32(at, little);
    const length = view.getUint32(at + 4, little);
    if (length < 12 || at + length > data.length) break;
    if (type === 1) interfaces.push(view.getUint16(at + 8, little));
    if (type === 6) {
      const caplen = view.getUint32(at + 20, little);
      out.push({
        linkType: interfaces[view.getUint32(at + 8, little)] ?? -1,
        bytes: data.slice(at + 28, at + 28 + caplen),
        wireLength: view.getUint32(at + 24, little),
      });
    }
    if (type === 2) {
      const caplen = view.getUint32(at + 20, little);
      out.push({
        linkType: interfaces[view.getUint16(at + 8, little)] ?? -1,
        bytes: data.slice(at + 28, at + 28 + caplen),
        wireLength: view.getUint32(at + 24, little),
      });
    }
    if (type === 3) {
      const wireLength = view.getUint32(at + 8, little);
      const caplen = Math.min(wireLength, length - 16);
      out.push({ linkType: interfaces[0] ?? -1, bytes: data.slice(at + 12, at + 12 + caplen), wireLength });
    }
    at += length;
  }
  return out;
}

/** Every packet of a pcap or pcapng file. */
export function readTestCapture(data: Uint8Array): TestPacket[] {
  const magic = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0, true);
  return magic === 0x0a0d0d0a ? readPcapng(data) : readPcap(data);
}
