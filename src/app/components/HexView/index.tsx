// SPDX-License-Identifier: MIT
/**
 * The packet's bytes as the filter sees them, with what the current step read lit strongly, what
 * the next step will read outlined, the bits a mask looks at, and the field under the pointer or
 * selected in the tree softly lit (hover a byte: its field lights up in the tree; click: select it).
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Field } from '../../../engine/index.ts';
import { useStore } from '../../../state/store.ts';
import type { PacketView } from '../../../worker/protocol.ts';
import { fieldAt, fieldsTouching, innermostField } from '../FieldTree/field-paths.ts';
import { BitStrip } from './BitStrip.tsx';
import { byteMarks } from './byte-marks.ts';
import { type CaptionContext, currentCaption, nextCaption } from './caption.ts';
import { HexGrid } from './HexGrid.tsx';
import { pathFor, usePacketFocus, useReadFocus, useShownPacket } from './packet-focus.ts';
import { type ByteSpan, maskAt, maskedBitString, type ReadFocus } from './read-focus.ts';
import './hex-view.css';

/** Labels of the innermost fields a span touches. */
function touchedLabels(fields: readonly Field[], span: ByteSpan): string[] {
  return [...fieldsTouching(fields, span).hits].map((p) => fieldAt(fields, p)?.label ?? p);
}

/** The hex view pane. */
export function HexView() {
  const { packet, key } = useShownPacket();
  const listing = useStore((state) => state.analysis?.listing);
  const focus = usePacketFocus(
    useShallow((f) => ({ hovered: f.hovered, selected: f.selected, reveal: f.reveal })),
  );
  const lit = useReadFocus(packet);
  const fields = packet?.fields ?? [];
  const hovered = fieldAt(fields, pathFor(focus.hovered, key));
  const selected = fieldAt(fields, pathFor(focus.selected, key));
  const marks = useMemo(
    () =>
      byteMarks(packet?.bytes.length ?? 0, {
        ...(lit.current ? { read: lit.current } : {}),
        ...(lit.next ? { next: lit.next } : {}),
        ...(hovered ? { hover: hovered.range } : {}),
        ...(selected ? { selected: selected.range } : {}),
      }),
    [packet, lit, hovered, selected],
  );

  if (!packet) {
    return (
      <section className="pane hex-view" aria-label="packet bytes">
        <p className="empty">No packet to show: open a capture, then pick a packet to see its bytes.</p>
      </section>
    );
  }
  const current = lit.current;
  const note = (at: number) =>
    current?.bitMask !== undefined && maskAt(current, at) !== 0
      ? `bits looked at: ${maskedBitString(packet.bytes[at] as number, maskAt(current, at))}`
      : undefined;
  const refAt = (at: number) => {
    const path = innermostField(fields, at);
    return path === undefined ? undefined : { packet: key, path };
  };

  return (
    <section className="pane hex-view" aria-label="packet bytes">
      <HexHeader packet={packet} />
      <HexCaptions packet={packet} lit={lit} asm={(pc) => listing?.[pc]?.asm} />
      <HexGrid
        bytes={packet.bytes}
        marks={marks}
        revealRead={current?.offset}
        revealSelected={selected?.range.offset}
        revealTick={focus.reveal}
        note={note}
        onHover={(at) => usePacketFocus.getState().hover(at === undefined ? undefined : refAt(at))}
        onPick={(at) => usePacketFocus.getState().select(refAt(at), true)}
      />
      <HexLegend />
    </section>
  );
}

/** What the step just executed read and what the next one will, in words, with the bits looked at. */
function HexCaptions(props: { packet: PacketView; lit: ReadFocus; asm: (pc: number) => string | undefined }) {
  const { packet, lit, asm } = props;
  const ctx = (span: ByteSpan): CaptionContext => ({
    bytes: packet.bytes,
    asm,
    fields: touchedLabels(packet.fields, span),
  });
  const current = lit.current;
  return (
    <div className="hex-captions" aria-live="polite">
      {current && (
        <p className={`hex-caption cap-read${current.outOfBounds ? ' cap-oob' : ''}`} data-testid="hex-read">
          {currentCaption(current, ctx(current))}
        </p>
      )}
      {lit.next && (
        <p className="hex-caption cap-next" data-testid="hex-next">
          {nextCaption(lit.next, ctx(lit.next))}
        </p>
      )}
      {current?.bitMask !== undefined && <BitStrip bytes={packet.bytes} span={current} />}
    </div>
  );
}

/** Which packet, how many bytes, and whether the capture cut it short. */
function HexHeader({ packet }: { packet: PacketView }) {
  const captured = packet.bytes.length;
  const truncated = captured < packet.wireLength;
  return (
    <header className="hex-head">
      <h2 className="pane-title">Bytes</h2>
      <span className="hex-meta">
        packet {(packet.index + 1).toLocaleString('en')} · {packet.linkTypeName}
      </span>
      {truncated ? (
        <span
          className="hex-truncated"
          data-testid="hex-truncated"
          title="The capture kept only the first bytes of this frame (its snapshot length); loads past them end the program with 0."
        >
          captured {captured.toLocaleString('en')} of {packet.wireLength.toLocaleString('en')} bytes
        </span>
      ) : (
        <span className="hex-meta">{captured.toLocaleString('en')} bytes</span>
      )}
    </header>
  );
}

/** What the highlight styles mean. */
function HexLegend() {
  return (
    <p className="hex-legend" aria-hidden="true">
      <span className="hx m-read">08</span> read by this step
      <span className="hx m-origin">08</span> A came from here
      <span className="hx m-next">08</span> read next
      <span className="hx m-hover">08</span> field
    </p>
  );
}
