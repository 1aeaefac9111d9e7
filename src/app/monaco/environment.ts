// SPDX-License-Identifier: MIT
/**
 * Monaco, core only and bundled (never a CDN loader: the site must work offline). Since
 * monaco-editor 0.56 the worker lives at `monaco-editor/editor/editor.worker`; we need no
 * language-service workers, only the editor's own.
 */
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

self.MonacoEnvironment = {
  getWorker() {
    return new EditorWorker();
  },
};
