// SPDX-License-Identifier: MIT
/**
 * Loads Monaco lazily so the page paints and the engine worker starts while the 2.7 MB editor
 * chunk is still arriving.
 */
export type Monaco = typeof import('monaco-editor/editor');

let loading: Promise<Monaco> | undefined;

/** Monaco's API with every editor feature (hover, suggest, find…) and our BPF language registered. */
export function loadMonaco(): Promise<Monaco> {
  loading ??= (async () => {
    await import('./environment.ts');
    const [monaco] = await Promise.all([
      import('monaco-editor/editor'),
      import('monaco-editor/features/register.all'),
    ]);
    const { registerBpfLanguage } = await import('./bpf-language.ts');
    registerBpfLanguage(monaco);
    return monaco;
  })();
  return loading;
}
