// SPDX-License-Identifier: MIT
/**
 * The expression field: a plain monospace `<input>` over a mirror of its text that draws the
 * marks (the primitive in focus, diagnostics' tokens). The mirror follows the input's horizontal
 * scroll; the pointer's column is worked out from the monospace character width.
 */
import { type KeyboardEvent, type RefObject, useCallback, useLayoutEffect, useRef } from 'react';
import { type Mark, segmentText } from './expression-marks.ts';

interface ExpressionInputProps {
  inputRef: RefObject<HTMLInputElement | null>;
  value: string;
  marks: readonly Mark[];
  invalid: boolean;
  /** Id of the element describing the field (its diagnostics). */
  describedBy?: string;
  onChange: (text: string) => void;
  /** The character offset under the pointer, or undefined when it leaves. */
  onPointOffset: (offset: number | undefined) => void;
  /** The caret's offset while the field has focus (undefined on blur or with a selection). */
  onCaretOffset: (offset: number | undefined) => void;
  onKeyDown?: (event: KeyboardEvent<HTMLInputElement>) => void;
}

/** Keys that move the caret: afterwards the primitive under it is shown. */
const NAVIGATION_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'Home', 'End']);

/** Width of one character of the input's (monospace) font. */
function charWidth(input: HTMLInputElement): number {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return 8;
  context.font = getComputedStyle(input).font;
  return context.measureText('0000000000').width / 10 || 8;
}

/** The expression input with its marks. */
export function ExpressionInput(props: ExpressionInputProps) {
  const { inputRef: input, value, marks, invalid, describedBy } = props;
  const { onChange, onPointOffset, onCaretOffset, onKeyDown } = props;
  const mirror = useRef<HTMLDivElement>(null);
  const width = useRef<number | undefined>(undefined);

  const syncScroll = useCallback(() => {
    if (input.current && mirror.current) mirror.current.scrollLeft = input.current.scrollLeft;
  }, [input]);
  // After every render: typing may have scrolled the input.
  useLayoutEffect(syncScroll);

  const reportCaret = () => {
    const el = input.current;
    syncScroll();
    if (!el || document.activeElement !== el) return;
    const { selectionStart, selectionEnd } = el;
    onCaretOffset(selectionStart !== null && selectionStart === selectionEnd ? selectionStart : undefined);
  };

  const pointAt = (clientX: number) => {
    const el = input.current;
    if (!el) return;
    width.current ??= charWidth(el);
    const style = getComputedStyle(el);
    const left =
      el.getBoundingClientRect().left + parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth);
    const offset = Math.floor((clientX - left + el.scrollLeft) / width.current);
    onPointOffset(offset >= 0 && offset < value.length ? offset : undefined);
  };

  return (
    <div className={`xb-field${invalid ? ' invalid' : ''}`}>
      <div ref={mirror} className="xb-mirror" aria-hidden="true">
        {segmentText(value, marks).map((s) => (
          <span key={s.start} className={s.kinds.map((k) => `xb-mark-${k}`).join(' ') || undefined}>
            {s.text}
          </span>
        ))}
      </div>
      <input
        ref={input}
        className="xb-input"
        type="text"
        value={value}
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="off"
        placeholder="tcpdump expression, e.g. udp port 53"
        aria-label="tcpdump expression"
        aria-invalid={invalid}
        {...(describedBy ? { 'aria-describedby': describedBy } : {})}
        onChange={(e) => {
          // While typing, the caret sits on the word being written: no primitive to show yet.
          onCaretOffset(undefined);
          onChange(e.target.value);
        }}
        onScroll={syncScroll}
        onKeyUp={(e) => (NAVIGATION_KEYS.has(e.key) ? reportCaret() : syncScroll())}
        onMouseUp={reportCaret}
        onBlur={() => onCaretOffset(undefined)}
        onKeyDown={onKeyDown}
        onMouseMove={(e) => pointAt(e.clientX)}
        onMouseLeave={() => onPointOffset(undefined)}
      />
    </div>
  );
}
