// SPDX-License-Identifier: MIT
/** The bundled samples: programs (as text) and captures (as same-origin asset URLs). */

const programTexts = import.meta.glob('../../samples/programs/*.bpf', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const captureUrls = import.meta.glob('../../samples/captures/*.{pcap,pcapng}', {
  query: '?url',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** The capture opened on first load. */
export const DEFAULT_CAPTURE = 'dns.pcap';

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** Sample programs: file name, text, and the first comment line as a description. */
export function samplePrograms(): { name: string; text: string; description: string }[] {
  return Object.entries(programTexts)
    .map(([path, text]) => ({
      name: baseName(path),
      text,
      description: /^\s*[;#]\s*(.+)$/m.exec(text)?.[1]?.trim() ?? '',
    }))
    .sort((a, b) =>
      a.name === 'default.bpf' ? -1 : b.name === 'default.bpf' ? 1 : a.name.localeCompare(b.name),
    );
}

/** Sample captures: file name and URL. */
export function sampleCaptures(): { name: string; url: string }[] {
  return Object.entries(captureUrls)
    .map(([path, url]) => ({ name: baseName(path), url }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
