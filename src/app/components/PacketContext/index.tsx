// SPDX-License-Identifier: MIT
/**
 * The packet context: the Linux socket-buffer metadata the packet carries (what the ancillary
 * loads `#proto`, `#vlan_tci`… read), each value overridable, and the VLAN offload switch. Every
 * change re-runs the trace at once.
 */
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ExtensionName, PacketMeta } from '../../../engine/index.ts';
import { useStore } from '../../../state/store.ts';
import { MetaField } from './MetaField.tsx';
import { META_FIELDS, metaDigest } from './meta-fields.ts';
import './packet-context.css';

const OPEN_KEY = 'bpflab.packetContext.open';

/** Extensions the run read (the fields worth looking at). */
function extensionsRead(steps: readonly { read?: { kind: string; ext?: ExtensionName } }[] | undefined) {
  const names = new Set<ExtensionName>();
  for (const s of steps ?? []) if (s.read?.kind === 'ext' && s.read.ext) names.add(s.read.ext);
  return names;
}

interface HeaderProps {
  vlanOffload: boolean;
  open: boolean;
  overridden: number;
  onToggle: () => void;
}

/** Title, the VLAN offload switch (with its one-line why) and the show/hide button. */
function ContextHeader({ vlanOffload, open, overridden, onToggle }: HeaderProps) {
  return (
    <>
      <header className="pc-header">
        <h2 id="packet-context-title">Packet context</h2>
        <label className="pc-switch">
          <input
            type="checkbox"
            role="switch"
            aria-checked={vlanOffload}
            checked={vlanOffload}
            onChange={(e) => void useStore.getState().setVlanOffload(e.target.checked)}
            aria-describedby="vlan-offload-help"
          />
          VLAN offload
        </label>
        <button
          type="button"
          className="pc-toggle"
          aria-expanded={open}
          aria-controls="packet-context-fields"
          onClick={onToggle}
        >
          {open ? 'Hide' : 'Show'} metadata{overridden ? ` (${overridden} changed)` : ''}
        </button>
      </header>
      <p id="vlan-offload-help" className="pc-help">
        VLAN offload: strip the outer 802.1Q tag into metadata, as Linux NICs do: the classic reason a filter
        behaves differently live than on a file.
      </p>
    </>
  );
}

/** The panel under the machine pane. */
export function PacketContextPanel() {
  const s = useStore(
    useShallow((state) => ({
      meta: state.trace?.packet.meta,
      steps: state.trace?.run.steps,
      overrides: state.metaOverrides,
      semantics: state.semantics,
      vlanOffload: state.vlanOffload,
    })),
  );
  const [open, setOpen] = useState(() => globalThis.localStorage?.getItem(OPEN_KEY) === '1');
  const read = useMemo(() => extensionsRead(s.steps), [s.steps]);
  const toggle = () => {
    globalThis.localStorage?.setItem(OPEN_KEY, open ? '0' : '1');
    setOpen(!open);
  };
  const { setMetaOverride } = useStore.getState();
  return (
    <section className="packet-context" aria-labelledby="packet-context-title">
      <ContextHeader
        vlanOffload={s.vlanOffload}
        open={open}
        overridden={Object.keys(s.overrides).length}
        onToggle={toggle}
      />
      {s.semantics === 'libpcap' && (
        <p className="pc-note" role="note">
          libpcap semantics ignore this metadata: its bpf_filter() has no Linux extensions, so{' '}
          <code>#proto</code>, <code>#vlan_tci</code>… read as out of bounds and the program returns 0. VLAN
          offload still changes the bytes.
        </p>
      )}
      {s.meta && !open && <p className="pc-digest">{metaDigest(s.meta)}</p>}
      {!s.meta && <p className="pc-digest">The metadata shows once the program runs on a packet.</p>}
      {s.meta && open && (
        <fieldset id="packet-context-fields" className="meta-grid">
          <legend className="meta-legend">Socket-buffer metadata (what the Linux extensions read)</legend>
          {META_FIELDS.map((spec) => (
            <MetaField
              key={spec.key}
              spec={spec}
              value={(s.meta as PacketMeta)[spec.key]}
              overridden={spec.key in s.overrides}
              read={spec.ext !== undefined && read.has(spec.ext)}
              onSet={(value) => void setMetaOverride(spec.key, value as PacketMeta[typeof spec.key])}
            />
          ))}
        </fieldset>
      )}
    </section>
  );
}
