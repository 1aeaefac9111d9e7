// SPDX-License-Identifier: MIT
/** Language id used by every BPF editor model. */
export const BPF_LANGUAGE_ID = 'bpf';
