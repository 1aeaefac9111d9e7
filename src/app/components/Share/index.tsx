// SPDX-License-Identifier: MIT
/**
 * The Share button: puts the program, selected packet, breakpoints, settings and the expression
 * bar into the page address (`#s=…`, deflated) and copies it. The capture is never part of the link.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from '../../../state/store.ts';
import { shareUrl } from './share-link.ts';
import { useLinkArrivals } from './use-link-arrivals.ts';
import './share.css';

type CopyState = 'copying' | 'copied' | 'failed';

/** Copy `text` to the clipboard; false when the browser refuses. */
async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

interface PopoverProps {
  url: string;
  copyState: CopyState;
  onCopy: () => void;
  onClose: () => void;
}

/** The link, a Copy button, and what the link does not carry. */
function SharePopover({ url, copyState, onCopy, onClose }: PopoverProps) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  return (
    <div id="share-popover" className="share-popover" role="dialog" aria-label="Share link">
      <label htmlFor="share-url">Link to this program, packet, breakpoints, settings and expression</label>
      <div className="share-row">
        <input id="share-url" ref={input} readOnly value={url} onFocus={(e) => e.target.select()} />
        <button type="button" onClick={onCopy}>
          Copy
        </button>
      </div>
      <p className="share-status" role="status">
        {copyState === 'copied' && 'Copied to the clipboard. '}
        {copyState === 'failed' && 'The browser did not allow copying: select the link and copy it. '}
        {url.length.toLocaleString('en')} characters.
      </p>
      <p className="share-note">
        The capture is not in the link — it never leaves this machine. Whoever opens the link sees the program
        on their own capture (packet {useStore.getState().selectedPacket + 1} if it has one).
      </p>
      <button type="button" className="share-close" onClick={onClose}>
        Close
      </button>
    </div>
  );
}

/** The toolbar's Share button and its popover. */
export function ShareButton() {
  const [url, setUrl] = useState<string>();
  const [copyState, setCopyState] = useState<CopyState>('copying');
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useLinkArrivals();

  const share = async () => {
    const link = shareUrl(location.href, useStore.getState());
    // replaceState, not location.hash =: no history entry and no hashchange to react to.
    history.replaceState(history.state, '', link);
    setUrl(link);
    setCopyState('copying');
    setCopyState((await copy(link)) ? 'copied' : 'failed');
  };

  useEffect(() => {
    if (!url) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent) {
        if (event.key !== 'Escape') return;
        button.current?.focus();
      } else if (root.current?.contains(event.target as Node)) return;
      setUrl(undefined);
    };
    document.addEventListener('keydown', close);
    document.addEventListener('pointerdown', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('pointerdown', close);
    };
  }, [url]);

  return (
    <div className="share" ref={root}>
      <button
        ref={button}
        type="button"
        onClick={() => void share()}
        aria-expanded={url !== undefined}
        aria-controls="share-popover"
        title="Put the program, packet, breakpoints, settings and expression in a link"
      >
        Share
      </button>
      {url && (
        <SharePopover
          url={url}
          copyState={copyState}
          onCopy={() => void copy(url).then((ok) => setCopyState(ok ? 'copied' : 'failed'))}
          onClose={() => {
            setUrl(undefined);
            button.current?.focus();
          }}
        />
      )}
    </div>
  );
}
