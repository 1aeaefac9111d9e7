// SPDX-License-Identifier: MIT
/** The engine's version, shown by the CLI and the app's about box. */
export const ENGINE_VERSION = '0.1.0';
