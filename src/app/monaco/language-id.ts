// SPDX-License-Identifier: MIT
/** Language id used by every BPF editor model. */
export const BPF_LANGUAGE_ID = 'bpf';

/** Editor themes named after the page themes (defined in bpf-language.ts). */
export const EDITOR_THEMES = { light: 'bpflab-light', dark: 'bpflab-dark' } as const;
