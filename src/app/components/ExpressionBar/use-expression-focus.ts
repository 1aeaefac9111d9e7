// SPDX-License-Identifier: MIT
/**
 * Which primitive is in focus, from whichever side the user points at: an instruction of the
 * listing (hovered or picked with the keyboard), or a character of the expression (under the
 * pointer, or at the caret). The answer is the primitive's span and its instructions.
 */
import { useMemo, useState } from 'react';
import type { ExpressionRow } from '../../../worker/protocol.ts';
import { pcsOf, primitiveAt, type Span, spanOf } from './expression-marks.ts';

/** The focus state and its setters. */
export interface ExpressionFocus {
  span: Span | undefined;
  lit: ReadonlySet<number>;
  activePc: number | undefined;
  setHoverPc: (pc: number | undefined) => void;
  setActivePc: (pc: number | undefined) => void;
  setPointOffset: (offset: number | undefined) => void;
  setCaretOffset: (offset: number | undefined) => void;
}

/** Track the focus over `rows`, whose ranges point into `text` (empty rows: nothing in focus). */
export function useExpressionFocus(rows: readonly ExpressionRow[], text: string): ExpressionFocus {
  const [hoverPc, setHoverPc] = useState<number | undefined>();
  const [activePc, setActivePc] = useState<number | undefined>();
  const [pointOffset, setPointOffset] = useState<number | undefined>();
  const [caretOffset, setCaretOffset] = useState<number | undefined>();

  const span = useMemo(() => {
    const pc = hoverPc ?? activePc;
    if (pc !== undefined) return spanOf(rows[pc]?.range, text);
    if (pointOffset !== undefined) return primitiveAt(rows, text, pointOffset);
    if (caretOffset === undefined) return undefined;
    // A caret right after a primitive (`udp port 53|`) still means that primitive.
    return primitiveAt(rows, text, caretOffset) ?? primitiveAt(rows, text, caretOffset - 1);
  }, [rows, text, hoverPc, activePc, pointOffset, caretOffset]);
  const lit = useMemo(() => pcsOf(rows, text, span), [rows, text, span]);

  return { span, lit, activePc, setHoverPc, setActivePc, setPointOffset, setCaretOffset };
}
